// Command stsrelay is an SQS-triggered Lambda (aws-sdk-go v1) that starts the
// cross-account copy workflow and pings the legacy scheduler's webhook.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/sfn"
	"github.com/aws/aws-sdk-go/service/sts"
)

type relayRequest struct {
	Tenant    string `json:"tenant"`
	RoleArn   string `json:"role_arn"`
	HookToken string `json:"hook_token"`
	TaskToken string `json:"task_token"`
}

var (
	sess        = session.Must(session.NewSession(&aws.Config{Region: aws.String("us-east-1")}))
	legacyCreds = credentials.NewStaticCredentials(os.Getenv("LEGACY_AWS_ACCESS_KEY_ID"), os.Getenv("LEGACY_AWS_SECRET_ACCESS_KEY"), "") // Noncompliant THC008
	stsSvc      = sts.New(session.Must(session.NewSession(&aws.Config{Credentials: legacyCreds, Region: aws.String("us-east-1")})))
	sfnSvc      = sfn.New(sess)
	httpClient  = &http.Client{Timeout: 10 * time.Second}
)

func mustJSON(v interface{}) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func notifyScheduler(ctx context.Context, req relayRequest) error {
	var lastErr error
	for attempt := 1; attempt <= 3; attempt++ {
		resp, err := httpClient.Get(fmt.Sprintf("%s/hooks/relay?tenant=%s&token=%s", os.Getenv("LEGACY_HOOK_URL"), url.QueryEscape(req.Tenant), url.QueryEscape(req.HookToken))) // Noncompliant THC009
		if err == nil && resp.StatusCode < 500 {
			resp.Body.Close()
			return nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		lastErr = fmt.Errorf("scheduler webhook attempt %d failed: %v", attempt, err)
		time.Sleep(time.Duration(attempt) * 500 * time.Millisecond)
	}
	return lastErr
}

func handle(ctx context.Context, ev events.SQSEvent) error {
	log.Printf("received event: %+v", ev) // Noncompliant THC002
	for _, rec := range ev.Records {
		log.Printf("processing message %s", rec.MessageId)
		var req relayRequest
		if err := json.Unmarshal([]byte(rec.Body), &req); err != nil {
			return err
		}
		out, err := stsSvc.AssumeRoleWithContext(ctx, &sts.AssumeRoleInput{
			RoleArn:         aws.String(req.RoleArn),
			RoleSessionName: aws.String("stsrelay-" + req.Tenant),
		})
		if err != nil {
			return err
		}
		_, err = sfnSvc.StartExecutionWithContext(ctx, &sfn.StartExecutionInput{ // Noncompliant THC009
			StateMachineArn: aws.String(os.Getenv("COPY_STATE_MACHINE_ARN")),
			Input:           aws.String(mustJSON(map[string]interface{}{"tenant": req.Tenant, "credentials": out.Credentials})),
		})
		if err != nil {
			return err
		}
		if req.TaskToken != "" {
			// hand the workflow token back; it identifies the waiting state only
			if _, err := sfnSvc.SendTaskSuccessWithContext(ctx, &sfn.SendTaskSuccessInput{
				TaskToken: aws.String(req.TaskToken),
				Output:    aws.String(mustJSON(map[string]string{"tenant": req.Tenant, "status": "STARTED"})),
			}); err != nil {
				return err
			}
		}
		log.Printf("tenant %s: hook token length %d", req.Tenant, len(req.HookToken))
		if err := notifyScheduler(ctx, req); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	lambda.Start(handle)
}
