// orders: a small order service with twelve-factor mistakes (see README.md).
package main

import (
	"log"
	"net/http"
)

func main() {
	cfg := loadConfig()
	setupLogging()

	db, err := openDB(cfg)
	if err != nil {
		log.Fatalf("open database: %v", err)
	}
	defer db.Close()

	app := &App{db: db, cache: newCache(), uploadDir: cfg.UploadDir}

	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", app.login)
	mux.HandleFunc("GET /orders/{id}", app.requireUser(app.getOrder))
	mux.HandleFunc("POST /orders/{id}/receipt", app.requireUser(app.uploadReceipt))

	log.Println("orders listening on :8080")
	log.Fatal(http.ListenAndServe(":8080", mux))
}
