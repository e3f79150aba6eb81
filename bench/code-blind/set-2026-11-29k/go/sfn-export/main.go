// sfn-export is a waitForTaskToken step of the nightly export workflow: it
// copies a partition to the archive account and starts the monitor workflow.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"go.uber.org/zap"
)

type ExportEvent struct {
	TaskToken  string `json:"taskToken"`
	Dataset    string `json:"dataset"`
	Partition  string `json:"partition"`
	SrcBucket  string `json:"srcBucket"`
	DestBucket string `json:"destBucket"`
}

type exporter struct {
	log        *zap.Logger
	secrets    *secretsmanager.Client
	sfn        *sfn.Client
	source     *s3.Client
	archive    *s3.Client
	monitorArn string
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func newExporter(ctx context.Context) (*exporter, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	archiveCfg := cfg.Copy()
	archiveCfg.Credentials = credentials.NewStaticCredentialsProvider("AKIAZ7FAKEARCHVE3QZM", "FAKEarchiveSecretAccessKey000000000000000", "") // Noncompliant THC008
	logger, _ := zap.NewProduction()
	return &exporter{
		log:        logger,
		secrets:    secretsmanager.NewFromConfig(cfg),
		sfn:        sfn.NewFromConfig(cfg),
		source:     s3.NewFromConfig(cfg),
		archive:    s3.NewFromConfig(archiveCfg),
		monitorArn: os.Getenv("MONITOR_STATE_MACHINE_ARN"),
	}, nil
}

func (e *exporter) handle(ctx context.Context, ev ExportEvent) error {
	fmt.Printf("export event: %+v\n", ev) // Noncompliant THC002
	e.log.Info("export started", zap.String("dataset", ev.Dataset), zap.String("partition", ev.Partition))

	secret, err := e.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("exports/warehouse")})
	if err != nil {
		return fmt.Errorf("warehouse secret: %w", err)
	}
	e.log.Info("warehouse secret loaded", zap.String("arn", aws.ToString(secret.ARN)), zap.String("version", aws.ToString(secret.VersionId)))
	e.log.Debug("warehouse secret", zap.String("value", aws.ToString(secret.SecretString))) // Noncompliant THC001

	prefix := fmt.Sprintf("%s/%s/", ev.Dataset, ev.Partition)
	list, err := e.source.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(ev.SrcBucket), Prefix: aws.String(prefix)})
	if err != nil {
		return err
	}
	for _, obj := range list.Contents {
		src, err := e.source.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(ev.SrcBucket), Key: obj.Key})
		if err != nil {
			return err
		}
		_, err = e.archive.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(ev.DestBucket), Key: obj.Key, Body: src.Body, ContentLength: obj.Size})
		src.Body.Close()
		if err != nil {
			return err
		}
	}

	_, err = e.sfn.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(e.monitorArn), Input: aws.String(mustJSON(map[string]string{"dataset": ev.Dataset, "warehouseSecret": aws.ToString(secret.SecretString)}))}) // Noncompliant THC009
	if err != nil {
		return err
	}
	_, err = e.sfn.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{
		TaskToken: aws.String(ev.TaskToken),
		Output:    aws.String(mustJSON(map[string]any{"dataset": ev.Dataset, "objects": len(list.Contents)})),
	})
	e.log.Info("export finished", zap.Int("objects", len(list.Contents)))
	return err
}

func main() {
	e, err := newExporter(context.Background())
	if err != nil {
		panic(err)
	}
	defer e.log.Sync()
	lambda.Start(e.handle)
}
