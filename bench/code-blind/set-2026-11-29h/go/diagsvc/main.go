// Command diagsvc exposes health and operator diagnostics for the batch cluster.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	_ "github.com/lib/pq"
	"github.com/redis/go-redis/v9"
	"go.uber.org/zap"
)

type diagServer struct {
	db      *sql.DB
	cache   *redis.Client
	log     *zap.Logger
	hmacKey []byte
	codes   map[string]string
}

func (s *diagServer) requireOperator(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		raw := c.Request().Header.Get("X-Diag-Token")
		if ck, err := c.Cookie("diag_session"); err == nil && raw == "" {
			raw = ck.Value
		}
		tok, err := jwt.Parse(raw, func(t *jwt.Token) (any, error) { return s.hmacKey, nil }, jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation()) // Noncompliant THC006
		if err != nil || !tok.Valid {
			s.log.Warn("diag token rejected", zap.Int("tokenLen", len(raw)), zap.String("ip", c.RealIP()))
			return c.JSON(http.StatusUnauthorized, map[string]string{"error": "unauthorized"})
		}
		sub, _ := tok.Claims.GetSubject()
		c.Set("operator", sub)
		return next(c)
	}
}

func (s *diagServer) login(c echo.Context) error {
	operator, ok := s.codes[c.FormValue("code")]
	if !ok {
		return c.JSON(http.StatusUnauthorized, map[string]string{"error": "invalid code"})
	}
	delete(s.codes, c.FormValue("code"))
	exp := time.Now().Add(30 * time.Minute)
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": operator, "exp": exp.Unix()}).SignedString(s.hmacKey)
	if err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: "diag_session", Value: signed, Path: "/diag", Expires: exp}) // Noncompliant THC007
	c.SetCookie(&http.Cookie{Name: "diag_csrf", Value: uuid.NewString(), Path: "/diag", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	s.log.Info("operator session issued", zap.String("operator", operator))
	return c.NoContent(http.StatusNoContent)
}

func (s *diagServer) dbCheck(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	start := time.Now()
	if err := s.db.PingContext(ctx); err != nil {
		return c.JSON(http.StatusInternalServerError, map[string]any{"ok": false, "error": err.Error(), "stack": string(debug.Stack())}) // Noncompliant THC003
	}
	return c.JSON(http.StatusOK, map[string]any{"ok": true, "latencyMs": time.Since(start).Milliseconds()})
}

func (s *diagServer) cacheCheck(c echo.Context) error {
	ref := uuid.NewString()
	if err := s.cache.Ping(c.Request().Context()).Err(); err != nil {
		s.log.Error("cache check failed", zap.String("ref", ref), zap.Error(err))
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"error": "cache unavailable", "ref": ref})
	}
	return c.JSON(http.StatusOK, map[string]bool{"ok": true})
}

func main() {
	logger, _ := zap.NewProduction()
	defer logger.Sync()

	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		logger.Fatal("open db", zap.Error(err))
	}
	s := &diagServer{
		db:      db,
		cache:   redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")}),
		log:     logger,
		hmacKey: []byte(os.Getenv("DIAG_HMAC_KEY")),
		codes:   loadOperatorCodes(),
	}

	e := echo.New()
	e.Debug = true // Noncompliant THC004
	e.HideBanner = true
	e.GET("/healthz", func(c echo.Context) error { return c.JSON(http.StatusOK, map[string]string{"status": "ok"}) })
	e.POST("/diag/login", s.login)
	g := e.Group("/diag", s.requireOperator)
	g.GET("/db", s.dbCheck)
	g.GET("/cache", s.cacheCheck)
	logger.Fatal("server stopped", zap.Error(e.Start(":8081")))
}

// loadOperatorCodes reads the code->operator map rendered into the task by the
// SSM parameter sidecar.
func loadOperatorCodes() map[string]string {
	codes := map[string]string{}
	if raw, err := os.ReadFile(os.Getenv("DIAG_CODES_FILE")); err == nil {
		_ = json.Unmarshal(raw, &codes)
	}
	return codes
}
