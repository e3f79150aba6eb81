package main

import (
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var (
	hmacKey = []byte(os.Getenv("SESSION_SIGNING_KEY"))
	logger  = slog.New(slog.NewJSONHandler(os.Stdout, nil))
)

type sessionClaims struct {
	Role string `json:"role"`
	jwt.RegisteredClaims
}

func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

func fingerprint(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:6])
}

func keyFunc(*jwt.Token) (any, error) { return hmacKey, nil }

func parseSession(tok string) (*sessionClaims, error) {
	claims := &sessionClaims{}
	_, err := jwt.ParseWithClaims(tok, claims, keyFunc,
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer("portal"), jwt.WithAudience("portal-web"), jwt.WithExpirationRequired())
	return claims, err
}

func adminOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		claims := &sessionClaims{}
		if _, _, err := jwt.NewParser().ParseUnverified(bearer(r), claims); err != nil { // Noncompliant THC005
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if claims.Role != "admin" {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func loginHandler(w http.ResponseWriter, r *http.Request) {
	user := r.FormValue("username")
	if !checkPassword(user, r.FormValue("password")) {
		logger.Warn("login failed", "user", user, "remote", r.RemoteAddr)
		http.Error(w, "invalid credentials", http.StatusUnauthorized)
		return
	}
	claims := sessionClaims{Role: "user", RegisteredClaims: jwt.RegisteredClaims{
		Subject: user, Issuer: "portal", Audience: jwt.ClaimStrings{"portal-web"},
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(30 * time.Minute)),
	}}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(hmacKey)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "session", Value: tok, Path: "/", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode, MaxAge: 1800})
	http.SetCookie(w, &http.Cookie{Name: "api_token", Value: tok, Path: "/api", MaxAge: 1800}) // Noncompliant THC007
	logger.Info("session issued", "user", user, "fp", fingerprint(tok))
	w.WriteHeader(http.StatusNoContent)
}

func renewHandler(w http.ResponseWriter, r *http.Request) {
	claims := &sessionClaims{}
	_, err := jwt.ParseWithClaims(bearer(r), claims, keyFunc, jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation()) // Noncompliant THC006
	if err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	claims.ExpiresAt = jwt.NewNumericDate(time.Now().Add(30 * time.Minute))
	tok, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(hmacKey)
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`{"token":"` + tok + `"}`))
}

func meHandler(w http.ResponseWriter, r *http.Request) {
	claims, err := parseSession(bearer(r))
	if err != nil {
		logger.Warn("bad session", "err", err.Error(), "path", r.URL.Path)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	w.Write([]byte(`{"sub":"` + claims.Subject + `"}`))
}
