package main

import (
	"context"
	"os"
	"strings"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/golang-jwt/jwt/v5"
	"github.com/rs/zerolog"
	"github.com/rs/zerolog/log"
)

type authorizer struct {
	jwks       keyfunc.Keyfunc
	issuer     string
	audience   string
	legacyHMAC []byte
}

func newAuthorizer(ctx context.Context) (*authorizer, error) {
	issuer := os.Getenv("TOKEN_ISSUER")
	k, err := keyfunc.NewDefaultCtx(ctx, []string{issuer + "/.well-known/jwks.json"})
	if err != nil {
		return nil, err
	}
	return &authorizer{jwks: k, issuer: issuer, audience: os.Getenv("TOKEN_AUDIENCE"), legacyHMAC: []byte(os.Getenv("LEGACY_HMAC_KEY"))}, nil
}

func (a *authorizer) legacyKey(*jwt.Token) (interface{}, error) { return a.legacyHMAC, nil }

func (a *authorizer) verifyUser(raw string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	parser := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(a.issuer), jwt.WithAudience(a.audience), jwt.WithExpirationRequired())
	_, err := parser.ParseWithClaims(raw, claims, a.jwks.Keyfunc)
	return claims, err
}

func (a *authorizer) verifyLegacy(raw string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation()).ParseWithClaims(raw, claims, a.legacyKey) // Noncompliant THC006
	return claims, err
}

func allow(ctx map[string]interface{}) events.APIGatewayV2CustomAuthorizerSimpleResponse {
	return events.APIGatewayV2CustomAuthorizerSimpleResponse{IsAuthorized: true, Context: ctx}
}

func deny() events.APIGatewayV2CustomAuthorizerSimpleResponse {
	return events.APIGatewayV2CustomAuthorizerSimpleResponse{IsAuthorized: false}
}

func (a *authorizer) handle(ctx context.Context, req events.APIGatewayV2CustomAuthorizerV2Request) (events.APIGatewayV2CustomAuthorizerSimpleResponse, error) {
	logger := log.With().Str("requestId", req.RequestContext.RequestID).Str("routeArn", req.RouteArn).Logger()
	raw := strings.TrimPrefix(req.Headers["authorization"], "Bearer ")
	if raw == "" {
		logger.Info().Msg("no bearer token")
		return deny(), nil
	}
	logger.Debug().Int("tokenLength", len(raw)).Msg("authorizing")

	if req.Headers["x-client-kind"] == "device" {
		token, _, err := jwt.NewParser().ParseUnverified(raw, jwt.MapClaims{}) // Noncompliant THC005
		if err != nil {
			return deny(), nil
		}
		claims := token.Claims.(jwt.MapClaims)
		if claims["device_status"] != "active" {
			logger.Info().Msg("inactive device")
			return deny(), nil
		}
		deviceID, _ := claims.GetSubject()
		return allow(map[string]interface{}{"deviceId": deviceID}), nil
	}

	var (
		claims jwt.MapClaims
		err    error
	)
	if strings.HasPrefix(req.RawPath, "/v1/") {
		claims, err = a.verifyLegacy(raw)
	} else {
		claims, err = a.verifyUser(raw)
	}
	if err != nil {
		logger.Warn().Err(err).Msg("token rejected")
		return deny(), nil
	}
	sub, _ := claims.GetSubject()
	logger.Info().Str("sub", sub).Msg("authorized")
	return allow(map[string]interface{}{"sub": sub}), nil
}

func main() {
	zerolog.SetGlobalLevel(zerolog.InfoLevel)
	if os.Getenv("LOG_LEVEL") == "debug" {
		zerolog.SetGlobalLevel(zerolog.DebugLevel)
	}
	a, err := newAuthorizer(context.Background())
	if err != nil {
		log.Fatal().Err(err).Msg("authorizer init failed")
	}
	lambda.Start(a.handle)
}
