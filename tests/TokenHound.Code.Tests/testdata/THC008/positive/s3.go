package storage

import (
	"context"
	"os"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func NewClient(ctx context.Context) (*s3.Client, error) {
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIAZ7FAKEKEY2345X7Q", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123", "")), // Noncompliant
	)
	if err != nil {
		return nil, err
	}
	os.Setenv("AWS_ACCESS_KEY_ID", os.Getenv("UPLOADER_KEY_ID")) // Noncompliant
	return s3.NewFromConfig(cfg), nil
}
