package main

import (
	"crypto/sha256"
	"encoding/hex"
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/aws/aws-lambda-go/lambda"
	ginadapter "github.com/awslabs/aws-lambda-go-api-proxy/gin"
	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"
)

type sessionService struct {
	signingKey   []byte
	issuer       string
	cookieDomain string
}

func tokenHash(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:8])
}

func (s *sessionService) parse(raw string) (*jwt.RegisteredClaims, error) {
	claims := &jwt.RegisteredClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (interface{}, error) {
		return s.signingKey, nil
	}, jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer(s.issuer))
	return claims, err
}

func (s *sessionService) exchange(c *gin.Context) {
	raw := strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")
	log.Printf("session exchange request_id=%s", c.GetHeader("X-Request-Id"))

	claims, err := s.parse(raw)
	if err != nil {
		log.Printf("invalid token %q: %v", raw, err) // Noncompliant THC001
		c.JSON(http.StatusUnauthorized, gin.H{"error": "invalid token", "detail": err.Error(), "token": raw}) // Noncompliant THC003
		return
	}

	log.Printf("exchanged token for sub=%s hash=%s", claims.Subject, tokenHash(raw))
	c.SetCookie("session", raw, 3600, "/", s.cookieDomain, false, false) // Noncompliant THC007
	c.JSON(http.StatusOK, gin.H{"sub": claims.Subject})
}

func (s *sessionService) remember(c *gin.Context) {
	raw := strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")
	claims, err := s.parse(raw)
	if err != nil {
		c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "unauthorized"})
		return
	}
	c.SetSameSite(http.SameSiteStrictMode)
	c.SetCookie("remember", raw, 30*24*3600, "/", s.cookieDomain, true, true)
	c.JSON(http.StatusOK, gin.H{"sub": claims.Subject, "remembered": true})
}

func newRouter(svc *sessionService) *gin.Engine {
	r := gin.New()
	r.Use(gin.Logger(), gin.Recovery())
	r.POST("/session", svc.exchange)
	r.POST("/session/remember", svc.remember)
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	return r
}

func main() {
	gin.SetMode(gin.DebugMode) // Noncompliant THC004

	svc := &sessionService{
		signingKey:   []byte(os.Getenv("SESSION_SIGNING_KEY")),
		issuer:       os.Getenv("SESSION_ISSUER"),
		cookieDomain: os.Getenv("COOKIE_DOMAIN"),
	}
	r := newRouter(svc)

	if os.Getenv("AWS_LAMBDA_FUNCTION_NAME") != "" {
		lambda.Start(ginadapter.New(r).ProxyWithContext)
		return
	}
	if err := r.Run(":8080"); err != nil {
		log.Fatal(err)
	}
}
