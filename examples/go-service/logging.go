package main

import (
	"log"
	"os"
)

// setupLogging sends the standard logger to a file on this machine.
func setupLogging() {
	f, err := os.OpenFile("/var/log/orders/orders.log", os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		log.Fatalf("open log file: %v", err)
	}
	log.SetOutput(f)
}
