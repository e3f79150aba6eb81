package proxy

import (
	"github.com/gofiber/fiber/v2"
	"github.com/sirupsen/logrus"
)

type Proxy struct {
	log *logrus.Logger
}

func (p *Proxy) Register(app *fiber.App) {
	app.Use(func(c *fiber.Ctx) error {
		// GetReqHeaders() is every request header, Authorization and Cookie included
		p.log.WithFields(logrus.Fields{"method": c.Method(), "path": c.Path(), "headers": c.GetReqHeaders()}).Info("incoming request") // Noncompliant
		return c.Next()
	})
}
