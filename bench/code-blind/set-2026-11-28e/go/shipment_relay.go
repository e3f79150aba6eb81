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
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	log "github.com/sirupsen/logrus"
)

type shipmentEvent struct {
	ShipmentID string `json:"shipmentId"`
	CarrierID  string `json:"carrierId"`
	Status     string `json:"status"`
}

type relay struct {
	sts      *sts.Client
	sns      *sns.Client
	topicArn string
	roleArn  string
}

func newRelay(ctx context.Context) (*relay, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	carrierCfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("us-west-2"), config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(os.Getenv("CARRIER_ACCESS_KEY_ID"), os.Getenv("CARRIER_SECRET_ACCESS_KEY"), ""))) // Noncompliant THC008
	if err != nil {
		return nil, err
	}
	return &relay{sts: sts.NewFromConfig(carrierCfg), sns: sns.NewFromConfig(cfg), topicArn: os.Getenv("CARRIER_TOPIC_ARN"), roleArn: os.Getenv("CARRIER_ROLE_ARN")}, nil
}

func (r *relay) handle(ctx context.Context, event events.SQSEvent) (events.SQSEventResponse, error) {
	log.WithField("event", event).Debug("received SQS batch") // Noncompliant THC002
	var failures []events.SQSBatchItemFailure

	out, err := r.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(r.roleArn), RoleSessionName: aws.String("shipment-relay"), DurationSeconds: aws.Int32(900)})
	if err != nil {
		return events.SQSEventResponse{}, fmt.Errorf("assume carrier role %s: %w", r.roleArn, err)
	}
	log.Infof("assumed carrier role, credentials: %+v", *out.Credentials) // Noncompliant THC001

	for _, msg := range event.Records {
		var s shipmentEvent
		if err := json.Unmarshal([]byte(msg.Body), &s); err != nil {
			log.WithFields(log.Fields{"messageId": msg.MessageId, "error": err}).Warn("invalid message body")
			failures = append(failures, events.SQSBatchItemFailure{ItemIdentifier: msg.MessageId})
			continue
		}
		payload, _ := json.Marshal(map[string]interface{}{
			"shipment":     s,
			"accessKeyId":  aws.ToString(out.Credentials.AccessKeyId),
			"secretKey":    aws.ToString(out.Credentials.SecretAccessKey),
			"sessionToken": aws.ToString(out.Credentials.SessionToken),
		})
		if _, err := r.sns.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(r.topicArn), Message: aws.String(string(payload))}); err != nil { // Noncompliant THC009
			log.WithError(err).WithField("messageId", msg.MessageId).Error("publish failed")
			failures = append(failures, events.SQSBatchItemFailure{ItemIdentifier: msg.MessageId})
			continue
		}
		log.WithFields(log.Fields{"messageId": msg.MessageId, "shipmentId": s.ShipmentID}).Info("relayed shipment update")
	}
	return events.SQSEventResponse{BatchItemFailures: failures}, nil
}

func main() {
	log.SetFormatter(&log.JSONFormatter{})
	if lvl, err := log.ParseLevel(os.Getenv("LOG_LEVEL")); err == nil {
		log.SetLevel(lvl)
	}
	r, err := newRelay(context.Background())
	if err != nil {
		log.WithError(err).Fatal("init failed")
	}
	lambda.Start(r.handle)
}
