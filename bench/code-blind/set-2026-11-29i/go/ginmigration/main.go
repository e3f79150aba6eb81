// Command ginmigration: the account API, moved from net/http handlers to gin in 2022.
// The /v1 handlers were wrapped as-is; /v2 is native gin code.
package main

import (
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
	"github.com/sirupsen/logrus"
)

type loginBody struct {
	Username string `json:"username" binding:"required"`
	Password string `json:"password" binding:"required"`
}

type tokenPair struct {
	Access  string
	Refresh string
}

type Authenticator interface {
	Login(username, password string) (tokenPair, error)
	Account(id string) (map[string]interface{}, error)
}

type handlers struct {
	auth Authenticator
}

func requestLogger() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		logrus.WithField("headers", c.Request.Header).Debug("request headers") // Noncompliant THC002
		c.Next()
		logrus.WithFields(logrus.Fields{
			"method":     c.Request.Method,
			"path":       c.FullPath(),
			"status":     c.Writer.Status(),
			"request_id": c.GetHeader("X-Request-Id"),
			"took_ms":    time.Since(start).Milliseconds(),
		}).Info("request")
	}
}

func (h *handlers) login(c *gin.Context) {
	var body loginBody
	if err := c.ShouldBindJSON(&body); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid body"})
		return
	}
	tok, err := h.auth.Login(body.Username, body.Password)
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error(), "request": body}) // Noncompliant THC003
		return
	}
	c.SetCookie("auth_token", tok.Access, 3600, "/", "", false, false) // Noncompliant THC007
	c.SetSameSite(http.SameSiteStrictMode)
	c.SetCookie("refresh_token", tok.Refresh, 14*24*3600, "/auth", "", true, true)
	logrus.WithField("user", body.Username).Info("login ok")
	c.JSON(http.StatusOK, gin.H{"ok": true})
}

func (h *handlers) account(c *gin.Context) {
	correlationID := c.GetHeader("X-Request-Id")
	if correlationID == "" {
		correlationID = uuid.NewString()
	}
	acct, err := h.auth.Account(c.Param("id"))
	if err != nil {
		logrus.WithError(err).WithField("correlation_id", correlationID).Error("account lookup failed")
		c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error", "correlation_id": correlationID})
		return
	}
	c.JSON(http.StatusOK, acct)
}

func main() {
	// left over from the migration spike; the release pipeline never overrides it
	gin.SetMode(gin.DebugMode) // Noncompliant THC004
	if os.Getenv("LOG_LEVEL") == "debug" {
		logrus.SetLevel(logrus.DebugLevel)
	}
	logrus.SetFormatter(&logrus.JSONFormatter{})

	h := &handlers{auth: newAuthenticator(os.Getenv("ACCOUNTS_DSN"))}
	r := gin.New()
	r.Use(gin.Recovery(), requestLogger())
	r.POST("/v1/login", h.login)
	r.GET("/v2/accounts/:id", h.account)
	if err := r.Run(":" + os.Getenv("PORT")); err != nil {
		logrus.WithError(err).Fatal("server stopped")
	}
}
