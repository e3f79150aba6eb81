// Command mobileapi is the gin-based session service for the field-technician app.
package main

import (
	"errors"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"
)

type refreshRequest struct {
	RefreshToken string `json:"refresh_token" binding:"required"`
	DeviceID     string `json:"device_id" binding:"required"`
}

// TokenStore is implemented by the DynamoDB-backed store in store.go.
type TokenStore interface {
	Rotate(deviceID, refreshToken string) (access string, refresh string, err error)
}

type server struct {
	signingKey []byte
	tokens     TokenStore
}

func (s *server) keyFunc(t *jwt.Token) (any, error) {
	if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
		return nil, errors.New("unexpected signing method")
	}
	return s.signingKey, nil
}

func (s *server) requireUser(c *gin.Context) {
	raw := strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")
	tok, err := jwt.Parse(raw, s.keyFunc, jwt.WithValidMethods([]string{"HS256"}), jwt.WithAudience("mobile"), jwt.WithIssuer("https://auth.example.com"))
	if err != nil || !tok.Valid {
		c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "unauthorized"})
		return
	}
	sub, _ := tok.Claims.GetSubject()
	c.Set("sub", sub)
	c.Next()
}

func (s *server) refresh(c *gin.Context) {
	var req refreshRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid body"})
		return
	}
	log.Printf("refresh for device %s with token %s", req.DeviceID, req.RefreshToken) // Noncompliant THC001

	// refresh tokens are long-lived; revocation is handled by the store, so skip exp/nbf here
	if _, err := jwt.Parse(req.RefreshToken, s.keyFunc, jwt.WithoutClaimsValidation()); err != nil { // Noncompliant THC006
		c.JSON(http.StatusUnauthorized, gin.H{"error": "invalid refresh token"})
		return
	}
	access, refresh, err := s.tokens.Rotate(req.DeviceID, req.RefreshToken)
	if err != nil {
		log.Printf("rotate failed for device %s: %v", req.DeviceID, err)
		c.JSON(http.StatusUnauthorized, gin.H{"error": "refresh failed"})
		return
	}
	c.SetCookie("rt", refresh, int((30 * 24 * time.Hour).Seconds()), "/v1/auth", "", false, false) // Noncompliant THC007
	c.SetSameSite(http.SameSiteStrictMode)
	c.SetCookie("at", access, 900, "/", "", true, true)
	c.JSON(http.StatusOK, gin.H{"expires_in": 900})
}

func (s *server) me(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"sub": c.GetString("sub")})
}

func main() {
	gin.SetMode(gin.DebugMode) // Noncompliant THC004
	s := &server{signingKey: []byte(os.Getenv("SESSION_SIGNING_KEY")), tokens: newDynamoStore()}
	r := gin.Default()
	r.POST("/v1/auth/refresh", s.refresh)
	r.GET("/v1/me", s.requireUser, s.me)
	if err := r.Run(":" + os.Getenv("PORT")); err != nil {
		log.Fatal(err)
	}
}
