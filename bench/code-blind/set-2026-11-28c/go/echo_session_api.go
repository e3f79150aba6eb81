package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	echoadapter "github.com/awslabs/aws-lambda-go-api-proxy/echo"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

type tokenSet struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int    `json:"expires_in"`
}

var (
	adapter    *echoadapter.EchoLambdaV2
	httpClient = &http.Client{Timeout: 5 * time.Second}
)

func exchange(ctx context.Context, code string) (*tokenSet, error) {
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "client_id": {os.Getenv("CLIENT_ID")}, "redirect_uri": {os.Getenv("REDIRECT_URI")}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, os.Getenv("COGNITO_DOMAIN")+"/oauth2/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("token endpoint returned %d", resp.StatusCode)
	}
	var t tokenSet
	return &t, json.NewDecoder(resp.Body).Decode(&t)
}

func fetchProfile(ctx context.Context, accessToken string) (map[string]any, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, os.Getenv("COGNITO_DOMAIN")+"/oauth2/userInfo", nil)
	req.Header.Set("Authorization", "Bearer "+accessToken)
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var p map[string]any
	return p, json.NewDecoder(resp.Body).Decode(&p)
}

func createSession(c echo.Context) error {
	var body struct {
		Code string `json:"code"`
	}
	if err := c.Bind(&body); err != nil || body.Code == "" {
		return echo.NewHTTPError(http.StatusBadRequest, "invalid body")
	}
	tok, err := exchange(c.Request().Context(), body.Code)
	if err != nil {
		rid := c.Response().Header().Get(echo.HeaderXRequestID)
		c.Logger().Errorf("code exchange failed rid=%s: %v", rid, err)
		return c.JSON(http.StatusBadGateway, map[string]string{"error": "login failed", "requestId": rid})
	}
	c.SetCookie(&http.Cookie{Name: "access_token", Value: tok.AccessToken, Path: "/", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode, MaxAge: tok.ExpiresIn})
	c.SetCookie(&http.Cookie{Name: "refresh_token", Value: tok.RefreshToken, Path: "/session"}) // Noncompliant THC007
	return c.NoContent(http.StatusNoContent)
}

func profile(c echo.Context) error {
	cookie, err := c.Cookie("access_token")
	if err != nil {
		return echo.ErrUnauthorized
	}
	p, err := fetchProfile(c.Request().Context(), cookie.Value)
	if err != nil {
		return c.JSON(http.StatusInternalServerError, map[string]string{"error": err.Error(), "session": cookie.Value}) // Noncompliant THC003
	}
	return c.JSON(http.StatusOK, p)
}

func newServer() *echo.Echo {
	e := echo.New()
	e.Debug = true // Noncompliant THC004
	e.Use(middleware.RequestID())
	e.Use(middleware.Recover())
	e.POST("/session", createSession)
	e.GET("/profile", profile)
	return e
}

func handler(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return adapter.ProxyWithContext(ctx, req)
}

func main() {
	adapter = echoadapter.NewV2(newServer())
	lambda.Start(handler)
}
