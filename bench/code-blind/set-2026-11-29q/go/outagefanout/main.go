// Command outagefanout receives outage detections from the SCADA alarm topic
// and fans them out: customer SMS via the notification bus, crew dispatch via
// SNS, and an audit copy in the legacy reporting account's bucket.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/eventbridge"
	"github.com/aws/aws-sdk-go/service/s3"
	"github.com/aws/aws-sdk-go/service/secretsmanager"
	"github.com/aws/aws-sdk-go/service/sns"
	"github.com/rs/zerolog"
	"github.com/rs/zerolog/log"
)

type outage struct {
	OutageID    string    `json:"outageId"`
	FeederID    string    `json:"feederId"`
	Customers   int       `json:"affectedCustomers"`
	DetectedAt  time.Time `json:"detectedAt"`
	Substations []string  `json:"substations"`
}

const smsSecretID = "prod/notifications/sms-gateway"

var (
	sess        = session.Must(session.NewSession())
	bus         = eventbridge.New(sess)
	topics      = sns.New(sess)
	secrets     = secretsmanager.New(sess)
	crewTopic   = os.Getenv("CREW_DISPATCH_TOPIC_ARN")
	busName     = os.Getenv("NOTIFICATION_BUS")
	auditS3     *s3.S3
	smsAPIKey   string
	auditBucket = "legacy-reporting-outage-audit"
)

func init() {
	zerolog.TimeFieldFormat = time.RFC3339
	legacy := session.Must(session.NewSession(&aws.Config{
		Region: aws.String("eu-west-1"),
	}))
	auditS3 = s3.New(legacy, &aws.Config{Credentials: credentials.NewStaticCredentials("AKIAZ7FAKEOUTAGE2AUD", "FAKEoutageAuditSecret00000000000000000000", "")}) // Noncompliant THC008
}

func loadSMSKey() (string, error) {
	if smsAPIKey != "" {
		return smsAPIKey, nil
	}
	out, err := secrets.GetSecretValue(&secretsmanager.GetSecretValueInput{SecretId: aws.String(smsSecretID)})
	if err != nil {
		return "", fmt.Errorf("get %s: %w", smsSecretID, err)
	}
	log.Info().Str("secretId", smsSecretID).Str("version", aws.StringValue(out.VersionId)).Msg("sms gateway secret loaded")
	log.Debug().Str("apiKey", aws.StringValue(out.SecretString)).Msg("sms gateway key") // Noncompliant THC001
	smsAPIKey = aws.StringValue(out.SecretString)
	return smsAPIKey, nil
}

func fanOut(ctx context.Context, o outage) error {
	key, err := loadSMSKey()
	if err != nil {
		return err
	}
	detail, _ := json.Marshal(map[string]any{"outageId": o.OutageID, "feederId": o.FeederID, "customers": o.Customers, "smsApiKey": key})
	_, err = bus.PutEventsWithContext(ctx, &eventbridge.PutEventsInput{Entries: []*eventbridge.PutEventsRequestEntry{{ // Noncompliant THC009
		EventBusName: aws.String(busName),
		Source:       aws.String("grid.outages"),
		DetailType:   aws.String("CustomerNotificationRequested"),
		Detail:       aws.String(string(detail)),
	}}})
	if err != nil {
		return err
	}

	crew, _ := json.Marshal(map[string]any{"outageId": o.OutageID, "feederId": o.FeederID, "substations": o.Substations})
	if _, err := topics.PublishWithContext(ctx, &sns.PublishInput{TopicArn: aws.String(crewTopic), Message: aws.String(string(crew))}); err != nil {
		return err
	}

	record, _ := json.Marshal(o)
	_, err = auditS3.PutObjectWithContext(ctx, &s3.PutObjectInput{
		Bucket: aws.String(auditBucket),
		Key:    aws.String(fmt.Sprintf("%s/%s.json", o.DetectedAt.Format("2006/01/02"), o.OutageID)),
		Body:   bytes.NewReader(record),
	})
	return err
}

func handler(ctx context.Context, evt events.SNSEvent) error {
	log.Info().Int("records", len(evt.Records)).Msg("outage detections received")
	for _, rec := range evt.Records {
		var o outage
		if err := json.Unmarshal([]byte(rec.SNS.Message), &o); err != nil {
			log.Warn().Str("messageId", rec.SNS.MessageID).Msg("malformed detection")
			continue
		}
		if err := fanOut(ctx, o); err != nil {
			log.Error().Err(err).Str("outageId", o.OutageID).Msg("fan-out failed")
			return err
		}
		log.Info().Str("outageId", o.OutageID).Str("feederId", o.FeederID).Int("customers", o.Customers).Msg("fan-out complete")
	}
	return nil
}

func main() {
	lambda.Start(handler)
}
