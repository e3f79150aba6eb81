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
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"go.uber.org/zap"
)

type syncer struct {
	log      *zap.Logger
	secrets  *secretsmanager.Client
	legacy   *secretsmanager.Client
	queue    *sqs.Client
	queueURL string
}

func newSyncer(ctx context.Context) (*syncer, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	legacyCfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("us-east-1"), config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIAZ7FAKEKEY2345X7Q", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123", ""))) // Noncompliant THC008
	if err != nil {
		return nil, fmt.Errorf("load legacy config: %w", err)
	}
	log, _ := zap.NewProduction()
	return &syncer{log: log, secrets: secretsmanager.NewFromConfig(cfg), legacy: secretsmanager.NewFromConfig(legacyCfg), queue: sqs.NewFromConfig(cfg), queueURL: os.Getenv("SYNC_QUEUE_URL")}, nil
}

func (s *syncer) countLegacySecrets(ctx context.Context) (int, error) {
	total := 0
	var next *string
	for {
		page, err := s.legacy.ListSecrets(ctx, &secretsmanager.ListSecretsInput{NextToken: next, MaxResults: aws.Int32(50)})
		if err != nil {
			return total, err
		}
		total += len(page.SecretList)
		s.log.Debug("listed legacy secrets page", zap.Int("count", len(page.SecretList)), zap.Stringp("nextToken", page.NextToken))
		if page.NextToken == nil {
			return total, nil
		}
		next = page.NextToken
	}
}

func (s *syncer) handle(ctx context.Context, evt events.CloudWatchEvent) error {
	s.log.Info("sync triggered", zap.String("eventId", evt.ID))
	out, err := s.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(os.Getenv("PARTNER_SECRET_ID"))})
	if err != nil {
		s.log.Error("get secret failed", zap.Error(err))
		return err
	}
	secret := aws.ToString(out.SecretString)
	s.log.Debug("partner secret fetched", zap.String("secret", secret)) // Noncompliant THC001
	s.log.Info("partner secret fetched", zap.Int("length", len(secret)), zap.String("versionId", aws.ToString(out.VersionId)))

	body, _ := json.Marshal(map[string]string{"partner": "acme", "credential": secret})
	if _, err := s.queue.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(s.queueURL), MessageBody: aws.String(string(body))}); err != nil { // Noncompliant THC009
		return fmt.Errorf("enqueue: %w", err)
	}
	n, err := s.countLegacySecrets(ctx)
	if err != nil {
		s.log.Warn("legacy listing failed", zap.Error(err))
	}
	s.log.Info("sync complete", zap.Int("legacySecrets", n))
	return nil
}

func main() {
	s, err := newSyncer(context.Background())
	if err != nil {
		panic(err)
	}
	lambda.Start(s.handle)
}
