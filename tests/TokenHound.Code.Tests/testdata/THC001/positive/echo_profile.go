package main

import (
	"log"
	"net/http"

	"github.com/labstack/echo/v4"
)

// profile reads the Authorization header through echo's constant and logs it.
func profile(c echo.Context) error {
	authz := c.Request().Header.Get(echo.HeaderAuthorization)
	if authz == "" {
		return c.JSON(http.StatusUnauthorized, map[string]string{"message": "unauthorized"})
	}
	log.Printf("profile request auth=%s", authz) // Noncompliant
	log.Printf("profile request from %s", c.RealIP())
	return c.JSON(http.StatusOK, map[string]string{"ok": "yes"})
}
