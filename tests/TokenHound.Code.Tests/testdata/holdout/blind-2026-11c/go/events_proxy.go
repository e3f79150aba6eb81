package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
)

var logger = slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelDebug}))

type proxy struct {
	client   *http.Client
	bus      *eventbridge.Client
	upstream string
}

func respond(status int, body string) events.APIGatewayV2HTTPResponse {
	return events.APIGatewayV2HTTPResponse{StatusCode: status, Body: body, Headers: map[string]string{"content-type": "application/json"}}
}

func (p *proxy) handle(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	logger.Info("proxy request", "requestId", req.RequestContext.RequestID, "route", req.RouteKey)
	logger.Debug("raw event", "event", req) // Noncompliant THC002
	token := req.Headers["authorization"]
	if token == "" {
		return respond(401, `{"message":"unauthorized"}`), nil
	}

	resp, err := p.client.Get(fmt.Sprintf("%s/v1/items?token=%s", p.upstream, token)) // Noncompliant THC009
	if err != nil {
		logger.Error("upstream failed", "err", err, "requestId", req.RequestContext.RequestID)
		return respond(502, `{"message":"upstream unavailable"}`), nil
	}
	defer resp.Body.Close()
	payload, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return respond(502, `{"message":"upstream read failed"}`), nil
	}

	detail := fmt.Sprintf(`{"route":%q,"caller":%q}`, req.RouteKey, token)
	_, err = p.bus.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{{Source: aws.String("items.proxy"), DetailType: aws.String("ItemsFetched"), Detail: aws.String(detail)}}}) // Noncompliant THC009
	if err != nil {
		logger.Warn("event publish failed", "err", err)
	}
	msg := fmt.Sprintf("forwarded with token %s", token)
	slog.Info(msg) // Noncompliant THC001
	return respond(resp.StatusCode, string(payload)), nil
}

func (p *proxy) fetchV2(ctx context.Context, token string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.upstream+"/v2/items?limit=50", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", fmt.Sprintf("Bearer %s", token))
	logger.Debug("calling upstream v2", "scheme", "Bearer", "tokenLength", len(token))
	return p.client.Do(req)
}

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		panic(err)
	}
	p := &proxy{client: &http.Client{Timeout: 10 * time.Second}, bus: eventbridge.NewFromConfig(cfg), upstream: os.Getenv("UPSTREAM_URL")}
	lambda.Start(p.handle)
}
