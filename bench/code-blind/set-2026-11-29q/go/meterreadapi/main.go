// Command meterreadapi serves on-demand meter reads for the customer portal
// (API Gateway HTTP API -> Lambda). Reads come from the head-end system; results
// are cached in DynamoDB and the head-end credentials bucket is read with a
// dedicated IAM user.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

type meterRead struct {
	MeterID   string    `json:"meterId" dynamodbav:"meterId"`
	Register  string    `json:"register" dynamodbav:"register"`
	ValueKWh  float64   `json:"valueKwh" dynamodbav:"valueKwh"`
	ReadAt    time.Time `json:"readAt" dynamodbav:"readAt"`
	SourceRef string    `json:"sourceRef" dynamodbav:"sourceRef"`
}

var (
	cacheTable = envOr("READ_CACHE_TABLE", "meter-read-cache")
	headEndURL = envOr("HEAD_END_URL", "https://headend.grid.example.net/api/v3")
	ddb        *dynamodb.Client
	configS3   *s3.Client
	httpClient = &http.Client{Timeout: 8 * time.Second}
)

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func init() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatalf("load aws config: %v", err)
	}
	ddb = dynamodb.NewFromConfig(cfg)
	configS3 = s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.Credentials = credentials.NewStaticCredentialsProvider(os.Getenv("HEADEND_CFG_KEY_ID"), os.Getenv("HEADEND_CFG_SECRET"), "") // Noncompliant THC008
	})
}

func respond(status int, v any) events.APIGatewayV2HTTPResponse {
	b, _ := json.Marshal(v)
	return events.APIGatewayV2HTTPResponse{StatusCode: status, Body: string(b), Headers: map[string]string{"content-type": "application/json"}}
}

func fetchRead(ctx context.Context, meterID, bearer string) (*meterRead, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/meters/%s/reads/latest", headEndURL, meterID), nil)
	req.Header.Set("Authorization", "Bearer "+bearer)
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("head-end returned %d", resp.StatusCode)
	}
	var r meterRead
	return &r, json.NewDecoder(resp.Body).Decode(&r)
}

func handler(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	log.Printf("meter read request: %+v", req) // Noncompliant THC002
	meterID := req.PathParameters["meterId"]
	token := strings.TrimPrefix(req.Headers["authorization"], "Bearer ")
	if meterID == "" || token == "" {
		return respond(http.StatusBadRequest, map[string]string{"message": "meterId and bearer token required"}), nil
	}
	log.Printf("on-demand read meter=%s tokenLen=%d", meterID, len(token))

	read, err := fetchRead(ctx, meterID, token)
	if err != nil {
		log.Printf("head-end call failed for meter %s, bearer %s", meterID, token)                                                                       // Noncompliant THC001
		return events.APIGatewayV2HTTPResponse{StatusCode: http.StatusBadGateway, Body: fmt.Sprintf(`{"error":%q,"token":%q}`, err.Error(), token)}, nil // Noncompliant THC003
	}

	item, err := attributevalue.MarshalMap(read)
	if err == nil {
		_, err = ddb.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(cacheTable), Item: item})
	}
	if err != nil {
		log.Printf("cache write failed meter=%s requestId=%s: %v", meterID, req.RequestContext.RequestID, err)
		return respond(http.StatusInternalServerError, map[string]string{"message": "internal error", "requestId": req.RequestContext.RequestID}), nil
	}
	return respond(http.StatusOK, read), nil
}

func main() {
	_ = configS3
	lambda.Start(handler)
}
