package main

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

func newServer() *echo.Echo {
	e := echo.New()
	e.Debug = true // Noncompliant
	e.Use(middleware.RequestID())
	e.Use(middleware.Recover())
	e.GET("/health", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	return e
}
