// Command carrier-webhook receives delivery-exception callbacks from last-mile carriers
// (API Gateway REST proxy -> Lambda) and records them in the exceptions table.
package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"go.uber.org/zap"
)

type deliveryException struct {
	TrackingNumber string    `json:"trackingNumber" dynamodbav:"trackingNumber"`
	Code           string    `json:"code" dynamodbav:"code"`
	Description    string    `json:"description" dynamodbav:"description"`
	OccurredAt     time.Time `json:"occurredAt" dynamodbav:"occurredAt"`
}

type app struct {
	log     *zap.Logger
	secrets *secretsmanager.Client
	ddb     *dynamodb.Client
	secret  string
}

func newApp(ctx context.Context) (*app, error) {
	logger, _ := zap.NewProduction()
	defCfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	// The exceptions table sits in the operations account; static keys until cross-account access lands.
	opsCfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"), config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(os.Getenv("OPS_ACCESS_KEY_ID"), os.Getenv("OPS_SECRET_ACCESS_KEY"), ""))) // Noncompliant THC008
	if err != nil {
		return nil, err
	}
	return &app{log: logger, secrets: secretsmanager.NewFromConfig(defCfg), ddb: dynamodb.NewFromConfig(opsCfg)}, nil
}

func (a *app) signingSecret(ctx context.Context) (string, error) {
	if a.secret != "" {
		return a.secret, nil
	}
	secretID := os.Getenv("CARRIER_SIGNING_SECRET_ID")
	a.log.Info("loading carrier signing secret", zap.String("secretId", secretID))
	out, err := a.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(secretID)})
	if err != nil {
		return "", err
	}
	a.secret = aws.ToString(out.SecretString)
	a.log.Debug("carrier signing secret loaded", zap.String("secret", a.secret)) // Noncompliant THC001
	return a.secret, nil
}

func validSignature(secret, body, signature string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(body))
	return hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(signature))
}

func jsonResponse(status int, body any) events.APIGatewayProxyResponse {
	b, _ := json.Marshal(body)
	return events.APIGatewayProxyResponse{StatusCode: status, Headers: map[string]string{"Content-Type": "application/json"}, Body: string(b)}
}

func (a *app) handle(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	a.log.Info("carrier callback", zap.Any("request", req)) // Noncompliant THC002
	lc, _ := lambdacontext.FromContext(ctx)

	secret, err := a.signingSecret(ctx)
	if err != nil {
		a.log.Error("secret unavailable", zap.Error(err))
		return jsonResponse(503, map[string]string{"message": "temporarily unavailable", "requestId": lc.AwsRequestID}), nil
	}
	if !validSignature(secret, req.Body, req.Headers["X-Signature"]) {
		return jsonResponse(401, map[string]string{"message": "invalid signature"}), nil
	}

	var exc deliveryException
	if err := json.Unmarshal([]byte(req.Body), &exc); err != nil {
		return events.APIGatewayProxyResponse{StatusCode: 400, Body: fmt.Sprintf("cannot parse %q: %v (auth %s)", req.Body, err, req.Headers["Authorization"])}, nil // Noncompliant THC003
	}

	item, err := attributevalue.MarshalMap(exc)
	if err != nil {
		return jsonResponse(500, map[string]string{"message": "internal error", "requestId": lc.AwsRequestID}), nil
	}
	if _, err := a.ddb.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("delivery-exceptions"), Item: item}); err != nil {
		a.log.Error("put failed", zap.String("trackingNumber", exc.TrackingNumber), zap.Error(err))
		return jsonResponse(500, map[string]string{"message": "internal error", "requestId": lc.AwsRequestID}), nil
	}
	a.log.Info("exception recorded", zap.String("trackingNumber", exc.TrackingNumber), zap.String("code", exc.Code))
	return jsonResponse(202, map[string]string{"trackingNumber": exc.TrackingNumber}), nil
}

func main() {
	a, err := newApp(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, "init failed:", err)
		os.Exit(1)
	}
	defer a.log.Sync()
	lambda.Start(a.handle)
}
