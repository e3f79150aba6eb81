package main

import (
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

type partnerClaims struct {
	PartnerID string   `json:"pid"`
	Scopes    []string `json:"scp"`
	jwt.RegisteredClaims
}

type EventSink interface {
	Publish(partnerID string, payload []byte) error
}

type stdoutSink struct{}

func (stdoutSink) Publish(partnerID string, payload []byte) error {
	slog.Info("published partner event", "partner", partnerID, "bytes", len(payload))
	return nil
}

type webhookHandler struct {
	signingSecret []byte
	verifyKey     *rsa.PublicKey
	sink          EventSink
}

func (h *webhookHandler) partnerFromToken(raw string) (*partnerClaims, error) {
	claims := &partnerClaims{}
	_, _, err := jwt.NewParser().ParseUnverified(raw, claims) // Noncompliant THC005
	return claims, err
}

func (h *webhookHandler) receive(c echo.Context) error {
	slog.Info("incoming partner webhook", "headers", c.Request().Header) // Noncompliant THC002
	reqID := c.Response().Header().Get(echo.HeaderXRequestID)
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, 1<<20))
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "unreadable body")
	}
	mac := hmac.New(sha256.New, h.signingSecret)
	mac.Write(body)
	if !hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(c.Request().Header.Get("X-Signature"))) {
		slog.Warn("webhook signature mismatch", "request_id", reqID)
		return c.JSON(http.StatusUnauthorized, map[string]string{"error": "invalid_signature", "request_id": reqID})
	}
	claims, err := h.partnerFromToken(strings.TrimPrefix(c.Request().Header.Get("Authorization"), "Bearer "))
	if err != nil || !slices.Contains(claims.Scopes, "webhooks:write") {
		return c.JSON(http.StatusForbidden, map[string]string{"error": "forbidden", "request_id": reqID})
	}
	if err := h.sink.Publish(claims.PartnerID, body); err != nil {
		return c.JSON(http.StatusInternalServerError, map[string]string{"error": err.Error(), "stack": string(debug.Stack())}) // Noncompliant THC003
	}
	slog.Info("webhook accepted", "partner", claims.PartnerID, "request_id", reqID, "bytes", len(body))
	return c.NoContent(http.StatusAccepted)
}

func (h *webhookHandler) status(c echo.Context) error {
	raw := strings.TrimPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
	claims := &partnerClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) { return h.verifyKey, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience("webhooks"), jwt.WithIssuer("https://partners.example.com"))
	if err != nil {
		return c.JSON(http.StatusUnauthorized, map[string]string{"error": "invalid_token"})
	}
	return c.JSON(http.StatusOK, map[string]any{"partner": claims.PartnerID, "scopes": claims.Scopes})
}

func main() {
	key, err := jwt.ParseRSAPublicKeyFromPEM([]byte(os.Getenv("PARTNER_JWT_PUBLIC_KEY")))
	if err != nil {
		slog.Error("cannot load partner key", "err", err)
		os.Exit(1)
	}
	h := &webhookHandler{signingSecret: []byte(os.Getenv("WEBHOOK_SIGNING_SECRET")), verifyKey: key, sink: stdoutSink{}}

	e := echo.New()
	e.Debug = true // Noncompliant THC004
	e.HideBanner = true
	e.Use(middleware.RequestID(), middleware.Recover())
	e.POST("/partners/webhooks", h.receive)
	e.GET("/partners/status", h.status)
	if err := e.Start(":" + os.Getenv("PORT")); err != nil && err != http.ErrServerClosed {
		slog.Error("server stopped", "err", err)
	}
}
