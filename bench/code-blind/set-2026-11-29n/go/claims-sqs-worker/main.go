// claims-sqs-worker: long-running ECS worker that pulls adjudicated claims from SQS,
// posts remittance advice (835) to the payer gateway and hands failures to the
// manual-review queue.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"go.uber.org/zap"
)

type claimMessage struct {
	ClaimID   string  `json:"claimId"`
	MemberID  string  `json:"memberId"`
	PaidCents int64   `json:"paidCents"`
	Reason    *string `json:"reason,omitempty"`
}

type worker struct {
	log         *zap.Logger
	sqs         *sqs.Client
	reviewSQS   *sqs.Client
	http        *http.Client
	inQueue     string
	reviewQueue string
	gatewayURL  string
	gatewayKey  string
}

func mask(s string) string {
	if len(s) <= 4 {
		return "****"
	}
	return "****" + s[len(s)-4:]
}

func (w *worker) postRemittance(ctx context.Context, c claimMessage) error {
	body, _ := json.Marshal(c)
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, w.gatewayURL+"/remittance", bytes.NewReader(body))
	req.Header.Set("X-Gateway-Key", w.gatewayKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := w.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		w.log.Error("gateway rejected remittance", zap.String("claimId", c.ClaimID), zap.Int("status", resp.StatusCode), zap.String("gatewayKey", w.gatewayKey)) // Noncompliant THC001
		return fmt.Errorf("gateway status %d", resp.StatusCode)
	}
	w.log.Info("remittance posted", zap.String("claimId", c.ClaimID), zap.String("key", mask(w.gatewayKey)))
	return nil
}

func (w *worker) toManualReview(ctx context.Context, c claimMessage, cause error) {
	handoff := map[string]string{"claimId": c.ClaimID, "memberId": c.MemberID, "cause": cause.Error(), "gatewayKey": w.gatewayKey}
	body, _ := json.Marshal(handoff)
	if _, err := w.reviewSQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(w.reviewQueue), MessageBody: aws.String(string(body))}); err != nil { // Noncompliant THC009
		w.log.Error("manual review handoff failed", zap.String("claimId", c.ClaimID), zap.Error(err))
	}
}

func (w *worker) poll(ctx context.Context) {
	out, err := w.sqs.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(w.inQueue), MaxNumberOfMessages: 10, WaitTimeSeconds: 20})
	if err != nil {
		w.log.Warn("receive failed", zap.Error(err))
		time.Sleep(5 * time.Second)
		return
	}
	for _, m := range out.Messages {
		var c claimMessage
		if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &c); err != nil {
			w.log.Warn("malformed message", zap.String("messageId", aws.ToString(m.MessageId)))
			continue
		}
		if err := w.postRemittance(ctx, c); err != nil {
			w.toManualReview(ctx, c, err)
		}
		_, _ = w.sqs.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(w.inQueue), ReceiptHandle: m.ReceiptHandle})
		w.log.Debug("message processed", zap.String("messageId", aws.ToString(m.MessageId)), zap.String("claimId", c.ClaimID))
	}
}

func main() {
	ctx := context.Background()
	logger, _ := zap.NewProduction()
	defer logger.Sync()

	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		logger.Fatal("aws config", zap.Error(err))
	}
	secretName := os.Getenv("GATEWAY_SECRET_NAME")
	sec, err := secretsmanager.NewFromConfig(cfg).GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(secretName)})
	if err != nil {
		logger.Fatal("gateway secret", zap.String("secret", secretName), zap.Error(err))
	}
	logger.Info("gateway secret loaded", zap.String("secret", secretName), zap.Int("length", len(aws.ToString(sec.SecretString))))

	reviewCfg := cfg.Copy()
	reviewCfg.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg), os.Getenv("REVIEW_ROLE_ARN")))

	w := &worker{
		log:         logger,
		sqs:         sqs.NewFromConfig(cfg),
		reviewSQS:   sqs.NewFromConfig(reviewCfg),
		http:        &http.Client{Timeout: 15 * time.Second},
		inQueue:     os.Getenv("ADJUDICATED_QUEUE_URL"),
		reviewQueue: os.Getenv("MANUAL_REVIEW_QUEUE_URL"),
		gatewayURL:  os.Getenv("PAYER_GATEWAY_URL"),
		gatewayKey:  aws.ToString(sec.SecretString),
	}
	for {
		w.poll(ctx)
	}
}
