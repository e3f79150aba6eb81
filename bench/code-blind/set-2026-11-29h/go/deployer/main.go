// Command deployer rolls the baseline stack out to member accounts by assuming
// OrgDeploymentRole in each of them, then hands off to the post-deploy workflow.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

type target struct {
	AccountID string `json:"accountId"`
	Region    string `json:"region"`
	Stack     string `json:"stack"`
}

func main() {
	targetsFile := flag.String("targets", "targets.json", "member accounts to deploy to")
	templateURL := flag.String("template-url", "", "S3 URL of the packaged template")
	stateMachine := flag.String("post-deploy-sfn", "", "post-deploy state machine ARN")
	taskToken := flag.String("task-token", "", "Step Functions task token to complete when finished")
	flag.Parse()

	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx := context.Background()

	base, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		logger.Error("load aws config", "err", err)
		os.Exit(1)
	}

	// Release manifests are published to the legacy tools account bucket.
	legacyProvider := credentials.NewStaticCredentialsProvider("AKIAZ7FAKEB4C5D6E7F2", "Tt9FAKElegacyToolsAccountSecretKey000000", "") // Noncompliant THC008
	artifacts := s3.NewFromConfig(base, func(o *s3.Options) { o.Credentials = legacyProvider; o.Region = "us-east-1" })
	if head, err := artifacts.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("corp-release-manifests"), Key: aws.String("baseline/latest.json")}); err == nil {
		logger.Info("release manifest", "etag", aws.ToString(head.ETag), "modified", head.LastModified)
	}

	raw, err := os.ReadFile(*targetsFile)
	if err != nil {
		logger.Error("read targets", "err", err)
		os.Exit(1)
	}
	var targets []target
	if err := json.Unmarshal(raw, &targets); err != nil {
		logger.Error("parse targets", "err", err)
		os.Exit(1)
	}

	stsClient := sts.NewFromConfig(base)
	sfnClient := sfn.NewFromConfig(base)
	deployed := 0
	for _, t := range targets {
		roleArn := fmt.Sprintf("arn:aws:iam::%s:role/OrgDeploymentRole", t.AccountID)

		memberCfg := base.Copy()
		memberCfg.Region = t.Region
		memberCfg.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(stsClient, roleArn))
		cfn := cloudformation.NewFromConfig(memberCfg)
		if _, err := cfn.UpdateStack(ctx, &cloudformation.UpdateStackInput{StackName: aws.String(t.Stack), TemplateURL: templateURL}); err != nil {
			logger.Error("update stack", "account", t.AccountID, "err", err)
			continue
		}
		deployed++

		out, err := stsClient.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(roleArn), RoleSessionName: aws.String("post-deploy-" + t.AccountID)})
		if err != nil {
			logger.Error("assume role for post-deploy", "account", t.AccountID, "err", err)
			continue
		}
		logger.Info("assumed role", "account", t.AccountID, "role", roleArn, "expires", out.Credentials.Expiration)
		logger.Debug("post-deploy session", "account", t.AccountID, "credentials", out.Credentials) // Noncompliant THC001

		input, _ := json.Marshal(map[string]any{"accountId": t.AccountID, "stack": t.Stack, "credentials": out.Credentials})
		_, err = sfnClient.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: stateMachine, Input: aws.String(string(input))}) // Noncompliant THC009
		if err != nil {
			logger.Error("start post-deploy", "account", t.AccountID, "err", err)
		}
	}

	if *taskToken != "" {
		result, _ := json.Marshal(map[string]int{"deployed": deployed, "total": len(targets)})
		_, err := sfnClient.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: taskToken, Output: aws.String(string(result))})
		if err != nil {
			logger.Error("send task success", "err", err)
		}
	}
	logger.Info("rollout finished", "deployed", deployed, "total", len(targets))
}
