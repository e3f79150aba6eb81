// echo-export pushes curated dataset snapshots to a partner's ingest API.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
)

type exportRequest struct {
	Dataset  string `json:"dataset"`
	Snapshot string `json:"snapshot"`
	Partner  string `json:"partner"`
}

type server struct {
	sts          *sts.Client
	roleArn      string
	partnerBase  string
	partnerToken string
	logger       *slog.Logger
}

func (s *server) exportToPartner(c echo.Context) error {
	var req exportRequest
	if err := c.Bind(&req); err != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "invalid request body"})
	}
	ctx := c.Request().Context()

	out, err := s.sts.AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn:         aws.String(s.roleArn),
		RoleSessionName: aws.String("partner-export-" + req.Partner),
	})
	if err != nil {
		return c.JSON(http.StatusBadGateway, map[string]any{"error": err.Error(), "request": req}) // Noncompliant THC003
	}
	s.logger.Info("assumed export role", "role", s.roleArn, "expires", out.Credentials.Expiration)
	s.logger.Debug("export credentials", "accessKeyId", aws.ToString(out.Credentials.AccessKeyId), "sessionToken", aws.ToString(out.Credentials.SessionToken)) // Noncompliant THC001

	manifest, _ := json.Marshal(map[string]string{
		"dataset":  req.Dataset,
		"snapshot": req.Snapshot,
		"location": fmt.Sprintf("s3://acme-shared-datasets/%s/%s/", req.Dataset, req.Snapshot),
	})
	resp, err := http.Post(fmt.Sprintf("%s/ingest?dataset=%s&token=%s", s.partnerBase, url.QueryEscape(req.Dataset), url.QueryEscape(s.partnerToken)), "application/json", bytes.NewReader(manifest)) // Noncompliant THC009
	if err != nil || resp.StatusCode >= 300 {
		cid := uuid.NewString()
		s.logger.Error("partner ingest failed", "cid", cid, "partner", req.Partner, "err", err)
		return c.JSON(http.StatusBadGateway, map[string]string{"error": "partner ingest failed", "correlationId": cid})
	}
	defer resp.Body.Close()
	s.logger.Info("export delivered", "partner", req.Partner, "dataset", req.Dataset, "tokenLen", len(s.partnerToken))
	return c.JSON(http.StatusAccepted, map[string]string{"status": "delivered"})
}

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		logger.Error("aws config", "err", err)
		os.Exit(1)
	}
	s := &server{
		sts:          sts.NewFromConfig(cfg),
		roleArn:      os.Getenv("EXPORT_ROLE_ARN"),
		partnerBase:  os.Getenv("PARTNER_BASE_URL"),
		partnerToken: os.Getenv("PARTNER_INGEST_TOKEN"),
		logger:       logger,
	}

	e := echo.New()
	e.Debug = true // Noncompliant THC004
	e.HideBanner = true
	e.POST("/exports", s.exportToPartner)
	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	logger.Info("echo-export starting", "addr", ":8080")
	if err := e.Start(":8080"); err != nil {
		logger.Error("server stopped", "err", err)
	}
}
