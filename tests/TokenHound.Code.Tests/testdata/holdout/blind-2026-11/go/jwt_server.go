package main

import (
	"crypto/rsa"
	"fmt"
	"log"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

var publicKey *rsa.PublicKey

func keyFunc(t *jwt.Token) (interface{}, error) { return publicKey, nil }

func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

func legacyHandler(w http.ResponseWriter, r *http.Request) {
	tok := bearer(r)
	token, err := jwt.Parse(tok, keyFunc, jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation()) // Noncompliant THC006
	if err != nil || !token.Valid {
		http.Error(w, fmt.Sprintf("invalid token %q: %v", tok, err), http.StatusUnauthorized) // Noncompliant THC003
		return
	}
	fmt.Fprintln(w, "ok")
}

func loginHandler(w http.ResponseWriter, r *http.Request) {
	sessionToken := issueSession(r.FormValue("user"), r.FormValue("password"))
	http.SetCookie(w, &http.Cookie{Name: "session", Value: sessionToken, Path: "/"}) // Noncompliant THC007
	http.SetCookie(w, &http.Cookie{Name: "session2", Value: sessionToken, Path: "/", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: r.FormValue("lang"), Path: "/"})
	w.WriteHeader(http.StatusNoContent)
}

func meHandler(w http.ResponseWriter, r *http.Request) {
	tok := bearer(r)
	token, err := jwt.Parse(tok, keyFunc, jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience("orders"), jwt.WithIssuer("https://issuer.example.com"))
	if err != nil || !token.Valid {
		log.Printf("rejected token from %s: %v", r.RemoteAddr, err)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	sub, _ := token.Claims.GetSubject()
	fmt.Fprintf(w, `{"sub":%q}`, sub)
}

func issueSession(user, password string) string { return user }

func main() {
	http.HandleFunc("/legacy", legacyHandler)
	http.HandleFunc("/login", loginHandler)
	http.HandleFunc("/me", meHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
