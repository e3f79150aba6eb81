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
	// gin: SetCookie(name, value, maxAge, path, domain, secure, httpOnly)
	c.SetCookie("session", raw, 3600, "/", s.cookieDomain, false, false) // Noncompliant
	c.SetCookie("refresh_token", c.PostForm("refresh"), 86400, "/auth", s.cookieDomain, true, false) // Noncompliant
	c.JSON(http.StatusOK, gin.H{"ok": true})
}
