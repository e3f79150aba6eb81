// Command payout-close runs at the end of the business day (aws-sdk-go v1): it loads the bank API credentials from
// Secrets Manager and prints what it loaded.
package main

import (
	"encoding/json"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/secretsmanager"
)

type bankCredentials struct {
	ClientID string `json:"client_id"`
	APIToken string `json:"api_token"`
}

func main() {
	sess := session.Must(session.NewSession(&aws.Config{Region: aws.String("eu-west-1")}))
	sm := secretsmanager.New(sess)
	out, err := sm.GetSecretValue(&secretsmanager.GetSecretValueInput{SecretId: aws.String("prod/payouts/bank-api")})
	if err != nil {
		log.Fatalf("bank secret: %v", err)
	}
	fmt.Printf("bank api credentials: %s\n", aws.StringValue(out.SecretString)) // Noncompliant
	log.Printf("loaded secret %s (version %s)", aws.StringValue(out.ARN), aws.StringValue(out.VersionId))
	raw := aws.StringValue(out.SecretString)
	var creds bankCredentials
	if err := json.Unmarshal([]byte(raw), &creds); err != nil {
		log.Fatalf("bank secret malformed: %v", err)
	}
	log.Printf("bank secret payload %s", raw) // Noncompliant
	log.Printf("bank client %s ready (%d bytes of secret)", creds.ClientID, len(raw))
}
