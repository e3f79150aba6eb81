package main

import (
	"context"
	"errors"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/golang-jwt/jwt/v5"
	"github.com/sirupsen/logrus"
)

var (
	signingKey    = []byte(os.Getenv("JWT_HMAC_KEY"))
	logger        = logrus.New()
	parser        = jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}), jwt.WithAudience("orders"), jwt.WithIssuer("https://id.example.com/"))
	lenientParser = jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation()) // Noncompliant THC006
	errUnauthorized = errors.New("Unauthorized")
)

func bearer(header string) (string, error) {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", errUnauthorized
	}
	return token, nil
}

func policy(principal, effect, resource string) events.APIGatewayCustomAuthorizerResponse {
	return events.APIGatewayCustomAuthorizerResponse{
		PrincipalID: principal,
		PolicyDocument: events.APIGatewayCustomAuthorizerPolicy{
			Version:   "2012-10-17",
			Statement: []events.IAMPolicyStatement{{Action: []string{"execute-api:Invoke"}, Effect: effect, Resource: []string{resource}}},
		},
	}
}

func keyFunc(*jwt.Token) (interface{}, error) { return signingKey, nil }

func handleRequest(ctx context.Context, req events.APIGatewayCustomAuthorizerRequestTypeRequest) (events.APIGatewayCustomAuthorizerResponse, error) {
	logger.WithField("requestId", req.RequestContext.RequestID).Info("authorizing")
	raw, err := bearer(req.Headers["Authorization"])
	if err != nil {
		return events.APIGatewayCustomAuthorizerResponse{}, errUnauthorized
	}

	if strings.HasPrefix(req.Path, "/internal/") {
		claims := jwt.MapClaims{}
		if _, _, err := jwt.NewParser().ParseUnverified(raw, claims); err != nil { // Noncompliant THC005
			return events.APIGatewayCustomAuthorizerResponse{}, errUnauthorized
		}
		if claims["role"] == "service" {
			return policy("service", "Allow", req.MethodArn), nil
		}
		return policy("service", "Deny", req.MethodArn), nil
	}

	claims := jwt.MapClaims{}
	tok, err := parser.ParseWithClaims(raw, claims, keyFunc)
	if err != nil || !tok.Valid {
		logger.WithFields(logrus.Fields{"tokenLength": len(raw), "reason": err}).Warn("token rejected")
		return events.APIGatewayCustomAuthorizerResponse{}, errUnauthorized
	}
	sub, _ := claims.GetSubject()
	return policy(sub, "Allow", req.MethodArn), nil
}

func legacyClaims(raw string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	_, err := lenientParser.ParseWithClaims(raw, claims, keyFunc)
	return claims, err
}

// serviceToken mints the token the batch jobs present on /internal routes.
func serviceToken() (string, error) {
	claims := jwt.MapClaims{"role": "service", "iat": time.Now().Unix()}
	return jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType) // Noncompliant THC005
}

func main() {
	logger.SetFormatter(&logrus.JSONFormatter{})
	lambda.Start(handleRequest)
}
