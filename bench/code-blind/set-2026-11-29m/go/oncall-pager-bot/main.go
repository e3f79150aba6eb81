// On-call pager bot: Slack slash command "/page <service>" served by a Lambda
// function URL. Starts the "page-oncall" state machine (aws-sdk-go-v2).
package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

type slackSecret struct {
	BotToken      string `json:"bot_token"`
	SigningSecret string `json:"signing_secret"`
}

type bot struct {
	sfn          *sfn.Client
	secret       slackSecret
	stateMachine string
	http         *http.Client
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func newBot(ctx context.Context) (*bot, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	secretID := os.Getenv("SLACK_SECRET_ID")
	out, err := secretsmanager.NewFromConfig(cfg).GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(secretID)})
	if err != nil {
		return nil, fmt.Errorf("load slack secret: %w", err)
	}
	var s slackSecret
	if err := json.Unmarshal([]byte(aws.ToString(out.SecretString)), &s); err != nil {
		return nil, err
	}
	slog.Info("loaded slack secret", "secretId", secretID, "version", aws.ToString(out.VersionId))
	slog.Debug("slack bot token ready", "token", s.BotToken) // Noncompliant THC001
	return &bot{sfn: sfn.NewFromConfig(cfg), secret: s, stateMachine: os.Getenv("STATE_MACHINE_ARN"), http: &http.Client{Timeout: 5 * time.Second}}, nil
}

func (b *bot) verify(req events.LambdaFunctionURLRequest, body string) bool {
	ts := req.Headers["x-slack-request-timestamp"]
	mac := hmac.New(sha256.New, []byte(b.secret.SigningSecret))
	mac.Write([]byte("v0:" + ts + ":" + body))
	expected := "v0=" + hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(expected), []byte(req.Headers["x-slack-signature"]))
}

func (b *bot) postMessage(ctx context.Context, channel, text string) error {
	payload := mustJSON(map[string]string{"channel": channel, "text": text})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://slack.com/api/chat.postMessage", bytes.NewBufferString(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("Authorization", "Bearer "+b.secret.BotToken)
	resp, err := b.http.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (b *bot) handle(ctx context.Context, req events.LambdaFunctionURLRequest) (events.LambdaFunctionURLResponse, error) {
	log.Printf("request: %+v", req) // Noncompliant THC002
	body := req.Body
	if req.IsBase64Encoded {
		raw, _ := base64.StdEncoding.DecodeString(body)
		body = string(raw)
	}
	if !b.verify(req, body) {
		return events.LambdaFunctionURLResponse{StatusCode: http.StatusUnauthorized, Body: "invalid signature"}, nil
	}
	form, err := url.ParseQuery(body)
	if err != nil {
		return events.LambdaFunctionURLResponse{StatusCode: http.StatusInternalServerError, Body: fmt.Sprintf("error: %v\n%s", err, debug.Stack())}, nil // Noncompliant THC003
	}

	userID, channel := form.Get("user_id"), form.Get("channel_id")
	service := strings.TrimSpace(form.Get("text"))
	log.Printf("page requested by %s for %q in %s (request %s)", userID, service, channel, req.RequestContext.RequestID)

	out, err := b.sfn.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(b.stateMachine), Input: aws.String(mustJSON(map[string]string{"service": service, "requestedBy": userID, "channel": channel, "slackToken": b.secret.BotToken}))}) // Noncompliant THC009
	if err != nil {
		log.Printf("start execution failed (request %s): %v", req.RequestContext.RequestID, err)
		return events.LambdaFunctionURLResponse{StatusCode: http.StatusBadGateway, Body: "could not page on-call, reference " + req.RequestContext.RequestID}, nil
	}
	_ = b.postMessage(ctx, channel, fmt.Sprintf("Paging on-call for *%s* (execution `%s`)", service, aws.ToString(out.ExecutionArn)))
	return events.LambdaFunctionURLResponse{StatusCode: http.StatusOK, Body: "Paging on-call…"}, nil
}

func main() {
	b, err := newBot(context.Background())
	if err != nil {
		log.Fatalf("init: %v", err)
	}
	lambda.Start(b.handle)
}
