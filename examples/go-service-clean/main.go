// orders: the clean twin of ../go-service. Config from the environment, logs on stdout, state in backing services.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	slog.SetDefault(logger)

	cfg, err := loadConfig()
	if err != nil {
		logger.Error("config", "err", err)
		os.Exit(1)
	}
	db, err := openDB(cfg)
	if err != nil {
		logger.Error("open database", "err", err)
		os.Exit(1)
	}
	defer db.Close()
	rdb, err := newRedis(cfg)
	if err != nil {
		logger.Error("connect redis", "err", err)
		os.Exit(1)
	}

	app := &App{cfg: cfg, db: db, rdb: rdb, uploads: newObjectStore(cfg.UploadBucketURL)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", app.login)
	mux.HandleFunc("GET /orders/{id}", app.requireUser(app.getOrder))
	mux.HandleFunc("POST /orders/{id}/receipt", app.requireUser(app.uploadReceipt))

	srv := &http.Server{Addr: ":" + cfg.Port, Handler: mux}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	go func() {
		logger.Info("orders listening", "port", cfg.Port)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("serve", "err", err)
			os.Exit(1)
		}
	}()

	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		logger.Error("shutdown", "err", err)
	}
}
