package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

var lambdaClient *lambda.Client

func forward(ctx context.Context, req events.APIGatewayProxyRequest) error {
	payload, _ := json.Marshal(map[string]string{"requestId": req.RequestContext.RequestID, "path": req.Path})
	_, err := lambdaClient.Invoke(ctx, &lambda.InvokeInput{
		FunctionName: aws.String("worker"),
		Payload:      payload,
	})
	return err
}
