package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

func legacyS3(ctx context.Context) (*s3.Client, error) {
	cfg, err := config.LoadDefaultConfig(ctx, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIAZ7FAKEKEY2345X7Q", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123", ""))) // Noncompliant THC008
	if err != nil {
		return nil, err
	}
	return s3.NewFromConfig(cfg), nil
}

func useBackupUser(keyID, secret string) {
	os.Setenv("AWS_ACCESS_KEY_ID", keyID)      // Noncompliant THC008
	os.Setenv("AWS_SECRET_ACCESS_KEY", secret) // Noncompliant THC008
}

func forward(ctx context.Context, cfg aws.Config, userID, accessToken string) error {
	q := sqs.NewFromConfig(cfg)
	body, _ := json.Marshal(map[string]string{"userId": userID, "accessToken": accessToken})
	_, err := q.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(os.Getenv("QUEUE_URL")), MessageBody: aws.String(string(body))}) // Noncompliant THC009
	if err != nil {
		return err
	}

	out, err := sts.NewFromConfig(cfg).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(os.Getenv("EXPORT_ROLE")), RoleSessionName: aws.String("export")})
	if err != nil {
		return err
	}
	payload, _ := json.Marshal(map[string]any{"userId": userID, "creds": out.Credentials})
	_, err = lambda.NewFromConfig(cfg).Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String(os.Getenv("EXPORT_FN")), Payload: payload}) // Noncompliant THC009
	if err != nil {
		return err
	}

	resp, err := http.Get("https://legacy.example.com/v1/me?access_token=" + accessToken) // Noncompliant THC009
	if err != nil {
		return err
	}
	defer resp.Body.Close()

	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://profile.example.com/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+accessToken)
	_, err = http.DefaultClient.Do(req)
	return err
}
