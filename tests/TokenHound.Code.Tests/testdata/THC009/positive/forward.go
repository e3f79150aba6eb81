package main

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

var (
	lambdaClient *lambda.Client
	sqsClient    *sqs.Client
)

func forward(ctx context.Context, req events.APIGatewayProxyRequest) error {
	token := req.Headers["Authorization"]
	payload, _ := json.Marshal(map[string]string{"token": token})
	_, err := lambdaClient.Invoke(ctx, &lambda.InvokeInput{ // Noncompliant
		FunctionName: aws.String("worker"),
		Payload:      payload,
	})
	if err != nil {
		return err
	}
	_, err = sqsClient.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("jobs"), MessageBody: aws.String(token)}) // Noncompliant
	resp, err := http.Get("https://partner.example.com/v1/ping?token=" + token) // Noncompliant
	if err == nil {
		resp.Body.Close()
	}
	return err
}
