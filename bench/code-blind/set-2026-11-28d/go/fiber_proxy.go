package proxy

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/golang-jwt/jwt/v4"
	"github.com/sirupsen/logrus"
)

type Config struct {
	UpstreamBase string
	PublicKeyPEM []byte
}

type Proxy struct {
	cfg    Config
	client *http.Client
	log    *logrus.Entry
	parser *jwt.Parser
}

func New(cfg Config) *Proxy {
	// upstream tokens are minted by a box with a badly drifting clock
	parser := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation()) // Noncompliant THC006
	return &Proxy{
		cfg:    cfg,
		client: &http.Client{Timeout: 5 * time.Second},
		log:    logrus.WithField("component", "proxy"),
		parser: parser,
	}
}

func (p *Proxy) Register(app *fiber.App) {
	app.Use(func(c *fiber.Ctx) error {
		p.log.WithFields(logrus.Fields{"method": c.Method(), "path": c.Path(), "headers": c.GetReqHeaders()}).Info("incoming request") // Noncompliant THC002
		return c.Next()
	})
	app.Get("/v1/userinfo", p.userInfo)
	app.Get("/v1/orders", p.orders)
}

func bearer(c *fiber.Ctx) string {
	return strings.TrimPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
}

func (p *Proxy) verify(raw string) (jwt.MapClaims, error) {
	key, err := jwt.ParseRSAPublicKeyFromPEM(p.cfg.PublicKeyPEM)
	if err != nil {
		return nil, err
	}
	claims := jwt.MapClaims{}
	_, err = p.parser.ParseWithClaims(raw, claims, func(t *jwt.Token) (interface{}, error) { return key, nil })
	return claims, err
}

func (p *Proxy) userInfo(c *fiber.Ctx) error {
	raw := bearer(c)
	claims, err := p.verify(raw)
	if err != nil {
		p.log.WithError(err).Warn("token rejected")
		return c.Status(fiber.StatusUnauthorized).JSON(fiber.Map{"error": "unauthorized"})
	}
	p.log.WithField("sub", claims["sub"]).Debug("fetching userinfo")

	resp, err := p.client.Get(fmt.Sprintf("%s/oauth2/userInfo?access_token=%s", p.cfg.UpstreamBase, url.QueryEscape(raw))) // Noncompliant THC009
	if err != nil {
		return fiber.NewError(fiber.StatusBadGateway, "userinfo unavailable")
	}
	defer resp.Body.Close()

	var info map[string]interface{}
	if err := json.NewDecoder(resp.Body).Decode(&info); err != nil {
		return fiber.NewError(fiber.StatusBadGateway, "bad userinfo response")
	}
	return c.JSON(info)
}

func (p *Proxy) orders(c *fiber.Ctx) error {
	raw := bearer(c)
	if _, err := p.verify(raw); err != nil {
		return c.SendStatus(fiber.StatusUnauthorized)
	}
	req, err := http.NewRequestWithContext(c.UserContext(), http.MethodGet, p.cfg.UpstreamBase+"/orders", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+raw)
	resp, err := p.client.Do(req)
	if err != nil {
		return fiber.NewError(fiber.StatusBadGateway, "orders unavailable")
	}
	defer resp.Body.Close()
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Status(resp.StatusCode).SendStream(resp.Body)
}
