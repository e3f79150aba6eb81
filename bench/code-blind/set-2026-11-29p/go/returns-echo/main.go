// Command returns-echo is the warehouse-side returns API: inspectors grade returned items
// and the refund service is told whether to pay out.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/rs/zerolog"
	"github.com/rs/zerolog/log"
)

type gradeRequest struct {
	RMA       string `json:"rma"`
	SKU       string `json:"sku"`
	Condition string `json:"condition"`
	Notes     string `json:"notes"`
}

type inspectorClaims struct {
	Site  string   `json:"site"`
	Roles []string `json:"roles"`
	jwt.RegisteredClaims
}

var signingKey = []byte(os.Getenv("RETURNS_SIGNING_KEY"))

func bearer(c echo.Context) string {
	return strings.TrimPrefix(c.Request().Header.Get(echo.HeaderAuthorization), "Bearer ")
}

func fingerprint(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:6])
}

func verifiedInspector(token string) (*inspectorClaims, error) {
	claims := &inspectorClaims{}
	_, err := jwt.ParseWithClaims(token, claims, func(t *jwt.Token) (any, error) { return signingKey, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer("returns-idp"), jwt.WithExpirationRequired())
	return claims, err
}

func login(c echo.Context) error {
	inspector := c.FormValue("inspector")
	claims := inspectorClaims{Site: c.FormValue("site"), Roles: []string{"grader"}, RegisteredClaims: jwt.RegisteredClaims{
		Subject: inspector, Issuer: "returns-idp", ExpiresAt: jwt.NewNumericDate(time.Now().Add(10 * time.Hour)),
	}}
	token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(signingKey)
	if err != nil {
		return echo.NewHTTPError(http.StatusInternalServerError)
	}
	log.Info().Str("inspector", inspector).Str("token", token).Msg("inspector signed in")                                // Noncompliant THC001
	c.SetCookie(&http.Cookie{Name: "returns_session", Value: token, Path: "/", Expires: time.Now().Add(10 * time.Hour)}) // Noncompliant THC007
	c.SetCookie(&http.Cookie{Name: "returns_site", Value: claims.Site, Path: "/", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	return c.NoContent(http.StatusNoContent)
}

func grade(c echo.Context) error {
	token := bearer(c)
	claims, err := verifiedInspector(token)
	if err != nil {
		log.Warn().Str("tokenFp", fingerprint(token)).Msg("rejected inspector token")
		return echo.NewHTTPError(http.StatusUnauthorized)
	}
	var req gradeRequest
	if err := c.Bind(&req); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "invalid grading payload")
	}
	log.Info().Str("rma", req.RMA).Str("sku", req.SKU).Str("condition", req.Condition).Str("inspector", claims.Subject).Msg("item graded")
	return c.JSON(http.StatusOK, map[string]string{"rma": req.RMA, "status": "GRADED"})
}

func overrideRefund(c echo.Context) error {
	claims := &inspectorClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(bearer(c), claims); err != nil { // Noncompliant THC005
		return echo.NewHTTPError(http.StatusUnauthorized)
	}
	for _, role := range claims.Roles {
		if role == "supervisor" {
			log.Info().Str("rma", c.Param("rma")).Str("by", claims.Subject).Msg("refund override")
			return c.JSON(http.StatusOK, map[string]string{"rma": c.Param("rma"), "refund": "APPROVED"})
		}
	}
	return echo.NewHTTPError(http.StatusForbidden, "supervisor role required")
}

func main() {
	zerolog.TimeFieldFormat = zerolog.TimeFormatUnixMs
	e := echo.New()
	e.HideBanner = true
	e.Debug = true // Noncompliant THC004
	e.Use(middleware.RequestID())
	e.Use(middleware.Recover())

	e.POST("/login", login)
	e.POST("/returns/grade", grade)
	e.POST("/returns/:rma/override", overrideRefund)

	addr := ":" + os.Getenv("PORT")
	if addr == ":" {
		addr = ":8080"
	}
	if err := e.Start(addr); err != nil && err != http.ErrServerClosed {
		log.Fatal().Err(err).Msg("server stopped")
	}
}
