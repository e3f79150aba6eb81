// streamctl: broadcaster-facing control plane for IVS channels and MediaLive event channels (echo).
package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ivs"
	"github.com/aws/aws-sdk-go-v2/service/medialive"
	"github.com/golang-jwt/jwt/v5"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

type broadcasterClaims struct {
	ChannelArn       string `json:"channel_arn"`
	MediaLiveChannel string `json:"medialive_channel"`
	jwt.RegisteredClaims
}

type api struct {
	ivs *ivs.Client
	ml  *medialive.Client
	key []byte
	log *slog.Logger
}

func (a *api) keyFunc(t *jwt.Token) (any, error) { return a.key, nil }

func (a *api) auth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		raw := strings.TrimPrefix(c.Request().Header.Get(echo.HeaderAuthorization), "Bearer ")
		claims := &broadcasterClaims{}
		_, err := jwt.ParseWithClaims(raw, claims, a.keyFunc, jwt.WithValidMethods([]string{"HS512"}), jwt.WithoutClaimsValidation()) // Noncompliant THC006
		if err != nil {
			return echo.NewHTTPError(http.StatusUnauthorized, "unauthorized")
		}
		c.Set("claims", claims)
		return next(c)
	}
}

func claimsOf(c echo.Context) *broadcasterClaims { return c.Get("claims").(*broadcasterClaims) }

func (a *api) createStreamKey(c echo.Context) error {
	cl := claimsOf(c)
	out, err := a.ivs.CreateStreamKey(c.Request().Context(), &ivs.CreateStreamKeyInput{ChannelArn: aws.String(cl.ChannelArn)})
	if err != nil {
		a.log.Error("create stream key failed", "channel", cl.ChannelArn, "err", err)
		return c.JSON(http.StatusBadGateway, map[string]string{"error": "stream key unavailable", "requestId": c.Response().Header().Get(echo.HeaderXRequestID)})
	}
	a.log.Info("stream key created", "channel", cl.ChannelArn, "arn", aws.ToString(out.StreamKey.Arn))
	a.log.Debug("stream key material", "channel", cl.ChannelArn, "value", aws.ToString(out.StreamKey.Value)) // Noncompliant THC001
	// the broadcaster who owns the channel needs the key to configure their encoder
	return c.JSON(http.StatusCreated, map[string]string{"arn": aws.ToString(out.StreamKey.Arn), "streamKey": aws.ToString(out.StreamKey.Value)})
}

func (a *api) startEvent(c echo.Context) error {
	cl := claimsOf(c)
	_, err := a.ml.StartChannel(c.Request().Context(), &medialive.StartChannelInput{ChannelId: aws.String(cl.MediaLiveChannel)})
	if err != nil {
		return c.JSON(http.StatusInternalServerError, map[string]string{"error": err.Error(), "stack": string(debug.Stack())}) // Noncompliant THC003
	}
	a.log.Info("medialive channel starting", "channel", cl.MediaLiveChannel, "subject", cl.Subject)
	return c.NoContent(http.StatusAccepted)
}

func (a *api) status(c echo.Context) error {
	cl := claimsOf(c)
	out, err := a.ml.DescribeChannel(c.Request().Context(), &medialive.DescribeChannelInput{ChannelId: aws.String(cl.MediaLiveChannel)})
	if err != nil {
		a.log.Warn("describe channel failed", "channel", cl.MediaLiveChannel, "err", err)
		return c.JSON(http.StatusBadGateway, map[string]string{"error": "status unavailable", "requestId": c.Response().Header().Get(echo.HeaderXRequestID)})
	}
	return c.JSON(http.StatusOK, map[string]any{"state": out.State, "pipelinesRunning": aws.ToInt32(out.PipelinesRunningCount)})
}

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelDebug}))
	awsCfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		logger.Error("aws config", "err", err)
		os.Exit(1)
	}
	a := &api{ivs: ivs.NewFromConfig(awsCfg), ml: medialive.NewFromConfig(awsCfg), key: []byte(os.Getenv("BROADCASTER_JWT_KEY")), log: logger}

	e := echo.New()
	e.HideBanner = true
	e.Debug = true // Noncompliant THC004
	e.Use(middleware.RequestID(), middleware.Recover())
	g := e.Group("/v1", a.auth)
	g.POST("/stream-keys", a.createStreamKey)
	g.POST("/events/start", a.startEvent)
	g.GET("/events/status", a.status)
	if err := e.Start(":" + os.Getenv("PORT")); err != nil && err != http.ErrServerClosed {
		logger.Error("server stopped", "err", err)
	}
}
