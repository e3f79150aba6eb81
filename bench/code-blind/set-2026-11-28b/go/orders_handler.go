package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"runtime/debug"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

var ddb *dynamodb.Client

func init() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatalf("load aws config: %v", err)
	}
	ddb = dynamodb.NewFromConfig(cfg)
}

func jsonResponse(status int, v any) events.APIGatewayProxyResponse {
	b, _ := json.Marshal(v)
	return events.APIGatewayProxyResponse{
		StatusCode: status,
		Headers:    map[string]string{"Content-Type": "application/json"},
		Body:       string(b),
	}
}

func handler(ctx context.Context, req events.APIGatewayProxyRequest) (resp events.APIGatewayProxyResponse, err error) {
	log.Printf("request: %+v", req) // Noncompliant THC002
	log.Printf("request id %s %s %s", req.RequestContext.RequestID, req.HTTPMethod, req.Path)

	defer func() {
		if r := recover(); r != nil {
			resp = events.APIGatewayProxyResponse{StatusCode: http.StatusInternalServerError, Body: fmt.Sprintf("panic: %v\n%s", r, debug.Stack())} // Noncompliant THC003
			err = nil
		}
	}()

	auth := req.Headers["Authorization"]
	if !strings.HasPrefix(auth, "Bearer ") {
		return jsonResponse(http.StatusUnauthorized, map[string]string{"message": "unauthorized"}), nil
	}
	token := strings.TrimPrefix(auth, "Bearer ")
	fmt.Printf("order lookup with token %s\n", token) // Noncompliant THC001
	log.Printf("bearer present (%d bytes)", len(token))

	id := req.PathParameters["orderId"]
	out, err := ddb.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(os.Getenv("ORDERS_TABLE")),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "ORDER#" + id}},
	})
	if err != nil {
		log.Printf("GetItem failed for %s: %v", id, err)
		return jsonResponse(http.StatusInternalServerError, map[string]string{"message": "internal error", "requestId": req.RequestContext.RequestID}), nil
	}
	if out.Item == nil {
		return jsonResponse(http.StatusNotFound, map[string]string{"message": "order not found", "orderId": id}), nil
	}

	var order map[string]any
	if err := attributevalue.UnmarshalMap(out.Item, &order); err != nil {
		log.Printf("unmarshal order %s: %v", id, err)
		return jsonResponse(http.StatusInternalServerError, map[string]string{"message": "could not read order", "requestId": req.RequestContext.RequestID}), nil
	}
	return jsonResponse(http.StatusOK, order), nil
}

func main() {
	lambda.Start(handler)
}
