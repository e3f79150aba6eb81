package main

import (
	"context"
	"encoding/json"
	"log"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func handle(ctx context.Context, event events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	raw, _ := json.Marshal(event)
	log.Printf("event: %s", raw) // Noncompliant
	log.Printf("headers: %v", event.Headers) // Noncompliant
	log.Printf("route %s request %s", event.RouteKey, event.RequestContext.RequestID)
	return events.APIGatewayV2HTTPResponse{StatusCode: 200}, nil
}

func main() { lambda.Start(handle) }
