package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log"
	"log/slog"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
)

func loadDBPassword(ctx context.Context, arn string) (string, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return "", err
	}
	sm := secretsmanager.NewFromConfig(cfg)
	out, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(arn)})
	if err != nil {
		return "", err
	}
	secret := aws.ToString(out.SecretString)
	log.Printf("loaded secret %s version %s", aws.ToString(out.ARN), aws.ToString(out.VersionId))
	log.Printf("secret: %s", secret) // Noncompliant THC001
	sum := sha256.Sum256([]byte(secret))
	slog.Info("secret fingerprint", "sha256", hex.EncodeToString(sum[:6]))
	return secret, nil
}

func loadAPIKey(ctx context.Context, cfg aws.Config) string {
	p, err := ssm.NewFromConfig(cfg).GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String("/svc/api-key"), WithDecryption: aws.Bool(true)})
	if err != nil {
		slog.Error("ssm failed", "err", err)
		return ""
	}
	key := aws.ToString(p.Parameter.Value)
	msg := fmt.Sprintf("api key %s loaded", key)
	slog.Debug(msg) // Noncompliant THC001
	slog.Info("api key loaded", "last4", key[len(key)-4:])
	return key
}

func loadRegion(ctx context.Context, cfg aws.Config) string {
	p, err := ssm.NewFromConfig(cfg).GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String("/svc/region")})
	if err != nil {
		return "us-east-1"
	}
	region := aws.ToString(p.Parameter.Value)
	log.Printf("region parameter %s", region)
	return region
}
