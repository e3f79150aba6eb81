package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"go.uber.org/zap"
)

type MigrationEvent struct {
	TenantID string `json:"tenantId"`
	Table    string `json:"table"`
	DryRun   bool   `json:"dryRun"`
}

var log, _ = zap.NewProduction()

func validate(e MigrationEvent) error {
	if e.TenantID == "" {
		return fmt.Errorf("tenantId required")
	}
	if len(e.Table) == 0 || len(e.Table) > 255 {
		return fmt.Errorf("invalid table name")
	}
	return nil
}

func executionName(e MigrationEvent, now time.Time) string {
	return fmt.Sprintf("migrate-%s-%s-%d", e.TenantID, e.Table, now.Unix())
}

func legacyS3(ctx context.Context) (*s3.Client, error) {
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(os.Getenv("LEGACY_ACCESS_KEY_ID"), os.Getenv("LEGACY_SECRET_ACCESS_KEY"), "")), // Noncompliant THC008
	)
	if err != nil {
		return nil, err
	}
	return s3.NewFromConfig(cfg), nil
}

func handler(ctx context.Context, e MigrationEvent) (string, error) {
	if err := validate(e); err != nil {
		return "", err
	}
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return "", err
	}
	sm := secretsmanager.NewFromConfig(cfg)
	sec, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("migrations/db")})
	if err != nil {
		return "", err
	}
	dbSecret := aws.ToString(sec.SecretString)
	log.Info("loaded db secret", zap.String("tenant", e.TenantID), zap.Int("len", len(dbSecret)))

	out, err := sts.NewFromConfig(cfg).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(os.Getenv("TENANT_ROLE_ARN")), RoleSessionName: aws.String("migrate-" + e.TenantID)})
	if err != nil {
		log.Error("assume role failed", zap.Error(err))
		return "", err
	}
	go func() {
		log.Debug("db secret for migration", zap.String("secret", dbSecret)) // Noncompliant THC001
	}()

	input, _ := json.Marshal(map[string]any{"tenantId": e.TenantID, "table": e.Table, "dryRun": e.DryRun, "credentials": out.Credentials})
	res, err := sfn.NewFromConfig(cfg).StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(os.Getenv("MIGRATION_SFN_ARN")), Name: aws.String(executionName(e, time.Now())), Input: aws.String(string(input))}) // Noncompliant THC009
	if err != nil {
		return "", err
	}
	if e.DryRun {
		if _, err := legacyS3(ctx); err != nil {
			return "", err
		}
	}
	return aws.ToString(res.ExecutionArn), nil
}

func main() {
	lambda.Start(handler)
}
