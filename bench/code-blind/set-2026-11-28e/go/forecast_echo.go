package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	echoadapter "github.com/awslabs/aws-lambda-go-api-proxy/echo"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

var (
	logger     = slog.New(slog.NewJSONHandler(os.Stdout, nil))
	httpClient = &http.Client{Timeout: 5 * time.Second}
	weatherKey string
)

func loadWeatherKey(ctx context.Context) (string, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return "", err
	}
	out, err := ssm.NewFromConfig(cfg).GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String(os.Getenv("WEATHER_KEY_PARAM")), WithDecryption: aws.Bool(true)})
	if err != nil {
		return "", err
	}
	logger.Info("loaded weather API key", "parameter", aws.ToString(out.Parameter.Name), "version", out.Parameter.Version)
	logger.Debug("weather API key value", "key", aws.ToString(out.Parameter.Value)) // Noncompliant THC001
	return aws.ToString(out.Parameter.Value), nil
}

func fingerprint(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

func forecast(c echo.Context) error {
	city := c.QueryParam("city")
	if city == "" {
		return echo.NewHTTPError(http.StatusBadRequest, "city is required")
	}
	req, _ := http.NewRequestWithContext(c.Request().Context(), http.MethodGet, "https://api.weather.example.com/v3/forecast?q="+url.QueryEscape(city), nil)
	req.Header.Set("X-Api-Key", weatherKey)
	resp, err := httpClient.Do(req)
	if err != nil {
		logger.Error("weather upstream failed", "city", city, "err", err)
		return c.JSON(http.StatusBadGateway, map[string]string{"message": "forecast unavailable"})
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return c.JSONBlob(resp.StatusCode, body)
}

func usage(c echo.Context) error {
	auth := c.Request().Header.Get("Authorization")
	token := strings.TrimPrefix(auth, "Bearer ")
	logger.Info("usage lookup", "tokenFp", fingerprint(token), "ip", c.RealIP())
	resp, err := httpClient.Get(fmt.Sprintf("%s/v1/usage?access_token=%s", os.Getenv("BILLING_URL"), token)) // Noncompliant THC009
	if err != nil {
		return c.JSON(http.StatusBadGateway, map[string]string{"error": err.Error(), "authorization": auth}) // Noncompliant THC003
	}
	defer resp.Body.Close()
	var out map[string]interface{}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		logger.Warn("bad usage payload", "err", err)
		return echo.NewHTTPError(http.StatusBadGateway, "usage unavailable")
	}
	return c.JSON(http.StatusOK, out)
}

func main() {
	key, err := loadWeatherKey(context.Background())
	if err != nil {
		logger.Error("cannot load weather key", "err", err)
		os.Exit(1)
	}
	weatherKey = key

	e := echo.New()
	e.Debug = true // Noncompliant THC004
	e.HideBanner = true
	e.Use(middleware.Recover(), middleware.RequestID())
	e.GET("/forecast", forecast)
	e.GET("/usage", usage)

	adapter := echoadapter.NewV2(e)
	lambda.Start(func(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		return adapter.ProxyWithContext(ctx, req)
	})
}
