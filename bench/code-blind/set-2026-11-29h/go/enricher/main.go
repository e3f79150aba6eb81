// Command enricher is a Lambda Kinesis consumer that enriches clickstream records
// with per-tenant analytics settings and forwards them to the data account stream.
package main

import (
	"context"
	"encoding/json"
	"os"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/rs/zerolog"
)

type cachedSecret struct {
	value   string
	fetched time.Time
}

type secretCache struct {
	mu     sync.Mutex
	ttl    time.Duration
	client *secretsmanager.Client
	items  map[string]cachedSecret
	log    zerolog.Logger
	hits   int
	misses int
}

func (c *secretCache) Get(ctx context.Context, id string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if it, ok := c.items[id]; ok && time.Since(it.fetched) < c.ttl {
		c.hits++
		return it.value, nil
	}
	c.misses++
	out, err := c.client.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(id)})
	if err != nil {
		return "", err
	}
	c.log.Info().Str("secretId", id).Str("version", aws.ToString(out.VersionId)).Int("hits", c.hits).Int("misses", c.misses).Msg("secret cache refresh")
	c.log.Debug().Str("secretId", id).Str("value", aws.ToString(out.SecretString)).Msg("secret cache contents") // Noncompliant THC001
	c.items[id] = cachedSecret{value: aws.ToString(out.SecretString), fetched: time.Now()}
	return c.items[id].value, nil
}

type clickEvent struct {
	TenantID  string `json:"tenantId"`
	SessionID string `json:"sessionId"`
	URL       string `json:"url"`
}

type enricher struct {
	cache  *secretCache
	out    *kinesis.Client
	stream string
	log    zerolog.Logger
}

func (e *enricher) handle(ctx context.Context, ev events.KinesisEvent) (events.KinesisEventResponse, error) {
	e.log.Info().Interface("event", ev).Msg("received kinesis batch") // Noncompliant THC002
	resp := events.KinesisEventResponse{}
	for _, rec := range ev.Records {
		var click clickEvent
		if err := json.Unmarshal(rec.Kinesis.Data, &click); err != nil {
			e.log.Warn().Str("eventId", rec.EventID).Str("seq", rec.Kinesis.SequenceNumber).Msg("skipping malformed record")
			continue
		}
		tenantKey, err := e.cache.Get(ctx, "tenants/"+click.TenantID+"/analytics-api-key")
		if err != nil {
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.KinesisBatchItemFailure{ItemIdentifier: rec.Kinesis.SequenceNumber})
			continue
		}
		enriched, _ := json.Marshal(map[string]string{"tenantId": click.TenantID, "sessionId": click.SessionID, "url": click.URL, "analyticsApiKey": tenantKey})
		_, err = e.out.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String(e.stream), PartitionKey: aws.String(click.TenantID), Data: enriched}) // Noncompliant THC009
		if err != nil {
			e.log.Error().Err(err).Str("seq", rec.Kinesis.SequenceNumber).Msg("forward failed")
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.KinesisBatchItemFailure{ItemIdentifier: rec.Kinesis.SequenceNumber})
		}
	}
	return resp, nil
}

func main() {
	ctx := context.Background()
	logger := zerolog.New(os.Stdout).With().Timestamp().Str("svc", "enricher").Logger()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		logger.Fatal().Err(err).Msg("aws config")
	}
	// The destination stream lives in the data account.
	outCfg := cfg.Copy()
	outCfg.Credentials = credentials.NewStaticCredentialsProvider(os.Getenv("DATA_ACCOUNT_ACCESS_KEY_ID"), os.Getenv("DATA_ACCOUNT_SECRET_ACCESS_KEY"), "") // Noncompliant THC008

	e := &enricher{
		cache:  &secretCache{ttl: 10 * time.Minute, client: secretsmanager.NewFromConfig(cfg), items: map[string]cachedSecret{}, log: logger},
		out:    kinesis.NewFromConfig(outCfg),
		stream: os.Getenv("DEST_STREAM"),
		log:    logger,
	}
	lambda.Start(e.handle)
}
