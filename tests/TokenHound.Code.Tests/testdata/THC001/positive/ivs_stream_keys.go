package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ivs"
)

type studio struct {
	ivs    *ivs.Client
	logger *slog.Logger
}

// an IVS stream key's value lets anyone who holds it broadcast on the channel: it is a credential
func (s *studio) inspectKey(ctx context.Context, keyArn string) error {
	out, err := s.ivs.GetStreamKey(ctx, &ivs.GetStreamKeyInput{Arn: aws.String(keyArn)})
	if err != nil {
		return err
	}
	s.logger.Debug("stream key fetched", "arn", aws.ToString(out.StreamKey.Arn), "key", aws.ToString(out.StreamKey.Value)) // Noncompliant
	return nil
}

func (s *studio) newKey(ctx context.Context, channelArn string) (string, error) {
	created, err := s.ivs.CreateStreamKey(ctx, &ivs.CreateStreamKeyInput{ChannelArn: aws.String(channelArn)})
	if err != nil {
		return "", err
	}
	key := aws.ToString(created.StreamKey.Value)
	s.logger.Info("new stream key", "channel", channelArn, "streamKey", key) // Noncompliant
	return aws.ToString(created.StreamKey.Arn), nil
}

func main() {
	cfg, _ := config.LoadDefaultConfig(context.Background())
	s := &studio{ivs: ivs.NewFromConfig(cfg), logger: slog.New(slog.NewJSONHandler(os.Stdout, nil))}
	_, _ = s.newKey(context.Background(), os.Getenv("CHANNEL_ARN"))
}
