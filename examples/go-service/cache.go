package main

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

type Cache struct{ rdb *redis.Client }

func newCache() *Cache {
	opts, err := redis.ParseURL("redis://cache.orders.internal:6379/0")
	if err != nil {
		panic(err)
	}
	return &Cache{rdb: redis.NewClient(opts)}
}

func (c *Cache) Remember(ctx context.Context, key string, ttl time.Duration, load func() (string, error)) (string, error) {
	if v, err := c.rdb.Get(ctx, key).Result(); err == nil {
		return v, nil
	}
	v, err := load()
	if err != nil {
		return "", err
	}
	return v, c.rdb.Set(ctx, key, v, ttl).Err()
}
