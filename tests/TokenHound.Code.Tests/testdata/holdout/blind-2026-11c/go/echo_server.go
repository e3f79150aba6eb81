package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

type tokens struct {
	Session string
	Refresh string
}

type authService interface {
	Login(ctx context.Context, username, password string) (*tokens, error)
	Profile(ctx context.Context, authorization string) (map[string]any, error)
}

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type server struct {
	auth authService
}

func (s *server) login(c echo.Context) error {
	var req loginRequest
	if err := c.Bind(&req); err != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"message": "invalid body"})
	}
	if req.Username == "" || req.Password == "" {
		return c.JSON(http.StatusBadRequest, map[string]string{"message": "username and password required"})
	}
	tok, err := s.auth.Login(c.Request().Context(), req.Username, req.Password)
	if err != nil {
		log.Printf("login failed for %s: %v", req.Username, err)
		return c.JSON(http.StatusUnauthorized, map[string]string{"message": "invalid credentials"})
	}
	c.SetCookie(&http.Cookie{Name: "session_token", Value: tok.Session, Path: "/", Expires: time.Now().Add(30 * time.Minute)}) // Noncompliant THC007
	c.SetCookie(&http.Cookie{Name: "refresh_token", Value: tok.Refresh, Path: "/auth", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	return c.JSON(http.StatusOK, map[string]string{"token_type": "Bearer"})
}

func (s *server) profile(c echo.Context) error {
	authz := c.Request().Header.Get(echo.HeaderAuthorization)
	if authz == "" {
		return c.JSON(http.StatusUnauthorized, map[string]string{"message": "unauthorized"})
	}
	log.Printf("profile request auth=%s", authz) // Noncompliant THC001
	p, err := s.auth.Profile(c.Request().Context(), authz)
	if err != nil {
		return c.JSON(http.StatusInternalServerError, map[string]string{"error": err.Error(), "authorization": authz}) // Noncompliant THC003
	}
	log.Printf("profile served request=%s len(auth)=%d", c.Response().Header().Get(echo.HeaderXRequestID), len(authz))
	return c.JSON(http.StatusOK, p)
}

func newServer(auth authService) *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.Use(middleware.RequestID())
	e.Use(middleware.Recover())
	s := &server{auth: auth}
	e.POST("/auth/login", s.login)
	e.GET("/me", s.profile)
	return e
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	e := newServer(newCognitoAuth())
	e.Logger.Fatal(e.Start(":" + port))
}
