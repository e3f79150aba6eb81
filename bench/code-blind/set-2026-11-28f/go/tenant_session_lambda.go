package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	chiadapter "github.com/awslabs/aws-lambda-go-api-proxy/chi"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/golang-jwt/jwt/v5"
)

var (
	logger       = slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelDebug}))
	stsClient    *sts.Client
	signingKey   = []byte(os.Getenv("SESSION_SIGNING_KEY"))
	tenantRoles  = map[string]string{"acme": "arn:aws:iam::111122223333:role/console-acme", "globex": "arn:aws:iam::444455556666:role/console-globex"}
	sessionCache sync.Map
)

func init() {
	provider := credentials.NewStaticCredentialsProvider(os.Getenv("AWS_ACCESS_KEY_ID"), os.Getenv("AWS_SECRET_ACCESS_KEY"), os.Getenv("AWS_SESSION_TOKEN")) // Noncompliant THC008
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithCredentialsProvider(provider))
	if err != nil {
		panic(err)
	}
	stsClient = sts.NewFromConfig(cfg)
}

func tenantClaims(r *http.Request) (jwt.MapClaims, error) {
	raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, // Noncompliant THC006
		func(t *jwt.Token) (interface{}, error) { return signingKey, nil },
		jwt.WithValidMethods([]string{"HS256"}),
		jwt.WithoutClaimsValidation(),
	)
	return claims, err
}

func tenantSession(w http.ResponseWriter, r *http.Request) {
	logger.Debug("tenant session request", "headers", r.Header) // Noncompliant THC002
	claims, err := tenantClaims(r)
	if err != nil {
		logger.Warn("invalid token", "err", err, "requestId", middleware.GetReqID(r.Context()))
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	tenantID, _ := claims["tenant"].(string)
	roleArn, ok := tenantRoles[tenantID]
	if !ok {
		http.Error(w, "unknown tenant", http.StatusForbidden)
		return
	}
	out, err := stsClient.AssumeRole(r.Context(), &sts.AssumeRoleInput{RoleArn: aws.String(roleArn), RoleSessionName: aws.String("console-" + tenantID), DurationSeconds: aws.Int32(900)})
	if err != nil {
		logger.Error("assume role failed", "tenant", tenantID, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	creds := out.Credentials
	logger.Info("tenant session issued", "tenant", tenantID, "role", roleArn, "expires", aws.ToTime(creds.Expiration))
	logger.Debug("tenant credentials", "accessKeyId", aws.ToString(creds.AccessKeyId), "sessionToken", aws.ToString(creds.SessionToken)) // Noncompliant THC001
	sessionCache.Store(tenantID+":"+aws.ToString(out.AssumedRoleUser.AssumedRoleId), creds)

	exp := time.Now().Add(15 * time.Minute)
	sessionJWT, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"tenant": tenantID, "sub": claims["sub"], "exp": exp.Unix()}).SignedString(signingKey)
	http.SetCookie(w, &http.Cookie{Name: "tenant_session", Value: sessionJWT, Path: "/", Expires: exp}) // Noncompliant THC007
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"tenant": tenantID, "expires": aws.ToTime(creds.Expiration)})
}

func logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "tenant_session", Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	w.WriteHeader(http.StatusNoContent)
}

func main() {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Post("/tenant/session", tenantSession)
	r.Post("/tenant/logout", logout)
	adapter := chiadapter.New(r)
	lambda.Start(adapter.ProxyWithContext)
}
