// Command wsdefault handles the $default route of the trading-room WebSocket API.
package main

import (
	"context"
	"encoding/json"
	"log"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	awslambda "github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/golang-jwt/jwt/v5"
)

type frame struct {
	Action string          `json:"action"`
	Token  string          `json:"token"`
	Data   json.RawMessage `json:"data"`
}

type handler struct {
	invoker    *awslambda.Client
	workerName string
}

func (h *handler) handle(ctx context.Context, req events.APIGatewayWebsocketProxyRequest) (events.APIGatewayProxyResponse, error) {
	log.Printf("ws event: %+v", req) // Noncompliant THC002
	connID := req.RequestContext.ConnectionID

	var f frame
	if err := json.Unmarshal([]byte(req.Body), &f); err != nil {
		log.Printf("connection %s sent malformed frame: %v", connID, err)
		return events.APIGatewayProxyResponse{StatusCode: 400, Body: "bad frame"}, nil
	}
	log.Printf("connection %s action=%s tokenLen=%d", connID, f.Action, len(f.Token))

	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(f.Token, claims); err != nil { // Noncompliant THC005
		return events.APIGatewayProxyResponse{StatusCode: 401, Body: "unauthorized"}, nil
	}
	if f.Action == "broadcast" && claims["role"] != "moderator" {
		log.Printf("connection %s denied broadcast for sub=%v", connID, claims["sub"])
		return events.APIGatewayProxyResponse{StatusCode: 403, Body: "forbidden"}, nil
	}

	payload, err := json.Marshal(map[string]any{
		"connectionId": connID,
		"action":       f.Action,
		"data":         f.Data,
		"userToken":    f.Token,
	})
	if err != nil {
		return events.APIGatewayProxyResponse{StatusCode: 500, Body: "internal error"}, nil
	}
	_, err = h.invoker.Invoke(ctx, &awslambda.InvokeInput{ // Noncompliant THC009
		FunctionName:   aws.String(h.workerName),
		InvocationType: types.InvocationTypeEvent,
		Payload:        payload,
	})
	if err != nil {
		log.Printf("invoke %s failed for %s: %v", h.workerName, connID, err)
		return events.APIGatewayProxyResponse{StatusCode: 502, Body: "worker unavailable"}, nil
	}
	return events.APIGatewayProxyResponse{StatusCode: 200, Body: "accepted"}, nil
}

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatalf("load aws config: %v", err)
	}
	h := &handler{invoker: awslambda.NewFromConfig(cfg), workerName: os.Getenv("WORKER_FUNCTION")}
	lambda.Start(h.handle)
}
