// fhirproxy: SMART-on-FHIR facing proxy that validates app tokens upstream and
// forwards FHIR reads to AWS HealthLake, signing them with SigV4.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/google/uuid"
)

type introspection struct {
	Active  bool   `json:"active"`
	Patient string `json:"patient"`
}

type proxy struct {
	datastoreURL string
	region       string
	creds        aws.CredentialsProvider
	signer       *v4.Signer
	introspect   func(ctx context.Context, token string) (string, error)
	client       *http.Client
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:12]
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	correlationID := uuid.NewString()
	authz := r.Header.Get("Authorization")
	token := strings.TrimPrefix(authz, "Bearer ")
	if token == "" || token == authz {
		http.Error(w, `{"error":"unauthorized"}`, http.StatusUnauthorized)
		return
	}
	log.Printf("fhir %s %s token=%s correlation=%s", r.Method, r.URL.Path, shortHash(token), correlationID)

	patientID, err := p.introspect(r.Context(), token)
	if err != nil {
		log.Printf("introspection failed for %s: %v (token %s)", r.URL.Path, err, token) // Noncompliant THC001
		http.Error(w, `{"error":"unauthorized"}`, http.StatusUnauthorized)
		return
	}
	if !strings.Contains(r.URL.Path, "/Patient/"+patientID) {
		log.Printf("patient %s attempted %s", patientID, r.URL.Path)
		http.Error(w, `{"error":"forbidden"}`, http.StatusForbidden)
		return
	}

	upstream, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, p.datastoreURL+r.URL.Path, nil)
	upstream.Header.Set("Accept", "application/fhir+json")
	creds, err := p.creds.Retrieve(r.Context())
	if err == nil {
		emptyHash := sha256.Sum256(nil)
		err = p.signer.SignHTTP(r.Context(), creds, upstream, hex.EncodeToString(emptyHash[:]), "healthlake", p.region, time.Now())
	}
	if err != nil {
		log.Printf("signing failed correlation=%s: %v", correlationID, err)
		http.Error(w, fmt.Sprintf(`{"error":"internal","correlationId":"%s"}`, correlationID), http.StatusInternalServerError)
		return
	}

	resp, err := p.client.Do(upstream)
	if err != nil {
		http.Error(w, fmt.Sprintf("healthlake request failed: %v (presented token %s)", err, token), http.StatusBadGateway) // Noncompliant THC003
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	w.Header().Set("Content-Type", "application/fhir+json")
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, bytes.NewReader(body))
}

// introspectWithAuthServer calls RFC 7662 introspection; the token travels in the form body.
func introspectWithAuthServer(ctx context.Context, token string) (string, error) {
	form := url.Values{"token": {token}, "token_type_hint": {"access_token"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, os.Getenv("INTROSPECTION_URL"), strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(os.Getenv("PROXY_CLIENT_ID"), os.Getenv("PROXY_CLIENT_SECRET"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out introspection
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	if !out.Active {
		return "", fmt.Errorf("token inactive")
	}
	return out.Patient, nil
}

func main() {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(os.Getenv("AWS_REGION")))
	if err != nil {
		log.Fatalf("aws config: %v", err)
	}
	var provider aws.CredentialsProvider = cfg.Credentials
	if os.Getenv("HEALTHLAKE_KEY_ID") != "" {
		provider = credentials.NewStaticCredentialsProvider(os.Getenv("HEALTHLAKE_KEY_ID"), os.Getenv("HEALTHLAKE_SECRET_KEY"), "") // Noncompliant THC008
	}

	p := &proxy{
		datastoreURL: os.Getenv("HEALTHLAKE_DATASTORE_URL"),
		region:       cfg.Region,
		creds:        aws.NewCredentialsCache(provider),
		signer:       v4.NewSigner(),
		client:       &http.Client{Timeout: 10 * time.Second},
		introspect: func(ctx context.Context, token string) (string, error) {
			return introspectWithAuthServer(ctx, token)
		},
	}
	log.Printf("fhirproxy listening on :8443, datastore %s", p.datastoreURL)
	log.Fatal(http.ListenAndServe(":8443", p))
}
