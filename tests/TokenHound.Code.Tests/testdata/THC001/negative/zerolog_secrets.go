package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/rs/zerolog"
)

type app struct {
	secrets  *secretsmanager.Client
	secretID string
	logger   zerolog.Logger
}

func fingerprint(v string) string {
	sum := sha256.Sum256([]byte(v))
	return hex.EncodeToString(sum[:4])
}

func (a *app) handle(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	out, err := a.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(a.secretID)})
	if err != nil {
		a.logger.Error().Err(err).Str("secretId", a.secretID).Msg("secret lookup failed")
		return events.APIGatewayV2HTTPResponse{StatusCode: 500}, nil
	}
	apiKey := aws.ToString(out.SecretString)
	a.logger.Debug().Str("secretId", a.secretID).Int("keyLength", len(apiKey)).Str("keyHash", fingerprint(apiKey)).Msg("loaded key")
	a.logger.Info().Str("requestId", req.RequestContext.RequestID).Str("path", req.RawPath).Send()
	return events.APIGatewayV2HTTPResponse{StatusCode: 200}, nil
}
