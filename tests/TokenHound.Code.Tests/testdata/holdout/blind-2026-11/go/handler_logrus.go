package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	log "github.com/sirupsen/logrus"
)

type order struct {
	ID    string `json:"id"`
	Total int    `json:"total"`
}

func handle(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	log.WithField("headers", req.Headers).Info("incoming") // Noncompliant THC002
	slog.Info("request", "id", req.RequestContext.RequestID, "path", req.Path)
	log.Infof("auth: %s", req.Headers["Authorization"]) // Noncompliant THC001
	apiKey := req.Headers["x-api-key"]
	log.WithFields(log.Fields{"apiKey": apiKey, "path": req.Path}).Debug("api key request") // Noncompliant THC001

	var o order
	if err := json.Unmarshal([]byte(req.Body), &o); err != nil {
		return events.APIGatewayProxyResponse{StatusCode: 400, Body: `{"message":"invalid body"}`}, nil
	}
	res, err := save(ctx, o)
	if err != nil {
		log.WithError(err).Error("save failed")
		return events.APIGatewayProxyResponse{StatusCode: 500, Body: fmt.Sprintf("save failed: %v\n%s", err, debug.Stack())}, nil // Noncompliant THC003
	}
	return events.APIGatewayProxyResponse{StatusCode: 201, Body: res}, nil
}

func save(ctx context.Context, o order) (string, error) {
	b, err := json.Marshal(o)
	return string(b), err
}

func main() { lambda.Start(handle) }
