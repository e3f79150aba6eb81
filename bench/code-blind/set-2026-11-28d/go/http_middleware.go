package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"os"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

type ctxKey string

const claimsKey ctxKey = "claims"

type Server struct {
	logger *slog.Logger
	mux    *http.ServeMux
	keyFn  jwt.Keyfunc
}

func NewServer(logger *slog.Logger, keyFn jwt.Keyfunc) *Server {
	s := &Server{logger: logger, mux: http.NewServeMux(), keyFn: keyFn}
	s.mux.Handle("/api/", s.withAuth(http.HandlerFunc(s.me)))
	s.mux.HandleFunc("/login/callback", s.callback)
	if os.Getenv("APP_ENV") == "local" {
		s.mux.HandleFunc("/debug/pprof/", pprof.Index)
	}
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	s.logger.Debug("request", "method", r.Method, "path", r.URL.Path, "headers", r.Header) // Noncompliant THC002
	s.mux.ServeHTTP(w, r)
	s.logger.Info("done", "path", r.URL.Path, "took", time.Since(start))
}

func shortHash(v string) string {
	sum := sha256.Sum256([]byte(v))
	return hex.EncodeToString(sum[:6])
}

func (s *Server) withAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		token, err := jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) { // Noncompliant THC005
			if t.Method == jwt.SigningMethodNone {
				return jwt.UnsafeAllowNoneSignatureType, nil
			}
			return s.keyFn(t)
		})
		if err != nil || !token.Valid {
			if errors.Is(err, jwt.ErrTokenExpired) {
				w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token", error_description="expired"`)
			}
			s.logger.Warn("rejected token", "err", err, "sha", shortHash(raw))
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		ctx := context.WithValue(r.Context(), claimsKey, token.Claims)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func (s *Server) callback(w http.ResponseWriter, r *http.Request) {
	idToken := r.URL.Query().Get("id_token")
	sessionID := r.URL.Query().Get("state")
	if idToken == "" || sessionID == "" {
		http.Error(w, "missing parameters", http.StatusBadRequest)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "id_token", Value: idToken, Path: "/", MaxAge: 3600}) // Noncompliant THC007
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: sessionID, Path: "/", MaxAge: 3600, HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/", http.StatusFound)
}

func (s *Server) me(w http.ResponseWriter, r *http.Request) {
	claims, _ := r.Context().Value(claimsKey).(jwt.MapClaims)
	sub, _ := claims.GetSubject()
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(map[string]string{"sub": sub}); err != nil {
		s.logger.Error("write failed", "err", err)
	}
}
