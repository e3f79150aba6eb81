package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

type subscription struct {
	ID        string `json:"id"`
	TargetURL string `json:"target_url"`
	SecretARN string `json:"secret_arn"`
	Legacy    bool   `json:"legacy"`
}

type dispatcher struct {
	sm     *secretsmanager.Client
	client *http.Client
	e      *echo.Echo
}

func (d *dispatcher) signingSecret(ctx context.Context, arn string) (string, error) {
	out, err := d.sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(arn)})
	if err != nil {
		return "", err
	}
	secret := aws.ToString(out.SecretString)
	d.e.Logger.Debugf("signing secret for %s: %s", arn, secret) // Noncompliant THC001
	return secret, nil
}

func sign(secret string, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%d:", ts)
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

func (d *dispatcher) legacyNotify(ctx context.Context, target, token string) error {
	resp, err := d.client.Get(fmt.Sprintf("%s/notify?event=ping&token=%s", target, url.QueryEscape(token))) // Noncompliant THC009
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (d *dispatcher) deliver(c echo.Context) error {
	c.Logger().Debugf("dispatch request headers: %v", c.Request().Header) // Noncompliant THC002
	var sub subscription
	if err := c.Bind(&sub); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "invalid subscription")
	}
	ctx := c.Request().Context()
	secret, err := d.signingSecret(ctx, sub.SecretARN)
	if err != nil {
		c.Logger().Errorf("secret lookup failed for %s: %v", sub.SecretARN, err)
		return echo.NewHTTPError(http.StatusBadGateway, "could not load signing secret")
	}
	if sub.Legacy {
		if err := d.legacyNotify(ctx, sub.TargetURL, secret); err != nil {
			return echo.NewHTTPError(http.StatusBadGateway, "legacy delivery failed")
		}
		return c.NoContent(http.StatusAccepted)
	}
	body, _ := json.Marshal(map[string]any{"type": "ping", "subscription": sub.ID, "sent_at": time.Now().UTC()})
	ts := time.Now().Unix()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, sub.TargetURL, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("X-Signature", sign(secret, ts, body))
	resp, err := d.client.Do(req)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadGateway, "delivery failed")
	}
	defer resp.Body.Close()
	c.Logger().Infof("delivered %s to %s: %d", sub.ID, sub.TargetURL, resp.StatusCode)
	return c.JSON(http.StatusAccepted, map[string]string{"status": "delivered"})
}

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		panic(err)
	}
	e := echo.New()
	e.Debug = true // Noncompliant THC004
	e.Use(middleware.Recover(), middleware.RequestID())
	d := &dispatcher{sm: secretsmanager.NewFromConfig(cfg), client: &http.Client{Timeout: 10 * time.Second}, e: e}
	e.POST("/subscriptions/deliver", d.deliver)
	e.Logger.Fatal(e.Start(":8080"))
}
