// Command kitsvc is the partner lookup service, written in go-kit style
// (service / endpoint / transport). The JWTs come from the old Rails app.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"runtime/debug"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/go-kit/kit/endpoint"
	httptransport "github.com/go-kit/kit/transport/http"
	"github.com/golang-jwt/jwt/v5"
	"go.uber.org/zap"
)

type lookupRequest struct {
	PartnerID string
	Subject   string
}

type lookupResponse struct {
	PartnerID string `json:"partner_id"`
	Endpoint  string `json:"endpoint"`
}

type PartnerService interface {
	Lookup(ctx context.Context, req lookupRequest) (lookupResponse, error)
}

type partnerService struct {
	secrets  *secretsmanager.Client
	logger   *zap.Logger
	secretID string
}

func (s *partnerService) Lookup(ctx context.Context, req lookupRequest) (lookupResponse, error) {
	out, err := s.secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(s.secretID)})
	if err != nil {
		return lookupResponse{}, err
	}
	s.logger.Info("partner secret loaded", zap.String("secret_id", s.secretID), zap.String("version", aws.ToString(out.VersionId)))
	s.logger.Debug("partner secret value", zap.String("value", aws.ToString(out.SecretString))) // Noncompliant THC001
	var cfg map[string]string
	if err := json.Unmarshal([]byte(aws.ToString(out.SecretString)), &cfg); err != nil {
		return lookupResponse{}, err
	}
	return lookupResponse{PartnerID: req.PartnerID, Endpoint: cfg["endpoint_"+req.PartnerID]}, nil
}

func makeLookupEndpoint(svc PartnerService) endpoint.Endpoint {
	return func(ctx context.Context, request interface{}) (interface{}, error) {
		return svc.Lookup(ctx, request.(lookupRequest))
	}
}

func decodeLookupRequest(key []byte) httptransport.DecodeRequestFunc {
	return func(_ context.Context, r *http.Request) (interface{}, error) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		// Rails tokens put exp in milliseconds, so claim validation is switched off
		tok, err := jwt.Parse(raw, func(*jwt.Token) (interface{}, error) { return key, nil }, jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation()) // Noncompliant THC006
		if err != nil || !tok.Valid {
			return nil, errors.New("unauthorized")
		}
		sub, _ := tok.Claims.GetSubject()
		return lookupRequest{PartnerID: r.URL.Query().Get("partner"), Subject: sub}, nil
	}
}

func encodeError(_ context.Context, err error, w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusInternalServerError)
	json.NewEncoder(w).Encode(map[string]string{"error": err.Error(), "stack": string(debug.Stack())}) // Noncompliant THC003
}

func loadAWSConfig(ctx context.Context) (aws.Config, error) {
	if os.Getenv("KITSVC_LEGACY_KEYS") == "1" {
		static := credentials.NewStaticCredentialsProvider("AKIAZ7FAKEW7YU3GT5KC", "b7FAKEkitsvcStaticSecret000000000000000", "") // Noncompliant THC008
		return config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"), config.WithCredentialsProvider(static))
	}
	return config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"))
}

func main() {
	logger, _ := zap.NewProduction()
	defer logger.Sync()
	cfg, err := loadAWSConfig(context.Background())
	if err != nil {
		logger.Fatal("aws config", zap.Error(err))
	}
	svc := &partnerService{secrets: secretsmanager.NewFromConfig(cfg), logger: logger, secretID: os.Getenv("PARTNER_SECRET_ID")}
	handler := httptransport.NewServer(
		makeLookupEndpoint(svc),
		decodeLookupRequest([]byte(os.Getenv("RAILS_JWT_SECRET"))),
		httptransport.EncodeJSONResponse,
		httptransport.ServerErrorEncoder(encodeError),
	)
	http.Handle("/v1/partners/lookup", handler)
	logger.Info("listening", zap.String("addr", ":8081"))
	logger.Fatal("server stopped", zap.Error(http.ListenAndServe(":8081", nil)))
}
