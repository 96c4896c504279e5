package main

import (
	"log"
	"os"

	"gopkg.in/yaml.v3"
)

// Config is one environment's section of config/config.yml.
type Config struct {
	DatabaseURL string `yaml:"database_url"`
	UploadDir   string `yaml:"upload_dir"`
}

// loadConfig picks the section of config/config.yml named by APP_ENV.
func loadConfig() Config {
	raw, err := os.ReadFile("config/config.yml")
	if err != nil {
		log.Fatalf("read config: %v", err)
	}
	var all map[string]Config
	if err := yaml.Unmarshal(raw, &all); err != nil {
		log.Fatalf("parse config: %v", err)
	}
	env := os.Getenv("APP_ENV")
	if env == "" {
		env = "development"
	}
	return all[env]
}
