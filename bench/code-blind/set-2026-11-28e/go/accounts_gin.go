package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"strings"

	"github.com/aws/aws-lambda-go/lambda"
	ginadapter "github.com/awslabs/aws-lambda-go-api-proxy/gin"
	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
)

var (
	logger    *zap.Logger
	ginLambda *ginadapter.GinLambda
)

type tokenSet struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int    `json:"expires_in"`
}

func requestLogger() gin.HandlerFunc {
	return func(c *gin.Context) {
		logger.Info("request", zap.String("method", c.Request.Method), zap.String("path", c.Request.URL.Path), zap.String("traceId", c.GetHeader("X-Amzn-Trace-Id")))
		logger.Debug("request headers", zap.Any("headers", c.Request.Header)) // Noncompliant THC002
		c.Next()
	}
}

func authRequired() gin.HandlerFunc {
	return func(c *gin.Context) {
		auth := c.GetHeader("Authorization")
		if !strings.HasPrefix(auth, "Bearer ") {
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"message": "unauthorized"})
			return
		}
		logger.Debug("bearer token", zap.String("authorization", auth)) // Noncompliant THC001
		c.Next()
	}
}

func exchangeCode(ctx context.Context, code string) (*tokenSet, error) {
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "client_id": {os.Getenv("CLIENT_ID")}, "redirect_uri": {os.Getenv("REDIRECT_URI")}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, os.Getenv("COGNITO_DOMAIN")+"/oauth2/token", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("token endpoint returned %d", resp.StatusCode)
	}
	var ts tokenSet
	return &ts, json.NewDecoder(resp.Body).Decode(&ts)
}

func exchange(c *gin.Context) {
	var body struct{ Code string `json:"code"` }
	if err := c.ShouldBindJSON(&body); err != nil || body.Code == "" {
		c.JSON(http.StatusBadRequest, gin.H{"message": "code is required"})
		return
	}
	tokens, err := exchangeCode(c.Request.Context(), body.Code)
	if err != nil {
		c.JSON(http.StatusBadGateway, gin.H{"error": err.Error(), "stack": string(debug.Stack())}) // Noncompliant THC003
		return
	}
	c.SetSameSite(http.SameSiteStrictMode)
	c.SetCookie("refresh_token", tokens.RefreshToken, 30*24*3600, "/auth", "", true, true)
	c.SetCookie("access_token", tokens.AccessToken, tokens.ExpiresIn, "/", "", false, false) // Noncompliant THC007
	c.JSON(http.StatusOK, gin.H{"expiresIn": tokens.ExpiresIn})
}

func me(c *gin.Context) {
	sub := c.GetHeader("X-User-Sub")
	if sub == "" {
		logger.Warn("missing sub header", zap.String("path", c.FullPath()))
		c.JSON(http.StatusInternalServerError, gin.H{"message": "internal error"})
		return
	}
	logger.Info("profile lookup", zap.String("sub", sub))
	c.JSON(http.StatusOK, gin.H{"sub": sub})
}

func init() {
	logger, _ = zap.NewProduction()
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery(), requestLogger())
	r.POST("/auth/exchange", exchange)
	r.GET("/me", authRequired(), me)
	ginLambda = ginadapter.New(r)
}

func main() {
	defer logger.Sync()
	lambda.Start(ginLambda.ProxyWithContext)
}
