package main

import (
	"context"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	log "github.com/sirupsen/logrus"
)

func handle(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	apiKey := req.Headers["x-api-key"]
	log.WithFields(log.Fields{"apiKey": apiKey, "path": req.Path}).Debug("api key request") // Noncompliant
	log.WithField("auth", req.Headers["Authorization"]).Info("incoming") // Noncompliant
	log.WithField("path", req.Path).WithField("keyLength", len(apiKey)).Info("request")
	return events.APIGatewayProxyResponse{StatusCode: 204}, nil
}

func main() { lambda.Start(handle) }
