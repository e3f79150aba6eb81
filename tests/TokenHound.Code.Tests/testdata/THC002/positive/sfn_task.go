// A Step Functions task (waitForTaskToken) that reindexes one tenant's search documents.
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

type ReindexInput struct {
	TaskToken string `json:"taskToken"`
	TenantID  string `json:"tenantId"`
	Index     string `json:"index"`
}

type worker struct {
	sfn *sfn.Client
}

func (w *worker) Handle(ctx context.Context, in ReindexInput) error {
	log.Printf("reindex input: %+v", in) // Noncompliant
	log.Printf("reindexing tenant %s into %s", in.TenantID, in.Index)
	_, err := w.sfn.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{
		TaskToken: aws.String(in.TaskToken),
		Output:    aws.String(fmt.Sprintf(`{"tenantId":%q}`, in.TenantID)),
	})
	return err
}

// describe is not a Lambda handler: its input comes from the worker's own code.
func describe(ctx context.Context, in ReindexInput) string {
	log.Printf("describing %+v", in)
	return in.TenantID
}

func onUpload(ctx context.Context, ev events.S3Event) error {
	log.Printf("upload event: %+v", ev)
	return nil
}

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	w := &worker{sfn: sfn.NewFromConfig(cfg)}
	if len(cfg.Region) == 0 {
		lambda.Start(onUpload)
	}
	lambda.Start(w.Handle)
}
