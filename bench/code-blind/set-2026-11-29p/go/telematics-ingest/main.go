// Command telematics-ingest consumes refrigerated-trailer temperature readings from Kinesis,
// stores them in S3 for the cold-chain audit, and starts an excursion workflow when a load warms up.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/credentials/stscreds"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/s3"
	"github.com/aws/aws-sdk-go/service/sfn"
	"github.com/aws/aws-sdk-go/service/sts"
	"github.com/sirupsen/logrus"
)

type reading struct {
	TrailerID string    `json:"trailerId"`
	Shipment  string    `json:"shipment"`
	TempC     float64   `json:"tempC"`
	SetPointC float64   `json:"setPointC"`
	At        time.Time `json:"at"`
	TaskToken string    `json:"taskToken,omitempty"`
}

var (
	log          = logrus.New()
	sess         = session.Must(session.NewSession(aws.NewConfig().WithRegion(os.Getenv("AWS_REGION"))))
	auditStore   = s3.New(sess, aws.NewConfig().WithCredentials(credentials.NewStaticCredentials(os.Getenv("AUDIT_KEY_ID"), os.Getenv("AUDIT_SECRET"), ""))) // Noncompliant THC008
	workflows    = sfn.New(sess, aws.NewConfig().WithCredentials(stscreds.NewCredentials(sess, os.Getenv("COLDCHAIN_ROLE_ARN"))))
	stsClient    = sts.New(sess)
	auditBucket  = os.Getenv("AUDIT_BUCKET")
	excursionSFN = os.Getenv("EXCURSION_STATE_MACHINE_ARN")
)

const toleranceC = 3.0

func archive(ctx context.Context, shard string, batch []reading) error {
	body, _ := json.Marshal(batch)
	key := fmt.Sprintf("readings/%s/%s.json", time.Now().UTC().Format("2006/01/02/15"), shard)
	_, err := auditStore.PutObjectWithContext(ctx, &s3.PutObjectInput{Bucket: aws.String(auditBucket), Key: aws.String(key), Body: bytes.NewReader(body)})
	return err
}

func startExcursion(ctx context.Context, r reading) error {
	out, err := stsClient.AssumeRoleWithContext(ctx, &sts.AssumeRoleInput{
		RoleArn:         aws.String(os.Getenv("CARRIER_NOTIFY_ROLE_ARN")),
		RoleSessionName: aws.String("excursion-" + r.TrailerID),
		DurationSeconds: aws.Int64(3600),
	})
	if err != nil {
		return err
	}
	log.WithFields(logrus.Fields{"role": aws.StringValue(out.AssumedRoleUser.Arn), "trailer": r.TrailerID}).Info("assumed carrier notify role")

	input, _ := json.Marshal(map[string]any{
		"trailerId": r.TrailerID,
		"shipment":  r.Shipment,
		"tempC":     r.TempC,
		"notifyCredentials": map[string]string{
			"accessKeyId":     aws.StringValue(out.Credentials.AccessKeyId),
			"secretAccessKey": aws.StringValue(out.Credentials.SecretAccessKey),
			"sessionToken":    aws.StringValue(out.Credentials.SessionToken),
		},
	})
	_, err = workflows.StartExecutionWithContext(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(excursionSFN), Input: aws.String(string(input))}) // Noncompliant THC009
	return err
}

func handler(ctx context.Context, event events.KinesisEvent) error {
	log.WithField("event", event).Debug("kinesis batch received") // Noncompliant THC002

	byShard := map[string][]reading{}
	for _, rec := range event.Records {
		var r reading
		if err := json.Unmarshal(rec.Kinesis.Data, &r); err != nil {
			log.WithField("sequence", rec.Kinesis.SequenceNumber).Warn("undecodable reading")
			continue
		}
		if r.TaskToken != "" {
			out, _ := json.Marshal(map[string]any{"trailerId": r.TrailerID, "tempC": r.TempC})
			if _, err := workflows.SendTaskSuccessWithContext(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(r.TaskToken), Output: aws.String(string(out))}); err != nil {
				log.WithError(err).WithField("trailer", r.TrailerID).Warn("task callback failed")
			}
			continue
		}
		shard := strings.SplitN(rec.EventID, ":", 2)[0]
		byShard[shard] = append(byShard[shard], r)
		if r.TempC-r.SetPointC > toleranceC {
			log.WithFields(logrus.Fields{"trailer": r.TrailerID, "shipment": r.Shipment, "tempC": r.TempC}).Warn("temperature excursion")
			if err := startExcursion(ctx, r); err != nil {
				return err
			}
		}
	}
	for shard, batch := range byShard {
		if err := archive(ctx, shard, batch); err != nil {
			return err
		}
	}
	log.WithField("records", len(event.Records)).Info("batch archived")
	return nil
}

func main() {
	log.SetFormatter(&logrus.JSONFormatter{})
	log.SetLevel(logrus.InfoLevel)
	lambda.Start(handler)
}
