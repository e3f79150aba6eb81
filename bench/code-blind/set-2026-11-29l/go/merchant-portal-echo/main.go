// Command merchant-portal-echo is the backend for the merchant onboarding portal.
package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"go.uber.org/zap"
)

type handlers struct {
	logger      *zap.Logger
	ssm         *ssm.Client
	docs        *s3.Client
	legacy      *dynamodb.Client
	payoutsBase string
}

func mask(v string) string {
	if len(v) < 6 {
		return "***"
	}
	return "***" + v[len(v)-4:]
}

func (h *handlers) partnerToken(ctx context.Context) (string, error) {
	out, err := h.ssm.GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String("/portal/payouts/partner-token"), WithDecryption: aws.Bool(true)})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.Parameter.Value), nil
}

func (h *handlers) payouts(c echo.Context) error {
	ctx := c.Request().Context()
	merchantID := c.Param("id")
	token, err := h.partnerToken(ctx)
	if err != nil {
		h.logger.Error("partner token unavailable", zap.Error(err))
		return c.JSON(http.StatusInternalServerError, map[string]string{"error": "internal", "requestId": c.Response().Header().Get(echo.HeaderXRequestID)})
	}
	h.logger.Info("fetching payouts", zap.String("merchant", merchantID), zap.String("token", mask(token)))
	resp, err := http.Get(h.payoutsBase + "/v1/payouts?merchant=" + url.QueryEscape(merchantID) + "&access_token=" + url.QueryEscape(token)) // Noncompliant THC009
	if err != nil {
		return c.JSON(http.StatusBadGateway, map[string]string{"error": err.Error(), "authorization": c.Request().Header.Get("Authorization")}) // Noncompliant THC003
	}
	defer resp.Body.Close()
	var payload map[string]interface{}
	if err := json.NewDecoder(resp.Body).Decode(&payload); err != nil {
		return c.JSON(http.StatusBadGateway, map[string]string{"error": "bad partner response", "requestId": c.Response().Header().Get(echo.HeaderXRequestID)})
	}
	return c.JSON(http.StatusOK, payload)
}

func (h *handlers) uploadDocument(c echo.Context) error {
	file, err := c.FormFile("document")
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "document missing")
	}
	src, err := file.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	key := "kyc/" + c.Param("id") + "/" + file.Filename
	if _, err := h.docs.PutObject(c.Request().Context(), &s3.PutObjectInput{Bucket: aws.String("merchant-kyc-docs"), Key: aws.String(key), Body: src}); err != nil {
		return err
	}
	h.logger.Info("document stored", zap.String("merchant", c.Param("id")), zap.String("key", key))
	return c.NoContent(http.StatusCreated)
}

func main() {
	logger, _ := zap.NewProduction()
	defer logger.Sync()
	ctx := context.Background()

	base, err := config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"))
	if err != nil {
		logger.Fatal("aws config", zap.Error(err))
	}
	docsCfg := base.Copy()
	docsCfg.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(sts.NewFromConfig(base), os.Getenv("KYC_DOCS_ROLE_ARN")))
	legacyCfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"), config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(os.Getenv("PORTAL_LEGACY_KEY_ID"), os.Getenv("PORTAL_LEGACY_SECRET"), ""))) // Noncompliant THC008
	if err != nil {
		logger.Fatal("legacy aws config", zap.Error(err))
	}

	h := &handlers{
		logger:      logger,
		ssm:         ssm.NewFromConfig(base),
		docs:        s3.NewFromConfig(docsCfg),
		legacy:      dynamodb.NewFromConfig(legacyCfg),
		payoutsBase: os.Getenv("PAYOUTS_PARTNER_URL"),
	}

	e := echo.New()
	e.Debug = true // Noncompliant THC004
	e.Use(middleware.RequestID(), middleware.Recover())
	e.GET("/merchants/:id/payouts", h.payouts)
	e.POST("/merchants/:id/documents", h.uploadDocument)
	e.Logger.Fatal(e.Start(":8080"))
}
