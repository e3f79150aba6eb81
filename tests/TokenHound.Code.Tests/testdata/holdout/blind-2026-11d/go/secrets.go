package platform

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sns"
)

type Platform struct {
	secrets *secretsmanager.Client
	sns     *sns.Client
}

func New(ctx context.Context) (*Platform, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	return &Platform{secrets: secretsmanager.NewFromConfig(cfg), sns: sns.NewFromConfig(cfg)}, nil
}

func (p *Platform) WebhookSecret(ctx context.Context) (string, error) {
	arn := os.Getenv("WEBHOOK_SECRET_ARN")
	out, err := p.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(arn)})
	if err != nil {
		return "", err
	}
	slog.Info("webhook secret fetched", "arn", arn, "version", aws.ToString(out.VersionId))
	slog.Debug("webhook secret", "value", aws.ToString(out.SecretString)) // Noncompliant THC001
	return aws.ToString(out.SecretString), nil
}

func (p *Platform) ShareWithPartner(ctx context.Context, topicArn string) error {
	out, err := p.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(os.Getenv("PARTNER_SECRET_ARN"))})
	if err != nil {
		return err
	}
	msg, _ := json.Marshal(map[string]string{"event": "rotation", "secret": aws.ToString(out.SecretString)})
	_, err = p.sns.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topicArn), Message: aws.String(string(msg))}) // Noncompliant THC009
	return err
}

func (p *Platform) AnnounceRotation(ctx context.Context, topicArn, secretName string) error {
	msg, _ := json.Marshal(map[string]string{"event": "rotation", "secretName": secretName})
	_, err := p.sns.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topicArn), Message: aws.String(string(msg))})
	return err
}

func LegacyDynamo(ctx context.Context) (*dynamodb.Client, error) {
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIAZ7FAKEKEY2345X7Q", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123", "")), // Noncompliant THC008
	)
	if err != nil {
		return nil, err
	}
	return dynamodb.NewFromConfig(cfg), nil
}
