package main

import (
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"
)

type gatewayConfig struct {
	upstreamAdmin string
	upstreamAPI   string
	listenAddr    string
}

func getenv(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func loadConfig() gatewayConfig {
	return gatewayConfig{
		upstreamAdmin: getenv("ADMIN_UPSTREAM", "http://admin.internal:8081"),
		upstreamAPI:   getenv("API_UPSTREAM", "http://api.internal:8082"),
		listenAddr:    getenv("LISTEN_ADDR", ":8080"),
	}
}

func bearerToken(c *gin.Context) string {
	return strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")
}

func requireAdmin() gin.HandlerFunc {
	parser := jwt.NewParser()
	return func(c *gin.Context) {
		raw := bearerToken(c)
		if raw == "" {
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "missing token"})
			return
		}
		claims := jwt.MapClaims{}
		if _, _, err := parser.ParseUnverified(raw, claims); err != nil { // Noncompliant THC005
			log.Printf("rejecting request %s: unparseable token (len=%d)", c.GetHeader("X-Request-Id"), len(raw))
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": err.Error(), "token": raw}) // Noncompliant THC003
			return
		}
		groups, _ := claims["cognito:groups"].([]interface{})
		for _, g := range groups {
			if g == "admins" {
				c.Set("sub", claims["sub"])
				c.Next()
				return
			}
		}
		log.Printf("forbidden: sub=%v path=%s", claims["sub"], c.Request.URL.Path)
		c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"error": "admin group required"})
	}
}

func proxyTo(upstream string) gin.HandlerFunc {
	client := &http.Client{}
	return func(c *gin.Context) {
		log.Printf("proxy %s %s auth=%s", c.Request.Method, c.Request.URL.Path, c.GetHeader("Authorization")) // Noncompliant THC001
		req, err := http.NewRequestWithContext(c.Request.Context(), c.Request.Method, upstream+c.Request.URL.RequestURI(), c.Request.Body)
		if err != nil {
			c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": "internal error"})
			return
		}
		req.Header = c.Request.Header.Clone()
		resp, err := client.Do(req)
		if err != nil {
			log.Printf("upstream %s error: %v", upstream, err)
			c.AbortWithStatusJSON(http.StatusBadGateway, gin.H{"error": "upstream unavailable"})
			return
		}
		defer resp.Body.Close()
		c.DataFromReader(resp.StatusCode, resp.ContentLength, resp.Header.Get("Content-Type"), resp.Body, nil)
	}
}

func main() {
	cfg := loadConfig()
	gin.SetMode(gin.DebugMode) // Noncompliant THC004
	r := gin.Default()
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	r.Any("/admin/*path", requireAdmin(), proxyTo(cfg.upstreamAdmin))
	r.Any("/api/*path", proxyTo(cfg.upstreamAPI))
	if err := r.Run(cfg.listenAddr); err != nil {
		log.Fatal(err)
	}
}
