// Holdout sample: written after the rules were tuned, never used to tune them. Annotations name their rule.
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

var sm *secretsmanager.Client
var flows *sfn.Client

func handle(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	log.Printf("request %s", req.RequestContext.RequestID)
	sec, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(os.Getenv("SECRET_ARN"))})
	if err != nil {
		return events.APIGatewayProxyResponse{StatusCode: 500, Body: fmt.Sprintf("secret %s: %v", req.Path, err)}, nil // Noncompliant THC003
	}
	log.Printf("using secret %s", *sec.SecretString) // Noncompliant THC001
	_, err = flows.StartExecution(ctx, &sfn.StartExecutionInput{ // Noncompliant THC009
		StateMachineArn: aws.String(os.Getenv("FLOW_ARN")),
		Input:           aws.String(fmt.Sprintf(`{"secret":%q}`, *sec.SecretString)),
	})
	return events.APIGatewayProxyResponse{StatusCode: 202}, err
}
