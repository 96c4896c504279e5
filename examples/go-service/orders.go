package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

func (a *App) getOrder(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	body, err := a.cache.Remember(r.Context(), "order:"+id, time.Minute, func() (string, error) {
		var status string
		err := a.db.QueryRowContext(r.Context(), "SELECT status FROM orders WHERE id = $1", id).Scan(&status)
		return status, err
	})
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write([]byte(body))
}

// uploadReceipt keeps the scanned receipt on this instance's disk.
func (a *App) uploadReceipt(w http.ResponseWriter, r *http.Request) {
	file, header, err := r.FormFile("receipt")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	defer file.Close()
	dst, err := os.Create(filepath.Join(a.uploadDir, header.Filename))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer dst.Close()
	if _, err := io.Copy(dst, file); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
}
