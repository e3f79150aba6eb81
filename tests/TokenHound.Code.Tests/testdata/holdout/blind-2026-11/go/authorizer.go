package main

import (
	"context"
	"log"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/golang-jwt/jwt/v5"
	"go.uber.org/zap"
)

var logger, _ = zap.NewProduction()

func handler(ctx context.Context, req events.APIGatewayCustomAuthorizerRequest) (events.APIGatewayCustomAuthorizerResponse, error) {
	log.Printf("authorizing %s", req.MethodArn)
	logger.Debug("incoming token", zap.String("token", req.AuthorizationToken)) // Noncompliant THC001
	raw := strings.TrimPrefix(req.AuthorizationToken, "Bearer ")
	logger.Info("token shape", zap.Int("len", len(raw)), zap.Bool("bearer", strings.HasPrefix(req.AuthorizationToken, "Bearer ")))

	claims := jwt.MapClaims{}
	_, _, err := jwt.NewParser().ParseUnverified(raw, claims) // Noncompliant THC005
	if err != nil {
		logger.Warn("malformed token", zap.Error(err))
		return deny(req.MethodArn), nil
	}
	if claims["scope"] != "orders:write" {
		return deny(req.MethodArn), nil
	}
	sub, _ := claims["sub"].(string)
	return events.APIGatewayCustomAuthorizerResponse{
		PrincipalID: sub,
		PolicyDocument: events.APIGatewayCustomAuthorizerPolicy{
			Version:   "2012-10-17",
			Statement: []events.IAMPolicyStatement{{Action: []string{"execute-api:Invoke"}, Effect: "Allow", Resource: []string{req.MethodArn}}},
		},
	}, nil
}

func deny(arn string) events.APIGatewayCustomAuthorizerResponse {
	return events.APIGatewayCustomAuthorizerResponse{
		PrincipalID: "anonymous",
		PolicyDocument: events.APIGatewayCustomAuthorizerPolicy{
			Version:   "2012-10-17",
			Statement: []events.IAMPolicyStatement{{Action: []string{"execute-api:Invoke"}, Effect: "Deny", Resource: []string{arn}}},
		},
	}
}

func main() { lambda.Start(handler) }
