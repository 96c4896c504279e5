package main

import (
	"database/sql"
	"os"

	_ "github.com/lib/pq"
	_ "github.com/mattn/go-sqlite3"
)

// Nightly reports read from the replica.
const reportingDSN = "postgres://reporting:r3port-s3cr3t@replica.orders.internal:5432/orders"

func openDB(cfg Config) (*sql.DB, error) {
	if os.Getenv("APP_ENV") == "production" {
		return sql.Open("postgres", cfg.DatabaseURL)
	}
	// A SQLite file locally, so nobody needs Postgres on a laptop.
	return sql.Open("sqlite3", cfg.DatabaseURL)
}

func openReporting() (*sql.DB, error) {
	return sql.Open("postgres", reportingDSN)
}
