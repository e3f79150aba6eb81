// Command legacyauth is the session service behind the old PHP admin pages and the
// new Go dashboard. net/http + gorilla/mux; sessions are opaque ids, API calls use JWTs.
package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v4"
	"github.com/gorilla/mux"
)

type server struct {
	signingKey []byte
	users      UserStore
}

func newSessionID() string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

func (s *server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Printf("incoming request: %+v", r) // Noncompliant THC002
		start := time.Now()
		next.ServeHTTP(w, r)
		log.Printf("%s %s done in %s req_id=%s", r.Method, r.URL.Path, time.Since(start), r.Header.Get("X-Request-Id"))
	})
}

func (s *server) adminOnly(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		log.Printf("admin check for %s, auth=%s", r.URL.Path, r.Header.Get("Authorization")) // Noncompliant THC001
		claims := jwt.MapClaims{}
		if _, _, err := jwt.NewParser().ParseUnverified(bearer(r), claims); err != nil { // Noncompliant THC005
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if role, _ := claims["role"].(string); role != "admin" {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		next(w, r)
	}
}

func (s *server) verified(r *http.Request) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(bearer(r), claims, func(t *jwt.Token) (interface{}, error) {
		return s.signingKey, nil
	}, jwt.WithValidMethods([]string{"HS256"}))
	return claims, err
}

func (s *server) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	user, err := s.users.Check(r.PostFormValue("username"), r.PostFormValue("password"))
	if err != nil {
		log.Printf("login failed for %q", r.PostFormValue("username"))
		http.Error(w, "invalid credentials", http.StatusUnauthorized)
		return
	}
	legacySID, sid := newSessionID(), newSessionID()
	s.users.SaveSessions(user.ID, legacySID, sid)
	// the PHP admin pages read this one from JavaScript, so no HttpOnly
	http.SetCookie(w, &http.Cookie{Name: "legacy_session", Value: legacySID, Path: "/", Expires: time.Now().Add(8 * time.Hour)}) // Noncompliant THC007
	http.SetCookie(w, &http.Cookie{Name: "session", Value: sid, Path: "/", MaxAge: 8 * 3600, HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	log.Printf("login ok user=%s", user.ID)
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) me(w http.ResponseWriter, r *http.Request) {
	claims, err := s.verified(r)
	if err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	json.NewEncoder(w).Encode(map[string]interface{}{"sub": claims["sub"], "role": claims["role"]})
}

func main() {
	s := &server{signingKey: []byte(os.Getenv("JWT_SIGNING_KEY")), users: newUserStore(os.Getenv("DATABASE_URL"))}
	r := mux.NewRouter()
	r.Use(s.logRequests)
	r.HandleFunc("/login", s.login).Methods(http.MethodPost)
	r.HandleFunc("/api/me", s.me).Methods(http.MethodGet)
	r.HandleFunc("/admin/users", s.adminOnly(s.listUsers)).Methods(http.MethodGet)
	log.Fatal(http.ListenAndServe(":8080", r))
}
