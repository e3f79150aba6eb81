package main

import (
	"context"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"go.uber.org/zap"
)

type remitter struct {
	log        *zap.Logger
	gatewayURL string
	gatewayKey string
}

// the key is loaded in main, below: the field read here is the secret
func (r *remitter) rejected(claimID string, status int) {
	r.log.Error("gateway rejected remittance", zap.String("claimId", claimID), zap.Int("status", status), zap.String("gatewayKey", r.gatewayKey)) // Noncompliant
}

func main() {
	ctx := context.Background()
	logger, _ := zap.NewProduction()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		logger.Fatal("aws config", zap.Error(err))
	}
	sec, err := secretsmanager.NewFromConfig(cfg).GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(os.Getenv("GATEWAY_SECRET"))})
	if err != nil {
		logger.Fatal("gateway secret", zap.Error(err))
	}
	r := &remitter{log: logger, gatewayURL: os.Getenv("GATEWAY_URL"), gatewayKey: aws.ToString(sec.SecretString)}
	r.rejected("c-1", 502)
}
