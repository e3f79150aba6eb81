// Command relaylegacy: an SQS Lambda on aws-sdk-go v1 that starts a copy workflow per tenant.
package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/sfn"
	"github.com/aws/aws-sdk-go/service/sts"
)

var (
	sess   = session.Must(session.NewSession())
	stsSvc = sts.New(sess)
	sfnSvc = sfn.New(sess)
)

type copyRequest struct {
	Tenant    string `json:"tenant"`
	RoleArn   string `json:"role_arn"`
	TaskToken string `json:"task_token"`
}

func mustJSON(v interface{}) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func handle(ctx context.Context, ev events.SQSEvent) error {
	for _, rec := range ev.Records {
		var req copyRequest
		if err := json.Unmarshal([]byte(rec.Body), &req); err != nil {
			return err
		}
		out, err := stsSvc.AssumeRoleWithContext(ctx, &sts.AssumeRoleInput{
			RoleArn:         aws.String(req.RoleArn),
			RoleSessionName: aws.String("relay-" + req.Tenant),
		})
		if err != nil {
			return err
		}
		_, err = sfnSvc.StartExecutionWithContext(ctx, &sfn.StartExecutionInput{ // Noncompliant THC009
			StateMachineArn: aws.String(os.Getenv("COPY_STATE_MACHINE_ARN")),
			Input:           aws.String(mustJSON(map[string]interface{}{"tenant": req.Tenant, "keys": out.Credentials})),
		})
		if err != nil {
			return err
		}
		_, err = sfnSvc.StartExecutionWithContext(ctx, &sfn.StartExecutionInput{
			StateMachineArn: aws.String(os.Getenv("AUDIT_STATE_MACHINE_ARN")),
			Input:           aws.String(mustJSON(map[string]interface{}{"tenant": req.Tenant, "role": req.RoleArn, "expires": out.Credentials.Expiration})),
		})
		if err != nil {
			return err
		}
		if req.TaskToken != "" {
			if _, err := sfnSvc.SendTaskSuccessWithContext(ctx, &sfn.SendTaskSuccessInput{
				TaskToken: aws.String(req.TaskToken),
				Output:    aws.String(mustJSON(map[string]string{"tenant": req.Tenant, "status": "STARTED"})),
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

func main() {
	lambda.Start(handle)
}
