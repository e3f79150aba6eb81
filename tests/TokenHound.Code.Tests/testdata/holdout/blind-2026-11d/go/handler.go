package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
)

type shipment struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

func jsonResponse(status int, v any) events.APIGatewayProxyResponse {
	b, _ := json.Marshal(v)
	return events.APIGatewayProxyResponse{StatusCode: status, Headers: map[string]string{"Content-Type": "application/json"}, Body: string(b)}
}

func handle(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	lc, _ := lambdacontext.FromContext(ctx)
	fmt.Printf("event: %+v\n", req) // Noncompliant THC002
	log.Printf("request %s %s %s", lc.AwsRequestID, req.HTTPMethod, req.Path)

	token := req.Headers["Authorization"]
	log.Printf("bearer received: %s", token) // Noncompliant THC001
	log.Printf("bearer length: %d", len(token))

	var s shipment
	if err := json.Unmarshal([]byte(req.Body), &s); err != nil {
		return events.APIGatewayProxyResponse{
			StatusCode: http.StatusBadRequest,
			Body:       fmt.Sprintf(`{"error":%q,"body":%q}`, err.Error(), req.Body), // Noncompliant THC003
		}, nil
	}
	if err := save(ctx, s); err != nil {
		log.Printf("save failed for %s: %v", s.ID, err)
		return jsonResponse(http.StatusInternalServerError, map[string]string{"error": "internal error", "requestId": lc.AwsRequestID}), nil
	}
	return jsonResponse(http.StatusCreated, s), nil
}

func handleStatus(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	id := req.PathParameters["id"]
	log.Printf("status lookup for shipment %s", id)
	st, err := load(ctx, id)
	if err != nil {
		return jsonResponse(http.StatusNotFound, map[string]string{"error": "not found"}), nil
	}
	return jsonResponse(http.StatusOK, st), nil
}

func save(ctx context.Context, s shipment) error           { return nil }
func load(ctx context.Context, id string) (shipment, error) { return shipment{ID: id, Status: "IN_TRANSIT"}, nil }

func main() {
	lambda.Start(handle)
}
