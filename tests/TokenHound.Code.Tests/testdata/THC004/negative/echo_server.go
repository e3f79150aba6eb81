package main

import (
	"net/http"
	"os"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

type settings struct{ Debug bool }

func newServer() *echo.Echo {
	e := echo.New()
	e.Debug = os.Getenv("STAGE") == "local"
	if os.Getenv("STAGE") == "dev" {
		e.Debug = true
	}
	cfg := settings{}
	cfg.Debug = true
	e.Use(middleware.RequestID())
	e.GET("/health", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	return e
}
