package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func fingerprint(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])[:12]
}

func handler(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	log.Printf("request id %s", req.RequestContext.RequestID)
	token := strings.TrimPrefix(req.Headers["Authorization"], "Bearer ")
	log.Printf("token length %d", len(token))
	log.Printf("token fingerprint %s", fingerprint(token))
	if token == "" {
		log.Println("missing token")
		return events.APIGatewayProxyResponse{StatusCode: 401, Body: `{"message":"Unauthorized"}`}, nil
	}
	tokenErr := fmt.Errorf("token rejected for %s", req.Path)
	log.Println(tokenErr)
	fmt.Printf("user agent %s\n", req.Headers["User-Agent"])
	return events.APIGatewayProxyResponse{StatusCode: 200, Body: "ok"}, nil
}

func main() {
	lambda.Start(handler)
}
