package main

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
)

var ssmClient *ssm.Client

func init() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatalf("config: %v", err)
	}
	ssmClient = ssm.NewFromConfig(cfg)
}

func handler(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	log.Printf("request %s %s", req.HTTPMethod, req.Path)
	auth := req.Headers["Authorization"]
	log.Printf("authorization=%s", auth) // Noncompliant
	slog.Info("incoming call", "apiKey", req.Headers["x-api-key"]) // Noncompliant

	out, err := ssmClient.GetParameter(ctx, &ssm.GetParameterInput{
		Name:           aws.String("/prod/webhook/signing-key"),
		WithDecryption: aws.Bool(true),
	})
	if err != nil {
		return events.APIGatewayProxyResponse{StatusCode: 500}, err
	}
	signingKey := *out.Parameter.Value
	fmt.Printf("signing key loaded: %q\n", signingKey) // Noncompliant
	fmt.Println("parameter version", out.Parameter.Version)

	refreshToken := os.Getenv("REFRESH_TOKEN")
	fmt.Println("refresh with", refreshToken) // Noncompliant
	return events.APIGatewayProxyResponse{StatusCode: 200, Body: "ok"}, nil
}

func main() {
	lambda.Start(handler)
}
