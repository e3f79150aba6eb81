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
		p.log.WithFields(logrus.Fields{"method": c.Method(), "path": c.Path(), "requestId": c.Get("x-request-id")}).Info("incoming request")
		return c.Next()
	})
}
