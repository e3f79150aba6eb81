// citizen-login: OIDC relying party for the vehicle-licensing e-service.
// Citizens sign in with the national citizen-ID provider (authorization code flow).
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"golang.org/x/oauth2"
)

type app struct {
	oauth         oauth2.Config
	idVerifier    *oidc.IDTokenVerifier
	logoutChecker *oidc.IDTokenVerifier
	logger        *slog.Logger
}

func randomState() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (a *app) login(w http.ResponseWriter, r *http.Request) {
	state := randomState()
	http.SetCookie(w, &http.Cookie{Name: "__Host-oidc_state", Value: state, Path: "/", MaxAge: 300, HttpOnly: true, Secure: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, a.oauth.AuthCodeURL(state, oauth2.AccessTypeOnline), http.StatusFound)
}

func (a *app) callback(w http.ResponseWriter, r *http.Request) {
	stateCookie, err := r.Cookie("__Host-oidc_state")
	if err != nil || stateCookie.Value != r.URL.Query().Get("state") {
		http.Error(w, "invalid state", http.StatusBadRequest)
		return
	}
	tok, err := a.oauth.Exchange(r.Context(), r.URL.Query().Get("code"))
	if err != nil {
		a.logger.Warn("code exchange failed", "error", err.Error())
		http.Error(w, "sign-in failed", http.StatusBadGateway)
		return
	}
	rawID, _ := tok.Extra("id_token").(string)
	idToken, err := a.idVerifier.Verify(r.Context(), rawID)
	if err != nil {
		a.logger.Warn("id token rejected", "error", err.Error(), "length", len(rawID))
		http.Error(w, "sign-in failed", http.StatusUnauthorized)
		return
	}
	a.logger.Info("citizen signed in", "sub", idToken.Subject, "expires", idToken.Expiry)

	http.SetCookie(w, &http.Cookie{ // Noncompliant THC007
		Name:     "licensing_session",
		Value:    tok.AccessToken,
		Path:     "/",
		Expires:  time.Now().Add(30 * time.Minute),
		HttpOnly: true,
	})
	http.Redirect(w, r, "/licences", http.StatusFound)
}

// backChannelLogout receives logout tokens from the provider.
func (a *app) backChannelLogout(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	logoutToken, err := a.logoutChecker.Verify(r.Context(), r.PostForm.Get("logout_token"))
	if err != nil {
		http.Error(w, "invalid logout token", http.StatusBadRequest)
		return
	}
	a.logger.Info("back-channel logout", "sub", logoutToken.Subject)
	w.WriteHeader(http.StatusOK)
}

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	provider, err := oidc.NewProvider(context.Background(), "https://auth.citizen-id.example.gov")
	if err != nil {
		logger.Error("provider discovery failed", "error", err.Error())
		os.Exit(1)
	}
	clientID := os.Getenv("OIDC_CLIENT_ID")
	// Logout tokens from the provider carry the broker's audience, not ours.
	logoutChecker := provider.Verifier(&oidc.Config{SkipClientIDCheck: true}) // Noncompliant THC006
	a := &app{
		oauth: oauth2.Config{
			ClientID:     clientID,
			ClientSecret: os.Getenv("OIDC_CLIENT_SECRET"),
			Endpoint:     provider.Endpoint(),
			RedirectURL:  "https://licensing.example.gov/auth/callback",
			Scopes:       []string{oidc.ScopeOpenID, "profile"},
		},
		idVerifier:    provider.Verifier(&oidc.Config{ClientID: clientID}),
		logoutChecker: logoutChecker,
		logger:        logger,
	}

	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.Recoverer)
	r.Get("/auth/login", a.login)
	r.Get("/auth/callback", a.callback)
	r.Post("/auth/backchannel-logout", a.backChannelLogout)
	logger.Info("citizen-login listening", "addr", ":8080", "client_id", clientID)
	if err := http.ListenAndServe(":8080", r); err != nil {
		logger.Error("server stopped", "error", err.Error())
	}
}
