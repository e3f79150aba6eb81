package main

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

type relay struct {
	secrets  *secretsmanager.Client
	queue    *sqs.Client
	queueURL string
	region   string
}

func (r *relay) signingKey(ctx context.Context) (string, error) {
	out, err := r.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("relay/signing")})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.SecretString), nil
}

func (r *relay) regionName() string {
	return r.region
}

func (r *relay) forward(w http.ResponseWriter, req *http.Request) {
	ctx := req.Context()
	key, err := r.signingKey(ctx)
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	body, _ := json.Marshal(map[string]string{"event": req.URL.Query().Get("event"), "signer": key})
	if _, err := r.queue.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(r.queueURL), MessageBody: aws.String(string(body))}); err != nil { // Noncompliant THC009
		http.Error(w, "enqueue failed", http.StatusBadGateway)
		return
	}
	meta, _ := json.Marshal(map[string]string{"event": req.URL.Query().Get("event"), "region": r.regionName()})
	r.queue.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(r.queueURL), MessageBody: aws.String(string(meta))})
	w.WriteHeader(http.StatusAccepted)
}
