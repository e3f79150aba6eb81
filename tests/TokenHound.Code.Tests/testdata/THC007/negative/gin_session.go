package session

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

type service struct {
	cookieDomain string
}

func (s *service) exchange(c *gin.Context) {
	raw := c.GetHeader("Authorization")
	c.SetSameSite(http.SameSiteStrictMode)
	c.SetCookie("session", raw, 3600, "/", s.cookieDomain, true, true)
	c.SetCookie("theme", c.Query("theme"), 86400, "/", s.cookieDomain, false, false)
	c.JSON(http.StatusOK, gin.H{"ok": true})
}
