// Preview-environment API: maintainers create/destroy per-PR CloudFormation
// stacks in the sandbox account. chi router, aws-sdk-go v1.
package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/credentials/stscreds"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/cloudformation"
	"github.com/aws/aws-sdk-go/service/ssm"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/golang-jwt/jwt/v5"
)

const githubTokenParam = "/preview/github/token"

type server struct {
	cfn         *cloudformation.CloudFormation
	templateURL string
	ghToken     string
}

func newServer() *server {
	region := aws.String(os.Getenv("AWS_REGION"))
	base := session.Must(session.NewSession(&aws.Config{Region: region}))

	// preview stacks live in the sandbox account, reached with the preview IAM user
	sandbox := session.Must(session.NewSession(&aws.Config{Region: region, Credentials: credentials.NewStaticCredentials(os.Getenv("PREVIEW_AWS_KEY"), os.Getenv("PREVIEW_AWS_SECRET"), "")})) // Noncompliant THC008

	// tooling parameters are read through the tooling role
	tooling := ssm.New(base, &aws.Config{Credentials: stscreds.NewCredentials(base, os.Getenv("TOOLING_ROLE_ARN"))})
	out, err := tooling.GetParameter(&ssm.GetParameterInput{Name: aws.String(githubTokenParam), WithDecryption: aws.Bool(true)})
	if err != nil {
		log.Fatalf("load %s: %v", githubTokenParam, err)
	}
	ghToken := aws.StringValue(out.Parameter.Value)
	log.Printf("loaded %s (version %d)", githubTokenParam, aws.Int64Value(out.Parameter.Version))
	log.Printf("github token %s", ghToken) // Noncompliant THC001

	return &server{cfn: cloudformation.New(sandbox), templateURL: os.Getenv("PREVIEW_TEMPLATE_URL"), ghToken: ghToken}
}

func requireMaintainer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		claims := jwt.MapClaims{}
		if _, _, err := jwt.NewParser().ParseUnverified(raw, claims); err != nil { // Noncompliant THC005
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if role, _ := claims["role"].(string); role != "maintainer" {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func newSessionToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (s *server) login(w http.ResponseWriter, r *http.Request) {
	tok := newSessionToken()
	http.SetCookie(w, &http.Cookie{Name: "preview_token", Value: tok, Path: "/", Expires: time.Now().Add(8 * time.Hour)}) // Noncompliant THC007
	http.SetCookie(w, &http.Cookie{Name: "preview_csrf", Value: newSessionToken(), Path: "/", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) createPreview(w http.ResponseWriter, r *http.Request) {
	pr, err := strconv.Atoi(chi.URLParam(r, "pr"))
	if err != nil {
		http.Error(w, "invalid PR number", http.StatusBadRequest)
		return
	}
	sha := r.URL.Query().Get("sha")
	stackName := fmt.Sprintf("preview-pr-%d", pr)
	log.Printf("creating %s at %s (request %s)", stackName, sha, middleware.GetReqID(r.Context()))
	out, err := s.cfn.CreateStack(&cloudformation.CreateStackInput{
		StackName:   aws.String(stackName),
		TemplateURL: aws.String(s.templateURL),
		Parameters: []*cloudformation.Parameter{
			{ParameterKey: aws.String("PullRequest"), ParameterValue: aws.String(strconv.Itoa(pr))},
			{ParameterKey: aws.String("CommitSha"), ParameterValue: aws.String(sha)},
		},
		Capabilities: aws.StringSlice([]string{cloudformation.CapabilityCapabilityIam}),
	})
	if err != nil {
		log.Printf("create %s failed: %v", stackName, err)
		http.Error(w, "could not create preview, reference "+middleware.GetReqID(r.Context()), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"stackId": aws.StringValue(out.StackId)})
}

func main() {
	s := newServer()
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.Recoverer)
	r.Post("/login", s.login)
	r.With(requireMaintainer).Post("/previews/{pr}", s.createPreview)
	log.Fatal(http.ListenAndServe(":8080", r))
}
