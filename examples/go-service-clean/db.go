package main

import (
	"database/sql"

	"github.com/redis/go-redis/v9"
	_ "github.com/lib/pq"
)

// The same Postgres in every environment: only DATABASE_URL differs.
func openDB(cfg Config) (*sql.DB, error) {
	return sql.Open("postgres", cfg.DatabaseURL)
}

func newRedis(cfg Config) (*redis.Client, error) {
	opts, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		return nil, err
	}
	return redis.NewClient(opts), nil
}
