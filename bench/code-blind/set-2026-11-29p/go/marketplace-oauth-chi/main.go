// Command marketplace-oauth-chi completes the OAuth connection between a marketplace seller
// and their storefront platform, then queues an initial inventory import.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/golang-jwt/jwt/v5"
)

type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int    `json:"expires_in"`
	ShopID       string `json:"shop_id"`
}

type server struct {
	logger     *slog.Logger
	httpClient *http.Client
	queue      *sqs.Client
	queueURL   string
	platform   string
	sellerKey  []byte
}

func (s *server) sellerID(r *http.Request) (string, error) {
	raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	claims := jwt.MapClaims{}
	// Seller portal tokens are short-lived and the OAuth round-trip can outlast them.
	_, err := jwt.ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) { return s.sellerKey, nil }, jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation()) // Noncompliant THC006
	if err != nil {
		return "", err
	}
	return claims.GetSubject()
}

func (s *server) exchange(ctx context.Context, code string) (*tokenResponse, error) {
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "client_id": {os.Getenv("PLATFORM_CLIENT_ID")}, "client_secret": {os.Getenv("PLATFORM_CLIENT_SECRET")}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.platform+"/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := s.httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var tok tokenResponse
	return &tok, json.NewDecoder(resp.Body).Decode(&tok)
}

func (s *server) shopLocations(ctx context.Context, tok *tokenResponse) (int, error) {
	resp, err := s.httpClient.Get(fmt.Sprintf("%s/admin/api/shops/%s/locations.json?access_token=%s", s.platform, tok.ShopID, tok.AccessToken)) // Noncompliant THC009
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var body struct {
		Locations []struct{ ID string } `json:"locations"`
	}
	err = json.NewDecoder(resp.Body).Decode(&body)
	return len(body.Locations), err
}

func (s *server) callback(w http.ResponseWriter, r *http.Request) {
	seller, err := s.sellerID(r)
	if err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	tok, err := s.exchange(r.Context(), r.URL.Query().Get("code"))
	if err != nil {
		s.logger.Error("token exchange failed", "seller", seller, "err", err)
		http.Error(w, "could not connect shop", http.StatusBadGateway)
		return
	}
	s.logger.Info("shop connected", "seller", seller, "shop", tok.ShopID, "refresh_token", tok.RefreshToken) // Noncompliant THC001
	s.logger.Debug("access token received", "length", len(tok.AccessToken), "expires_in", tok.ExpiresIn)

	locations, err := s.shopLocations(r.Context(), tok)
	if err != nil {
		s.logger.Warn("location lookup failed", "shop", tok.ShopID, "err", err)
	}

	msg, _ := json.Marshal(map[string]any{"sellerId": seller, "shopId": tok.ShopID, "locations": locations, "requestedAt": time.Now().UTC()})
	_, err = s.queue.SendMessage(r.Context(), &sqs.SendMessageInput{QueueUrl: aws.String(s.queueURL), MessageBody: aws.String(string(msg))})
	if err != nil {
		s.logger.Error("import not queued", "shop", tok.ShopID, "err", err)
	}
	http.Redirect(w, r, "/sellers/onboarding/done", http.StatusFound)
}

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		logger.Error("aws config", "err", err)
		os.Exit(1)
	}
	s := &server{
		logger:     logger,
		httpClient: &http.Client{Timeout: 10 * time.Second},
		queue:      sqs.NewFromConfig(cfg),
		queueURL:   os.Getenv("IMPORT_QUEUE_URL"),
		platform:   os.Getenv("PLATFORM_BASE_URL"),
		sellerKey:  []byte(os.Getenv("SELLER_PORTAL_KEY")),
	}
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.Recoverer)
	r.Get("/sellers/oauth/callback", s.callback)
	logger.Info("listening", "addr", ":8080")
	if err := http.ListenAndServe(":8080", r); err != nil {
		logger.Error("server stopped", "err", err)
	}
}
