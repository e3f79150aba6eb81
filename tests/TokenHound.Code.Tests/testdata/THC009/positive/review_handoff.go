package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

type reviewer struct {
	sqs        *sqs.Client
	queueURL   string
	gatewayKey string
}

func (v *reviewer) handoff(ctx context.Context, claimID string, cause error) error {
	msg := map[string]string{"claimId": claimID, "cause": cause.Error(), "gatewayKey": v.gatewayKey}
	body, _ := json.Marshal(msg)
	_, err := v.sqs.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(v.queueURL), MessageBody: aws.String(string(body))}) // Noncompliant
	return err
}

func main() {
	ctx := context.Background()
	cfg, _ := config.LoadDefaultConfig(ctx)
	sec, err := secretsmanager.NewFromConfig(cfg).GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(os.Getenv("GATEWAY_SECRET"))})
	if err != nil {
		panic(err)
	}
	v := &reviewer{sqs: sqs.NewFromConfig(cfg), queueURL: os.Getenv("REVIEW_QUEUE_URL"), gatewayKey: aws.ToString(sec.SecretString)}
	_ = v.handoff(ctx, "c-1", nil)
}
