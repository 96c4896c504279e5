package main

import (
	"fmt"
	"os"
)

// Config comes from the environment; .env.example lists the names.
type Config struct {
	Port            string
	DatabaseURL     string
	RedisURL        string
	JWTSecret       []byte
	UploadBucketURL string
}

func loadConfig() (Config, error) {
	cfg := Config{
		Port:            os.Getenv("PORT"),
		DatabaseURL:     os.Getenv("DATABASE_URL"),
		RedisURL:        os.Getenv("REDIS_URL"),
		JWTSecret:       []byte(os.Getenv("JWT_SECRET")),
		UploadBucketURL: os.Getenv("UPLOAD_BUCKET_URL"),
	}
	if cfg.Port == "" {
		cfg.Port = "8080"
	}
	if cfg.DatabaseURL == "" || cfg.RedisURL == "" || len(cfg.JWTSecret) == 0 || cfg.UploadBucketURL == "" {
		return cfg, fmt.Errorf("DATABASE_URL, REDIS_URL, JWT_SECRET and UPLOAD_BUCKET_URL must be set")
	}
	return cfg, nil
}
