// Feature-flag evaluation service for internal tools (echo, aws-sdk-go-v2,
// golang-jwt v5 with a JWKS key function).
package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/golang-jwt/jwt/v5"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

type Flag struct {
	Key     string `dynamodbav:"pk" json:"key"`
	Enabled bool   `dynamodbav:"enabled" json:"enabled"`
	Rollout int    `dynamodbav:"rollout" json:"rollout"`
}

type api struct {
	db     *dynamodb.Client
	table  string
	jwks   keyfunc.Keyfunc
	issuer string
}

func bearer(c echo.Context) string {
	return strings.TrimPrefix(c.Request().Header.Get(echo.HeaderAuthorization), "Bearer ")
}

func logRequest(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Logger().Infof("%s %s headers=%v", c.Request().Method, c.Path(), c.Request().Header) // Noncompliant THC002
		return next(c)
	}
}

func (a *api) userAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		tok, err := jwt.Parse(bearer(c), a.jwks.Keyfunc, jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(a.issuer), jwt.WithAudience("flags-api"), jwt.WithExpirationRequired())
		if err != nil || !tok.Valid {
			return echo.NewHTTPError(http.StatusUnauthorized, "unauthorized")
		}
		c.Set("claims", tok.Claims)
		return next(c)
	}
}

// batchAuth accepts tokens from nightly batch jobs, which reuse the token
// minted when the pipeline started.
func (a *api) batchAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		raw := bearer(c)
		tok, err := jwt.Parse(raw, a.jwks.Keyfunc, jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation()) // Noncompliant THC006
		if err != nil {
			return c.JSON(http.StatusUnauthorized, map[string]string{"error": err.Error(), "token": raw}) // Noncompliant THC003
		}
		c.Set("claims", tok.Claims)
		return next(c)
	}
}

func (a *api) getFlag(c echo.Context) error {
	key := c.Param("key")
	out, err := a.db.GetItem(c.Request().Context(), &dynamodb.GetItemInput{
		TableName: aws.String(a.table),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key}},
	})
	if err != nil {
		rid := c.Response().Header().Get(echo.HeaderXRequestID)
		c.Logger().Errorf("get %s failed (request %s): %v", key, rid, err)
		return c.JSON(http.StatusInternalServerError, map[string]string{"error": "internal error", "requestId": rid})
	}
	flag := Flag{Key: key}
	if out.Item != nil {
		if err := attributevalue.UnmarshalMap(out.Item, &flag); err != nil {
			return err
		}
	}
	if claims, ok := c.Get("claims").(jwt.MapClaims); ok {
		c.Logger().Infof("flag %s evaluated for %v", key, claims["sub"])
	}
	return c.JSON(http.StatusOK, flag)
}

func main() {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		log.Fatalf("aws config: %v", err)
	}
	issuer := os.Getenv("TOKEN_ISSUER")
	jwks, err := keyfunc.NewDefaultCtx(ctx, []string{issuer + "/.well-known/jwks.json"})
	if err != nil {
		log.Fatalf("jwks: %v", err)
	}
	a := &api{db: dynamodb.NewFromConfig(cfg), table: os.Getenv("FLAGS_TABLE"), jwks: jwks, issuer: issuer}

	e := echo.New()
	e.Debug = true // Noncompliant THC004
	e.HideBanner = true
	e.Use(middleware.RequestID(), middleware.Recover(), logRequest)

	e.GET("/flags/:key", a.getFlag, a.userAuth)
	e.GET("/batch/flags/:key", a.getFlag, a.batchAuth)
	e.GET("/healthz", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })

	log.Fatal(e.Start(":" + os.Getenv("PORT")))
}
