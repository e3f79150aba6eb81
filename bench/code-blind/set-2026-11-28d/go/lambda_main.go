package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/rs/zerolog"
	"github.com/rs/zerolog/log"
)

type app struct {
	secrets      *secretsmanager.Client
	workflows    *sfn.Client
	stateMachine string
	secretID     string
}

type paymentRequest struct {
	OrderID string  `json:"orderId"`
	Amount  float64 `json:"amount"`
}

func newApp(ctx context.Context) (*app, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	// the payments state machine sits in the shared account
	sfnCfg := cfg.Copy()
	sfnCfg.Credentials = credentials.NewStaticCredentialsProvider(os.Getenv("WORKFLOW_ACCESS_KEY_ID"), os.Getenv("WORKFLOW_SECRET_ACCESS_KEY"), "") // Noncompliant THC008
	return &app{
		secrets:      secretsmanager.NewFromConfig(cfg),
		workflows:    sfn.NewFromConfig(sfnCfg),
		stateMachine: os.Getenv("STATE_MACHINE_ARN"),
		secretID:     os.Getenv("PAYMENT_API_SECRET_ID"),
	}, nil
}

func jsonResponse(status int, body string) events.APIGatewayV2HTTPResponse {
	return events.APIGatewayV2HTTPResponse{StatusCode: status, Headers: map[string]string{"Content-Type": "application/json"}, Body: body}
}

func (a *app) handle(ctx context.Context, req events.APIGatewayV2HTTPRequest) (resp events.APIGatewayV2HTTPResponse, err error) {
	logger := log.With().Str("requestId", req.RequestContext.RequestID).Logger()
	defer func() {
		if r := recover(); r != nil {
			logger.Error().Interface("panic", r).Msg("handler panicked")
			resp = events.APIGatewayV2HTTPResponse{StatusCode: 500, Body: fmt.Sprintf("panic: %v\n%s", r, debug.Stack())} // Noncompliant THC003
			err = nil
		}
	}()

	var body paymentRequest
	if err := json.Unmarshal([]byte(req.Body), &body); err != nil {
		return jsonResponse(400, `{"message":"invalid body"}`), nil
	}
	logger.Info().Str("orderId", body.OrderID).Msg("starting payment")

	out, err := a.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(a.secretID)})
	if err != nil {
		logger.Error().Err(err).Msg("secret lookup failed")
		return jsonResponse(500, `{"message":"internal error"}`), nil
	}
	apiKey := aws.ToString(out.SecretString)
	logger.Debug().Str("secretId", a.secretID).Str("apiKey", apiKey).Msg("loaded payment api key") // Noncompliant THC001

	sub := req.RequestContext.Authorizer.JWT.Claims["sub"]
	input, _ := json.Marshal(map[string]interface{}{"orderId": body.OrderID, "amount": body.Amount, "apiKey": apiKey, "user": sub})
	exec, err := a.workflows.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(a.stateMachine), Input: aws.String(string(input))}) // Noncompliant THC009
	if err != nil {
		logger.Error().Err(err).Msg("start execution failed")
		return jsonResponse(502, `{"message":"payment workflow unavailable"}`), nil
	}
	return jsonResponse(202, fmt.Sprintf(`{"executionArn":%q}`, aws.ToString(exec.ExecutionArn))), nil
}

func main() {
	zerolog.SetGlobalLevel(zerolog.InfoLevel)
	a, err := newApp(context.Background())
	if err != nil {
		log.Fatal().Err(err).Msg("init failed")
	}
	lambda.Start(a.handle)
}
