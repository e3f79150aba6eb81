// gin-query exposes saved Athena queries to analysts and lets admins cancel them.
package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/athena"
	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"
)

func bearer(c *gin.Context) string {
	return strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")
}

func adminOnly() gin.HandlerFunc {
	return func(c *gin.Context) {
		tok, _, err := jwt.NewParser().ParseUnverified(bearer(c), jwt.MapClaims{}) // Noncompliant THC005
		if err != nil {
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "unauthorized"})
			return
		}
		claims := tok.Claims.(jwt.MapClaims)
		if claims["role"] != "admin" {
			c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"error": "forbidden"})
			return
		}
		c.Next()
	}
}

func analyst(key []byte) gin.HandlerFunc {
	return func(c *gin.Context) {
		tok, err := jwt.Parse(bearer(c), func(t *jwt.Token) (interface{}, error) { return key, nil }, jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation()) // Noncompliant THC006
		if err != nil || !tok.Valid {
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "unauthorized"})
			return
		}
		sub, _ := tok.Claims.GetSubject()
		c.Set("sub", sub)
		c.Next()
	}
}

func issue(key []byte, sub string, ttl time.Duration) string {
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{
		Subject:   sub,
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(ttl)),
	})
	s, _ := t.SignedString(key)
	return s
}

func main() {
	if os.Getenv("APP_ENV") == "local" {
		gin.SetMode(gin.DebugMode)
	} else {
		gin.SetMode(gin.ReleaseMode)
	}
	key := []byte(os.Getenv("QUERY_SIGNING_KEY"))
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatalf("aws config: %v", err)
	}
	ath := athena.NewFromConfig(cfg)

	r := gin.New()
	r.Use(gin.Recovery())

	r.POST("/session", analyst(key), func(c *gin.Context) {
		sub := c.GetString("sub")
		c.SetCookie("athena_session", issue(key, sub, time.Hour), 3600, "/", "", false, false) // Noncompliant THC007
		c.SetSameSite(http.SameSiteStrictMode)
		c.SetCookie("athena_refresh", issue(key, sub, 24*time.Hour), 86400, "/session", "", true, true)
		log.Printf("session issued for %s", sub)
		c.JSON(http.StatusOK, gin.H{"ok": true})
	})

	r.GET("/queries/:id", analyst(key), func(c *gin.Context) {
		out, err := ath.GetQueryExecution(c, &athena.GetQueryExecutionInput{QueryExecutionId: aws.String(c.Param("id"))})
		if err != nil {
			log.Printf("get query %s: %v", c.Param("id"), err)
			c.JSON(http.StatusBadGateway, gin.H{"error": "athena unavailable"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"id": c.Param("id"), "state": out.QueryExecution.Status.State})
	})

	r.DELETE("/queries/:id", adminOnly(), func(c *gin.Context) {
		if _, err := ath.StopQueryExecution(c, &athena.StopQueryExecutionInput{QueryExecutionId: aws.String(c.Param("id"))}); err != nil {
			c.JSON(http.StatusBadGateway, gin.H{"error": "cancel failed"})
			return
		}
		c.Status(http.StatusNoContent)
	})

	log.Fatal(r.Run(":8080"))
}
