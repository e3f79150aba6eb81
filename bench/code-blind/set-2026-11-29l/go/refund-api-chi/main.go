// Command refund-api-chi serves the support team's refund API.
package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/golang-jwt/jwt/v5"
)

type server struct {
	logger  *slog.Logger
	hmacKey []byte
}

func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

func (s *server) keyFunc(t *jwt.Token) (interface{}, error) {
	return s.hmacKey, nil
}

func (s *server) requireAgent(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.logger.Info("auth check", "path", r.URL.Path, "authorization", r.Header.Get("Authorization")) // Noncompliant THC001
		claims := jwt.MapClaims{}
		if _, _, err := jwt.NewParser().ParseUnverified(bearer(r), claims); err != nil { // Noncompliant THC005
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if claims["role"] != "support_agent" {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *server) requireSupervisor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok, err := jwt.Parse(bearer(r), s.keyFunc, jwt.WithValidMethods([]string{"HS256"}), jwt.WithAudience("refund-console"), jwt.WithExpirationRequired())
		if err != nil || !tok.Valid {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		sub, _ := tok.Claims.GetSubject()
		s.logger.Info("supervisor authenticated", "sub", sub, "path", r.URL.Path)
		next.ServeHTTP(w, r)
	})
}

func (s *server) issue(sub string, ttl time.Duration) (string, error) {
	claims := jwt.MapClaims{"sub": sub, "aud": "refund-console", "role": "support_agent", "exp": time.Now().Add(ttl).Unix()}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.hmacKey)
}

func (s *server) login(w http.ResponseWriter, r *http.Request) {
	var body struct {
		SSOToken string `json:"ssoToken"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	tok, err := jwt.Parse(body.SSOToken, s.keyFunc, jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation()) // Noncompliant THC006
	if err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	sub, _ := tok.Claims.GetSubject()
	session, _ := s.issue(sub, 8*time.Hour)
	refresh, _ := s.issue(sub, 7*24*time.Hour)
	http.SetCookie(w, &http.Cookie{Name: "refund_session", Value: session, Path: "/", HttpOnly: true, MaxAge: 8 * 3600}) // Noncompliant THC007
	http.SetCookie(w, &http.Cookie{Name: "refund_refresh", Value: refresh, Path: "/auth/refresh", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	s.logger.Info("agent signed in", "sub", sub, "session_len", len(session))
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) createRefund(w http.ResponseWriter, r *http.Request) {
	orderID := chi.URLParam(r, "orderID")
	s.logger.Info("refund requested", "order", orderID, "request_id", middleware.GetReqID(r.Context()))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusAccepted)
	json.NewEncoder(w).Encode(map[string]string{"orderId": orderID, "status": "pending_approval"})
}

func (s *server) approveRefund(w http.ResponseWriter, r *http.Request) {
	s.logger.Info("refund approved", "refund", chi.URLParam(r, "refundID"))
	w.WriteHeader(http.StatusNoContent)
}

func main() {
	s := &server{
		logger:  slog.New(slog.NewJSONHandler(os.Stdout, nil)),
		hmacKey: []byte(os.Getenv("REFUND_JWT_KEY")),
	}
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.Recoverer)
	r.Post("/auth/login", s.login)
	r.With(s.requireAgent).Post("/orders/{orderID}/refunds", s.createRefund)
	r.With(s.requireSupervisor).Post("/refunds/{refundID}/approve", s.approveRefund)
	s.logger.Info("refund api listening", "addr", ":8080")
	if err := http.ListenAndServe(":8080", r); err != nil {
		s.logger.Error("server stopped", "err", err)
	}
}
