package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/gin-gonic/gin"
	"github.com/rs/zerolog"
)

type notifyRequest struct {
	TenantID  string   `json:"tenant_id" binding:"required"`
	UserIDs   []string `json:"user_ids" binding:"required"`
	Channel   string   `json:"channel" binding:"required,oneof=email sms push"`
	Template  string   `json:"template"`
	TaskToken string   `json:"task_token"`
}

type notifier struct {
	sqs          *sqs.Client
	lambda       *lambda.Client
	secrets      *secretsmanager.Client
	sfn          *sfn.Client
	sts          *sts.Client
	queueURL     string
	pushSecretID string
	log          zerolog.Logger
}

func (n *notifier) providerKey(ctx context.Context) (string, error) {
	out, err := n.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(n.pushSecretID)})
	if err != nil {
		return "", err
	}
	n.log.Info().Str("secret_id", n.pushSecretID).Str("version", aws.ToString(out.VersionId)).Msg("loaded push provider key")
	return aws.ToString(out.SecretString), nil
}

func (n *notifier) fanOut(c *gin.Context) {
	var req notifyRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid_request"})
		return
	}
	ctx := c.Request.Context()
	key, err := n.providerKey(ctx)
	if err != nil {
		n.log.Error().Err(err).Str("tenant_id", req.TenantID).Msg("provider key unavailable")
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "provider_unavailable"})
		return
	}
	for _, uid := range req.UserIDs {
		msg, _ := json.Marshal(map[string]string{"tenant_id": req.TenantID, "user_id": uid, "channel": req.Channel, "template": req.Template, "provider_key": key})
		if _, err := n.sqs.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(n.queueURL), MessageBody: aws.String(string(msg))}); err != nil { // Noncompliant THC009
			n.log.Warn().Err(err).Str("user_id", uid).Msg("enqueue failed")
		}
	}
	if req.Channel == "email" {
		assumed, err := n.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(os.Getenv("SES_SENDER_ROLE_ARN")), RoleSessionName: aws.String("notify-" + req.TenantID)})
		if err == nil {
			payload, _ := json.Marshal(map[string]any{"tenant_id": req.TenantID, "user_ids": req.UserIDs, "template": req.Template, "credentials": assumed.Credentials})
			_, err = n.lambda.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String(os.Getenv("EMAIL_RENDERER_FN")), Payload: payload}) // Noncompliant THC009
		}
		if err != nil {
			n.log.Error().Err(err).Str("tenant_id", req.TenantID).Msg("email renderer failed")
		}
	}
	if req.TaskToken != "" {
		out, _ := json.Marshal(map[string]int{"queued": len(req.UserIDs)})
		_, _ = n.sfn.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(req.TaskToken), Output: aws.String(string(out))})
	}
	n.log.Info().Str("tenant_id", req.TenantID).Int("recipients", len(req.UserIDs)).Str("channel", req.Channel).Msg("notifications queued")
	c.JSON(http.StatusAccepted, gin.H{"queued": len(req.UserIDs)})
}

func main() {
	gin.SetMode(gin.DebugMode) // Noncompliant THC004
	logger := zerolog.New(os.Stdout).With().Timestamp().Str("service", "notify").Logger()
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		logger.Fatal().Err(err).Msg("aws config")
	}
	n := &notifier{
		sqs:          sqs.NewFromConfig(cfg),
		lambda:       lambda.NewFromConfig(cfg),
		secrets:      secretsmanager.NewFromConfig(cfg),
		sfn:          sfn.NewFromConfig(cfg),
		sts:          sts.NewFromConfig(cfg),
		queueURL:     os.Getenv("NOTIFY_QUEUE_URL"),
		pushSecretID: os.Getenv("PUSH_PROVIDER_SECRET_ID"),
		log:          logger,
	}
	r := gin.New()
	r.Use(gin.Logger(), gin.Recovery())
	r.POST("/v1/notifications", n.fanOut)
	if err := r.Run(":" + os.Getenv("PORT")); err != nil {
		logger.Fatal().Err(err).Msg("server stopped")
	}
}
