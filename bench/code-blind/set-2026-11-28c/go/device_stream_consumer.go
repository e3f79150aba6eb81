package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"go.uber.org/zap"
)

type deviceEvent struct {
	DeviceID     string `json:"deviceId"`
	AccountID    string `json:"accountId"`
	Kind         string `json:"kind"`
	PairingToken string `json:"pairingToken"`
}

type app struct {
	log     *zap.Logger
	events  *eventbridge.Client
	partner *eventbridge.Client
	secrets *secretsmanager.Client
	bus     string
}

func newApp(ctx context.Context) (*app, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	partnerCfg := cfg.Copy()
	partnerCfg.Credentials = credentials.NewStaticCredentialsProvider(os.Getenv("PARTNER_ACCESS_KEY_ID"), os.Getenv("PARTNER_SECRET_ACCESS_KEY"), "") // Noncompliant THC008
	logger, _ := zap.NewProduction()
	return &app{
		log:     logger,
		events:  eventbridge.NewFromConfig(cfg),
		partner: eventbridge.NewFromConfig(partnerCfg),
		secrets: secretsmanager.NewFromConfig(cfg),
		bus:     os.Getenv("DEVICE_BUS_NAME"),
	}, nil
}

func fingerprint(v string) string {
	sum := sha256.Sum256([]byte(v))
	return hex.EncodeToString(sum[:6])
}

func (a *app) webhookSecret(ctx context.Context) (string, error) {
	out, err := a.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(os.Getenv("WEBHOOK_SECRET_ID"))})
	if err != nil {
		return "", err
	}
	a.log.Info("webhook secret loaded", zap.String("versionId", aws.ToString(out.VersionId)), zap.Int("length", len(aws.ToString(out.SecretString))))
	return aws.ToString(out.SecretString), nil
}

func (a *app) put(ctx context.Context, client *eventbridge.Client, detailType string, detail map[string]string) error {
	body, _ := json.Marshal(detail)
	_, err := client.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{{Source: aws.String("devices"), DetailType: aws.String(detailType), Detail: aws.String(string(body)), EventBusName: aws.String(a.bus)}}})
	return err
}

func (a *app) handle(ctx context.Context, ev events.KinesisEvent) (events.KinesisEventResponse, error) {
	resp := events.KinesisEventResponse{}
	secret, err := a.webhookSecret(ctx)
	if err != nil {
		return resp, err
	}
	for _, rec := range ev.Records {
		var d deviceEvent
		if err := json.Unmarshal(rec.Kinesis.Data, &d); err != nil {
			a.log.Warn("bad record", zap.String("seq", rec.Kinesis.SequenceNumber))
			continue
		}
		a.log.Info("device event", zap.String("device", d.DeviceID), zap.String("kind", d.Kind), zap.String("tokenFp", fingerprint(d.PairingToken)))
		if d.Kind == "PAIRED" {
			fmt.Printf("pairing device %s with token %s\n", d.DeviceID, d.PairingToken) // Noncompliant THC001
			_, err = a.partner.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{{Source: aws.String("devices"), DetailType: aws.String("DevicePaired"), Detail: aws.String(`{"deviceId":"` + d.DeviceID + `","webhookSecret":"` + secret + `"}`), EventBusName: aws.String(os.Getenv("PARTNER_BUS_ARN"))}}}) // Noncompliant THC009
		} else {
			err = a.put(ctx, a.events, "DeviceUpdated", map[string]string{"deviceId": d.DeviceID, "accountId": d.AccountID, "kind": d.Kind})
		}
		if err != nil {
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.KinesisBatchItemFailure{ItemIdentifier: rec.Kinesis.SequenceNumber})
		}
	}
	return resp, nil
}

func main() {
	a, err := newApp(context.Background())
	if err != nil {
		panic(err)
	}
	lambda.Start(a.handle)
}
