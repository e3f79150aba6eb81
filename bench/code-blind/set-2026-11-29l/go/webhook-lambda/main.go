// Command webhook-lambda receives payment-provider webhooks behind API Gateway
// and forwards order state changes to the fulfilment queue.
package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"runtime/debug"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

type pspEvent struct {
	Type string `json:"type"`
	Data struct {
		OrderID       string `json:"order_id"`
		Status        string `json:"status"`
		PaymentMethod string `json:"payment_method"`
		Amount        int64  `json:"amount"`
	} `json:"data"`
}

type app struct {
	secrets  *secretsmanager.Client
	queue    *sqs.Client
	queueURL string
	secretID string
	cached   string
}

func (a *app) signingSecret(ctx context.Context) (string, error) {
	if a.cached != "" {
		return a.cached, nil
	}
	log.Printf("loading signing secret %s", a.secretID)
	out, err := a.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(a.secretID)})
	if err != nil {
		return "", fmt.Errorf("get signing secret: %w", err)
	}
	a.cached = aws.ToString(out.SecretString)
	return a.cached, nil
}

func validSignature(body, sig, secret string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(body))
	return hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(sig))
}

func serverError(err error) events.APIGatewayProxyResponse {
	return events.APIGatewayProxyResponse{StatusCode: 500, Body: fmt.Sprintf("internal error: %v\n%s", err, debug.Stack())} // Noncompliant THC003
}

func (a *app) handle(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	log.Printf("webhook event: %+v", req) // Noncompliant THC002
	secret, err := a.signingSecret(ctx)
	if err != nil {
		return serverError(err), nil
	}
	log.Printf("signing secret ready (%d bytes), request %s", len(secret), req.RequestContext.RequestID)
	if !validSignature(req.Body, req.Headers["psp-signature"], secret) {
		log.Printf("signature mismatch for request %s using secret %s", req.RequestContext.RequestID, secret) // Noncompliant THC001
		return events.APIGatewayProxyResponse{StatusCode: 401, Body: `{"error":"invalid signature","requestId":"` + req.RequestContext.RequestID + `"}`}, nil
	}

	var evt pspEvent
	if err := json.Unmarshal([]byte(req.Body), &evt); err != nil {
		return events.APIGatewayProxyResponse{StatusCode: 400, Body: `{"error":"malformed payload"}`}, nil
	}

	msg := map[string]string{
		"orderId":       evt.Data.OrderID,
		"status":        evt.Data.Status,
		"paymentMethod": evt.Data.PaymentMethod,
		"merchantAuth":  req.Headers["Authorization"],
	}
	body, _ := json.Marshal(msg)
	if _, err := a.queue.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(a.queueURL), MessageBody: aws.String(string(body))}); err != nil { // Noncompliant THC009
		return serverError(err), nil
	}
	log.Printf("order %s -> %s queued", evt.Data.OrderID, evt.Data.Status)
	return events.APIGatewayProxyResponse{StatusCode: 200, Body: `{"received":true}`}, nil
}

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatalf("load aws config: %v", err)
	}
	a := &app{
		secrets:  secretsmanager.NewFromConfig(cfg),
		queue:    sqs.NewFromConfig(cfg),
		queueURL: os.Getenv("FULFILMENT_QUEUE_URL"),
		secretID: os.Getenv("PSP_SIGNING_SECRET_ID"),
	}
	lambda.Start(a.handle)
}
