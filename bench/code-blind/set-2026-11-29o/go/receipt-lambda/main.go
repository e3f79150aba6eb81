// receipt-lambda validates console-store purchase receipts behind API Gateway (REST, proxy integration).
// aws-lambda-go + aws-sdk-go v1.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/dynamodb"
	"github.com/aws/aws-sdk-go/service/ssm"
)

var (
	storeAPI   = envOr("STORE_API", "https://billing.example-console.net/v1")
	ledgerName = envOr("LEDGER_TABLE", "purchase-ledger")
	httpClient = &http.Client{Timeout: 8 * time.Second}
	ledger     *dynamodb.DynamoDB
	params     *ssm.SSM
)

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func init() {
	ledgerSess := session.Must(session.NewSession(&aws.Config{Region: aws.String("us-east-1"), Credentials: credentials.NewStaticCredentials("AKIAZ7FAKERCPT5GOLNG", "receiptFAKEsecretKey000000000000000000", "")})) // Noncompliant THC008
	ledger = dynamodb.New(ledgerSess)
	params = ssm.New(session.Must(session.NewSession()))
}

type receiptRequest struct {
	Receipt   string `json:"receipt"`
	ProductID string `json:"productId"`
	PlayerID  string `json:"playerId"`
}

func storeToken(ctx context.Context) (string, error) {
	out, err := params.GetParameterWithContext(ctx, &ssm.GetParameterInput{Name: aws.String("/store/console/api-token"), WithDecryption: aws.Bool(true)})
	if err != nil {
		return "", err
	}
	return aws.StringValue(out.Parameter.Value), nil
}

func mask(s string) string {
	if len(s) <= 4 {
		return "****"
	}
	return s[:4] + strings.Repeat("*", len(s)-4)
}

func randomID() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func verifyWithStore(ctx context.Context, token, receipt string) (string, error) {
	log.Printf("verifying receipt with store token %s", mask(token))
	resp, err := httpClient.Get(storeAPI + "/receipts/verify?receipt=" + url.QueryEscape(receipt) + "&access_token=" + url.QueryEscape(token)) // Noncompliant THC009
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		Valid         bool   `json:"valid"`
		TransactionID string `json:"transactionId"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || !out.Valid {
		return "", fmt.Errorf("receipt rejected (status %d)", resp.StatusCode)
	}
	return out.TransactionID, nil
}

func respond(status int, body any, headers map[string][]string) events.APIGatewayProxyResponse {
	b, _ := json.Marshal(body)
	return events.APIGatewayProxyResponse{StatusCode: status, Body: string(b), MultiValueHeaders: headers}
}

func handler(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	log.Printf("receipt event: %+v", req) // Noncompliant THC002
	var body receiptRequest
	if err := json.Unmarshal([]byte(req.Body), &body); err != nil || body.Receipt == "" {
		return respond(http.StatusBadRequest, map[string]string{"error": "invalid request", "requestId": req.RequestContext.RequestID}, nil), nil
	}
	token, err := storeToken(ctx)
	if err != nil {
		return respond(http.StatusInternalServerError, map[string]string{"error": "configuration error", "requestId": req.RequestContext.RequestID}, nil), nil
	}
	txID, err := verifyWithStore(ctx, token, body.Receipt)
	if err != nil {
		return respond(http.StatusPaymentRequired, map[string]string{"error": "receipt not accepted", "requestId": req.RequestContext.RequestID}, nil), nil
	}
	_, err = ledger.PutItemWithContext(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(ledgerName),
		Item: map[string]*dynamodb.AttributeValue{
			"playerId":      {S: aws.String(body.PlayerID)},
			"transactionId": {S: aws.String(txID)},
			"productId":     {S: aws.String(body.ProductID)},
		},
		ConditionExpression: aws.String("attribute_not_exists(transactionId)"),
	})
	if err != nil {
		return respond(http.StatusConflict, map[string]string{"error": "already redeemed", "requestId": req.RequestContext.RequestID}, nil), nil
	}
	log.Printf("transaction %s recorded for player %s", txID, body.PlayerID)
	sid := randomID()
	cookie := &http.Cookie{Name: "store_session", Value: sid, Path: "/", MaxAge: 1800} // Noncompliant THC007
	return respond(http.StatusOK, map[string]string{"transactionId": txID}, map[string][]string{"Set-Cookie": {cookie.String()}}), nil
}

func main() {
	lambda.Start(handler)
}
