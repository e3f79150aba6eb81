package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/golang-jwt/jwt/v5"
)

var (
	hmacKey  = []byte(os.Getenv("AUTH_HMAC_KEY"))
	audience = os.Getenv("AUTH_AUDIENCE")
	issuer   = os.Getenv("AUTH_ISSUER")
)

func bearer(headers map[string]string) (string, error) {
	for k, v := range headers {
		if strings.EqualFold(k, "authorization") && strings.HasPrefix(v, "Bearer ") {
			return strings.TrimPrefix(v, "Bearer "), nil
		}
	}
	return "", errors.New("no bearer token")
}

func policy(principal, effect, resource string, ctx map[string]interface{}) events.APIGatewayCustomAuthorizerResponse {
	return events.APIGatewayCustomAuthorizerResponse{
		PrincipalID: principal,
		PolicyDocument: events.APIGatewayCustomAuthorizerPolicy{
			Version:   "2012-10-17",
			Statement: []events.IAMPolicyStatement{{Action: []string{"execute-api:Invoke"}, Effect: effect, Resource: []string{resource}}},
		},
		Context: ctx,
	}
}

func keyFunc(t *jwt.Token) (interface{}, error) {
	if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
		return nil, fmt.Errorf("unexpected alg %v", t.Header["alg"])
	}
	return hmacKey, nil
}

func verifiedClaims(tok string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(tok, claims, keyFunc, jwt.WithAudience(audience), jwt.WithIssuer(issuer), jwt.WithValidMethods([]string{"HS256"}))
	return claims, err
}

// machine tokens are long-lived service tokens; their exp is managed elsewhere
func machineClaims(tok string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	parser := jwt.NewParser(jwt.WithoutClaimsValidation()) // Noncompliant THC006
	_, err := parser.ParseWithClaims(tok, claims, keyFunc)
	return claims, err
}

func handler(ctx context.Context, req events.APIGatewayCustomAuthorizerRequestTypeRequest) (events.APIGatewayCustomAuthorizerResponse, error) {
	tok, err := bearer(req.Headers)
	if err != nil {
		log.Printf("deny: %v request=%s", err, req.RequestContext.RequestID)
		return policy("anonymous", "Deny", req.MethodArn, nil), nil
	}
	if req.Headers["x-preview"] == "1" {
		claims := jwt.MapClaims{}
		if _, _, err := jwt.NewParser().ParseUnverified(tok, claims); err == nil && claims["scope"] == "preview" { // Noncompliant THC005
			return policy(fmt.Sprint(claims["sub"]), "Allow", req.MethodArn, nil), nil
		}
	}
	if strings.HasPrefix(req.Path, "/internal/") {
		claims, err := machineClaims(tok)
		if err != nil {
			return policy("anonymous", "Deny", req.MethodArn, nil), nil
		}
		return policy(fmt.Sprint(claims["sub"]), "Allow", req.MethodArn, nil), nil
	}
	claims, err := verifiedClaims(tok)
	if err != nil {
		log.Printf("deny invalid token len=%d request=%s", len(tok), req.RequestContext.RequestID)
		return policy("anonymous", "Deny", req.MethodArn, nil), nil
	}
	return policy(fmt.Sprint(claims["sub"]), "Allow", req.MethodArn, map[string]interface{}{"sub": claims["sub"]}), nil
}

func main() {
	lambda.Start(handler)
}
