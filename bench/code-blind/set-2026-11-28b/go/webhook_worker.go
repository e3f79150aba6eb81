package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"go.uber.org/zap"
)

type webhookJob struct {
	ID    string `json:"id"`
	URL   string `json:"url"`
	Retry bool   `json:"retry"`
}

var (
	secretsClient *secretsmanager.Client
	snsClient     *sns.Client
	log           *zap.Logger
)

func init() {
	log, _ = zap.NewProduction()
	ctx := context.Background()

	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		log.Fatal("aws config", zap.Error(err))
	}
	secretsClient = secretsmanager.NewFromConfig(cfg)

	deliveryCfg, err := config.LoadDefaultConfig(ctx,
		config.WithRegion("us-west-2"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIAZ7FAKEMN3PQ4RS5T", "FAKEkeyFAKEkeyFAKEkeyFAKEkeyFAKEkeyFAKEk", "")), // Noncompliant THC008
	)
	if err != nil {
		log.Fatal("delivery config", zap.Error(err))
	}
	snsClient = sns.NewFromConfig(deliveryCfg)
}

func handler(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
	var resp events.SQSEventResponse
	out, err := secretsClient.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(os.Getenv("WEBHOOK_SECRET_ID"))})
	if err != nil {
		return resp, err
	}
	signingSecret := aws.ToString(out.SecretString)
	log.Info("webhook secret loaded", zap.String("arn", aws.ToString(out.ARN)), zap.Int("len", len(signingSecret)))
	log.Debug("webhook secret value", zap.String("secret", signingSecret)) // Noncompliant THC001

	for _, msg := range ev.Records {
		log.Info("processing", zap.String("messageId", msg.MessageId))
		var job webhookJob
		if err := json.Unmarshal([]byte(msg.Body), &job); err != nil {
			log.Warn("bad message", zap.String("messageId", msg.MessageId), zap.Error(err))
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: msg.MessageId})
			continue
		}

		topic := os.Getenv("DELIVERY_TOPIC_ARN")
		body := fmt.Sprintf(`{"jobId":%q,"url":%q}`, job.ID, job.URL)
		if job.Retry {
			topic = os.Getenv("RETRY_TOPIC_ARN")
			_, err = snsClient.Publish(ctx, &sns.PublishInput{ // Noncompliant THC009
				TopicArn: aws.String(topic),
				Message:  aws.String(fmt.Sprintf(`{"jobId":%q,"url":%q,"signingSecret":%q}`, job.ID, job.URL, signingSecret)),
			})
		} else {
			_, err = snsClient.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String(body)})
		}
		if err != nil {
			log.Error("publish failed", zap.String("jobId", job.ID), zap.Error(err))
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: msg.MessageId})
		}
	}
	return resp, nil
}

func main() {
	lambda.Start(handler)
}
