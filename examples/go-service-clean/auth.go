package main

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/http"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/redis/go-redis/v9"
)

const sessionTTL = 24 * time.Hour

type App struct {
	cfg     Config
	db      *sql.DB
	rdb     *redis.Client
	uploads *ObjectStore
}

// login keeps the session in Redis, so any instance can serve the next request.
func (a *App) login(w http.ResponseWriter, r *http.Request) {
	user := r.FormValue("user")
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	sid := hex.EncodeToString(id)
	if err := a.rdb.Set(r.Context(), "session:"+sid, user, sessionTTL).Err(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: sid, HttpOnly: true, Secure: true, Path: "/"})
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": user, "exp": time.Now().Add(time.Hour).Unix()})
	signed, err := token.SignedString(a.cfg.JWTSecret)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write([]byte(signed))
}

func (a *App) requireUser(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		cookie, err := r.Cookie("sid")
		if err != nil || a.rdb.Exists(r.Context(), "session:"+cookie.Value).Val() == 0 {
			http.Error(w, "login required", http.StatusUnauthorized)
			return
		}
		next(w, r)
	}
}
