package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

var (
	logger     = slog.New(slog.NewJSONHandler(os.Stdout, nil))
	profileAPI = os.Getenv("PROFILE_API_URL")
	legacyAPI  = os.Getenv("LEGACY_API_URL")
	client     = &http.Client{Timeout: 5 * time.Second}
)

func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

func profileHandler(w http.ResponseWriter, r *http.Request) {
	reqID := middleware.GetReqID(r.Context())
	logger.Info("profile request", "reqId", reqID, "path", r.URL.Path)
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, profileAPI+"/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+bearer(r))
	resp, err := client.Do(req)
	if err != nil {
		logger.Error("profile upstream failed", "reqId", reqID, "err", err)
		http.Error(w, "upstream unavailable (ref "+reqID+")", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	io.Copy(w, resp.Body)
}

func legacyOrdersHandler(w http.ResponseWriter, r *http.Request) {
	accessToken := bearer(r)
	logger.Info("legacy orders", "path", r.URL.Path, "authorization", r.Header.Get("Authorization")) // Noncompliant THC001
	q := url.Values{"page": {r.URL.Query().Get("page")}, "limit": {"50"}}
	resp, err := client.Get(fmt.Sprintf("%s/orders?%s&access_token=%s", legacyAPI, q.Encode(), accessToken)) // Noncompliant THC009
	if err != nil {
		http.Error(w, fmt.Sprintf("legacy call failed: %v (token=%s)", err, accessToken), http.StatusBadGateway) // Noncompliant THC003
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	io.Copy(w, resp.Body)
}

func sessionHandler(w http.ResponseWriter, r *http.Request) {
	var body struct {
		IDToken string `json:"idToken"`
		Theme   string `json:"theme"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "invalid body", http.StatusBadRequest)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "access_token", Value: bearer(r), Path: "/", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode, MaxAge: 3600})
	http.SetCookie(w, &http.Cookie{Name: "id_token", Value: body.IDToken, Path: "/", HttpOnly: true}) // Noncompliant THC007
	http.SetCookie(w, &http.Cookie{Name: "theme", Value: body.Theme, Path: "/", MaxAge: 86400 * 365})
	w.WriteHeader(http.StatusNoContent)
}

func router() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.RealIP, middleware.Recoverer)
	r.Get("/profile", profileHandler)
	r.Get("/legacy/orders", legacyOrdersHandler)
	r.Post("/session", sessionHandler)
	return r
}

func main() {
	if os.Getenv("AWS_LAMBDA_FUNCTION_NAME") != "" {
		lambda.Start(httpadapter.NewV2(router()).ProxyWithContext)
		return
	}
	if err := http.ListenAndServe(":8080", router()); err != nil {
		logger.Error("server stopped", "err", err)
	}
}
