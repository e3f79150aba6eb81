// Command partnerproxy is a thin echo proxy in front of the wholesale partner's order API.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

type partnerSecret struct {
	ClientID string `json:"client_id"`
	Token    string `json:"token"`
}

type proxy struct {
	sm       *secretsmanager.Client
	secretID string
	baseURL  string
	http     *http.Client
}

func (p *proxy) partnerToken(ctx context.Context) (string, error) {
	out, err := p.sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(p.secretID)})
	if err != nil {
		return "", fmt.Errorf("get secret %s: %w", p.secretID, err)
	}
	var s partnerSecret
	if err := json.Unmarshal([]byte(aws.ToString(out.SecretString)), &s); err != nil {
		return "", err
	}
	return s.Token, nil
}

func (p *proxy) listOrders(c echo.Context) error {
	ctx := c.Request().Context()
	token, err := p.partnerToken(ctx)
	if err != nil {
		c.Logger().Errorf("partner secret %s unavailable: %v", p.secretID, err)
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"error": "partner unavailable"})
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.baseURL+"/v1/orders?status="+url.QueryEscape(c.QueryParam("status"))+"&access_token="+url.QueryEscape(token), nil) // Noncompliant THC009
	if err != nil {
		return err
	}
	resp, err := p.http.Do(req)
	if err != nil {
		return c.JSON(http.StatusBadGateway, map[string]string{"error": "partner request failed"})
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	c.Logger().Infof("partner orders status=%d bytes=%d request_id=%s", resp.StatusCode, len(body), c.Response().Header().Get(echo.HeaderXRequestID))
	return c.Blob(resp.StatusCode, echo.MIMEApplicationJSON, body)
}

func (p *proxy) getOrder(c echo.Context) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = c.JSON(http.StatusInternalServerError, map[string]string{"error": fmt.Sprint(r), "stack": string(debug.Stack()), "order": c.Param("id")}) // Noncompliant THC003
		}
	}()
	token, err := p.partnerToken(c.Request().Context())
	if err != nil {
		return err
	}
	req, _ := http.NewRequest(http.MethodGet, p.baseURL+"/v1/orders/"+url.PathEscape(c.Param("id")), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := p.http.Do(req)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadGateway, "partner request failed")
	}
	defer resp.Body.Close()
	return c.Stream(resp.StatusCode, echo.MIMEApplicationJSON, resp.Body)
}

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		panic(err)
	}
	p := &proxy{
		sm:       secretsmanager.NewFromConfig(cfg),
		secretID: os.Getenv("PARTNER_SECRET_ID"),
		baseURL:  os.Getenv("PARTNER_BASE_URL"),
		http:     &http.Client{Timeout: 10 * time.Second},
	}
	e := echo.New()
	e.Debug = true // Noncompliant THC004
	e.Use(middleware.RequestID(), middleware.Recover())
	e.GET("/orders", p.listOrders)
	e.GET("/orders/:id", p.getOrder)
	e.Logger.Fatal(e.Start(":" + os.Getenv("PORT")))
}
