package main

import (
	"net/http"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
)

type server struct{ key []byte }

func (s *server) login(c echo.Context) error {
	exp := time.Now().Add(30 * time.Minute)
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": c.FormValue("user"), "exp": exp.Unix()}).SignedString(s.key)
	if err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: "ops_console", Value: signed, Path: "/ops", Expires: exp}) // Noncompliant
	c.SetCookie(&http.Cookie{Name: "ops_console_secure", Value: signed, Path: "/ops", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	c.SetCookie(&http.Cookie{Name: "ops_csrf", Value: uuid.NewString(), Path: "/ops"})
	return c.NoContent(http.StatusNoContent)
}
