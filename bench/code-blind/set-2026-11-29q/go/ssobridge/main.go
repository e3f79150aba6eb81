// Command ssobridge converts SAML logins (via the upstream broker) into OIDC
// sessions for the field-service SaaS and serves the partner token exchange.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

type bridge struct {
	brokerKey  []byte
	partnerKey []byte
	log        *slog.Logger
}

func hashSubject(sub string) string {
	sum := sha256.Sum256([]byte(sub))
	return hex.EncodeToString(sum[:6])
}

func (b *bridge) keyFunc(key []byte) jwt.Keyfunc {
	return func(t *jwt.Token) (any, error) {
		if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
			return nil, fmt.Errorf("unexpected alg %v", t.Header["alg"])
		}
		return key, nil
	}
}

// oidcCallback receives the broker's id_token after a SAML login.
func (b *bridge) oidcCallback(c echo.Context) error {
	idToken := c.FormValue("id_token")
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(idToken, claims, b.keyFunc(b.brokerKey),
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithAudience("field-portal"), jwt.WithIssuer("https://broker.sso.example.com"))
	if err != nil {
		return c.JSON(http.StatusUnauthorized, map[string]string{"message": "login failed"})
	}
	sub, _ := claims.GetSubject()
	b.log.Info("sso login", "subject", hashSubject(sub), "tenant", claims["tenant"])

	c.SetCookie(&http.Cookie{Name: "fs_session", Value: idToken, Path: "/", Expires: time.Now().Add(8 * time.Hour)}) // Noncompliant THC007
	c.SetCookie(&http.Cookie{Name: "fs_tenant", Value: fmt.Sprint(claims["tenant"]), Path: "/", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	return c.Redirect(http.StatusSeeOther, "/app")
}

// partnerExchange swaps a partner's signed assertion for a short-lived API session.
func (b *bridge) partnerExchange(c echo.Context) error {
	assertion := c.Request().Header.Get("X-Partner-Assertion")
	claims := jwt.MapClaims{}
	tok, err := jwt.ParseWithClaims(assertion, claims, b.keyFunc(b.partnerKey), jwt.WithoutClaimsValidation()) // Noncompliant THC006
	if err != nil || !tok.Valid {
		return c.JSON(http.StatusUnauthorized, map[string]string{"message": "invalid assertion"})
	}
	session, err := issueSession(claims)
	if err != nil {
		return c.JSON(http.StatusInternalServerError, map[string]string{"error": err.Error(), "stack": string(debug.Stack())}) // Noncompliant THC003
	}
	b.log.Info("partner session issued", "partner", claims["iss"], "sessionLen", len(session))
	return c.JSON(http.StatusOK, map[string]string{"session": session})
}

func issueSession(claims jwt.MapClaims) (string, error) {
	iss, ok := claims["iss"].(string)
	if !ok || iss == "" {
		return "", fmt.Errorf("assertion without issuer")
	}
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": iss, "exp": time.Now().Add(15 * time.Minute).Unix()})
	return t.SignedString([]byte(os.Getenv("SESSION_SIGNING_KEY")))
}

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	b := &bridge{
		brokerKey:  []byte(os.Getenv("BROKER_SHARED_KEY")),
		partnerKey: []byte(os.Getenv("PARTNER_SHARED_KEY")),
		log:        logger,
	}

	e := echo.New()
	e.Debug = true // Noncompliant THC004
	e.HideBanner = true
	e.Use(middleware.Recover())
	e.Use(middleware.RequestID())
	e.POST("/oidc/callback", b.oidcCallback)
	e.POST("/partner/exchange", b.partnerExchange)
	if err := e.Start(":8443"); err != nil {
		logger.Error("server stopped", "err", err)
	}
}
