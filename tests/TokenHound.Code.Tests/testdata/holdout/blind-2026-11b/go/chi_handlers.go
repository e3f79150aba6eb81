package api

import (
	"encoding/json"
	"log"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

type Session struct {
	UserID string
	Token  string
	Expiry time.Time
}

type SessionStore interface {
	Create(userID string) (*Session, error)
}

type Server struct {
	store SessionStore
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func parseLimit(r *http.Request, def, max int) int {
	n, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil || n <= 0 {
		return def
	}
	if n > max {
		return max
	}
	return n
}

func (s *Server) Routes() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Use(s.auditAuth)
	r.Post("/sessions", s.createSession)
	r.Post("/sessions/remember", s.rememberSession)
	r.Get("/items", s.listItems)
	return r
}

func (s *Server) auditAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Printf("request id=%s path=%s", middleware.GetReqID(r.Context()), r.URL.Path)
		if strings.HasPrefix(r.URL.Path, "/admin") {
			log.Printf("admin access with auth header: %s", r.Header.Get("Authorization")) // Noncompliant THC001
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) createSession(w http.ResponseWriter, r *http.Request) {
	userID := r.FormValue("user")
	if userID == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "user required"})
		return
	}
	sess, err := s.store.Create(userID)
	if err != nil {
		log.Printf("create session failed for %s: %v", userID, err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "session_token", Value: sess.Token, Path: "/", Expires: sess.Expiry, HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	writeJSON(w, http.StatusCreated, map[string]string{"user": sess.UserID})
}

func (s *Server) rememberSession(w http.ResponseWriter, r *http.Request) {
	sess, err := s.store.Create(r.FormValue("user"))
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "remember_token", Value: sess.Token, Path: "/", MaxAge: 30 * 86400}) // Noncompliant THC007
	writeJSON(w, http.StatusCreated, map[string]string{"user": sess.UserID})
}

func (s *Server) listItems(w http.ResponseWriter, r *http.Request) {
	limit := parseLimit(r, 20, 100)
	cursor := chi.URLParam(r, "cursor")
	writeJSON(w, http.StatusOK, map[string]any{"limit": limit, "cursor": cursor, "items": []string{}})
}
