package main

import (
	"context"
	"log"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func handle(ctx context.Context, event events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	log.Printf("route %s request %s", event.RouteKey, event.RequestContext.RequestID)
	log.Printf("header count %d", len(event.Headers))
	log.Printf("content type %s", event.Headers["content-type"])
	return events.APIGatewayV2HTTPResponse{StatusCode: 200}, nil
}

func main() { lambda.Start(handle) }
