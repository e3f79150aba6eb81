package main

import (
	"context"
	"os"

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

func (a *app) handle(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	logger := a.logger.With().Str("requestId", req.RequestContext.RequestID).Logger()
	out, err := a.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(a.secretID)})
	if err != nil {
		logger.Error().Err(err).Msg("secret lookup failed")
		return events.APIGatewayV2HTTPResponse{StatusCode: 500}, nil
	}
	apiKey := aws.ToString(out.SecretString)
	// zerolog event chains: the fields set before Msg are logged
	logger.Debug().Str("secretId", a.secretID).Str("apiKey", apiKey).Msg("loaded payment api key") // Noncompliant
	logger.Info().Interface("auth", req.Headers["authorization"]).Send()                            // Noncompliant
	return events.APIGatewayV2HTTPResponse{StatusCode: 200}, nil
}

func main() {
	a := &app{secretID: os.Getenv("PAYMENT_SECRET_ID"), logger: zerolog.New(os.Stdout)}
	_ = a
}
