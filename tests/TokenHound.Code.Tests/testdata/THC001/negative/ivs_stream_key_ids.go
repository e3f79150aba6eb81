package main

import (
	"context"
	"log/slog"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivs"
)

// the stream key's ARN and channel ARN, and the channel's playback URL, are identifiers: logging them is fine
func newKey(ctx context.Context, client *ivs.Client, logger *slog.Logger, channelArn string) (string, error) {
	out, err := client.CreateStreamKey(ctx, &ivs.CreateStreamKeyInput{ChannelArn: aws.String(channelArn)})
	if err != nil {
		return "", err
	}
	logger.Info("stream key created", "arn", aws.ToString(out.StreamKey.Arn), "channel", aws.ToString(out.StreamKey.ChannelArn))
	ch, err := client.GetChannel(ctx, &ivs.GetChannelInput{Arn: aws.String(channelArn)})
	if err == nil {
		logger.Info("channel ready", "playbackUrl", aws.ToString(ch.Channel.PlaybackUrl), "ingest", aws.ToString(ch.Channel.IngestEndpoint))
	}
	return aws.ToString(out.StreamKey.Value), nil
}
