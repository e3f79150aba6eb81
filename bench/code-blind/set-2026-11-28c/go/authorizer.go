package main

import (
	"context"
	"errors"
	"log"
	"os"
	"strings"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/golang-jwt/jwt/v5"
)

var (
	issuer   = os.Getenv("TOKEN_ISSUER")
	audience = os.Getenv("TOKEN_AUDIENCE")
	jwks     keyfunc.Keyfunc

	errUnauthorized = errors.New("Unauthorized")
)

func policy(principal, effect, resource string, ctx map[string]interface{}) events.APIGatewayCustomAuthorizerResponse {
	return events.APIGatewayCustomAuthorizerResponse{
		PrincipalID: principal,
		PolicyDocument: events.APIGatewayCustomAuthorizerPolicy{
			Version: "2012-10-17",
			Statement: []events.IAMPolicyStatement{
				{Action: []string{"execute-api:Invoke"}, Effect: effect, Resource: []string{resource}},
			},
		},
		Context: ctx,
	}
}

func handler(ctx context.Context, req events.APIGatewayCustomAuthorizerRequestTypeRequest) (events.APIGatewayCustomAuthorizerResponse, error) {
	log.Printf("authorizer request: %+v", req) // Noncompliant THC002
	log.Printf("authorizing %s %s (request %s)", req.HTTPMethod, req.Path, req.RequestContext.RequestID)

	raw := strings.TrimPrefix(req.Headers["authorization"], "Bearer ")
	if raw == "" {
		return events.APIGatewayCustomAuthorizerResponse{}, errUnauthorized
	}

	if svc := req.Headers["x-internal-service"]; svc != "" {
		claims := jwt.MapClaims{}
		if _, _, err := jwt.NewParser().ParseUnverified(raw, claims); err != nil { // Noncompliant THC005
			return events.APIGatewayCustomAuthorizerResponse{}, errUnauthorized
		}
		if claims["svc"] == svc {
			return policy("svc:"+svc, "Allow", req.MethodArn, nil), nil
		}
		return policy("svc:"+svc, "Deny", req.MethodArn, nil), nil
	}

	if strings.HasPrefix(req.Path, "/batch/") {
		tok, err := jwt.Parse(raw, jwks.Keyfunc, jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(issuer), jwt.WithoutClaimsValidation()) // Noncompliant THC006
		if err != nil {
			log.Printf("batch token %q rejected: %v", raw, err) // Noncompliant THC001
			return events.APIGatewayCustomAuthorizerResponse{}, errUnauthorized
		}
		sub, _ := tok.Claims.GetSubject()
		return policy(sub, "Allow", req.MethodArn, map[string]interface{}{"mode": "batch"}), nil
	}

	tok, err := jwt.Parse(raw, jwks.Keyfunc,
		jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithIssuer(issuer),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
	)
	if err != nil {
		log.Printf("token rejected (%d bytes): %v", len(raw), err)
		return events.APIGatewayCustomAuthorizerResponse{}, errUnauthorized
	}
	claims := tok.Claims.(jwt.MapClaims)
	sub, _ := claims.GetSubject()
	return policy(sub, "Allow", req.MethodArn, map[string]interface{}{"scope": claims["scope"]}), nil
}

func main() {
	var err error
	jwks, err = keyfunc.NewDefault([]string{issuer + "/.well-known/jwks.json"})
	if err != nil {
		log.Fatalf("loading JWKS: %v", err)
	}
	lambda.Start(handler)
}
