package main

import (
	"net/http"
	"time"
)

func (a *App) getOrder(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	key := "order:" + id
	if status, err := a.rdb.Get(r.Context(), key).Result(); err == nil {
		w.Write([]byte(status))
		return
	}
	var status string
	if err := a.db.QueryRowContext(r.Context(), "SELECT status FROM orders WHERE id = $1", id).Scan(&status); err != nil {
		http.NotFound(w, r)
		return
	}
	a.rdb.Set(r.Context(), key, status, time.Minute)
	w.Write([]byte(status))
}

// uploadReceipt streams the receipt to object storage; nothing is written to this machine's disk.
func (a *App) uploadReceipt(w http.ResponseWriter, r *http.Request) {
	file, header, err := r.FormFile("receipt")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	defer file.Close()
	key := "receipts/" + r.PathValue("id") + "/" + header.Filename
	if err := a.uploads.Put(r.Context(), key, file, header.Header.Get("Content-Type")); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusCreated)
}
