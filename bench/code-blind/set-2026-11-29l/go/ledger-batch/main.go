// Command ledger-batch closes the business day: builds the settlement report,
// archives it, and starts the bank payout workflow (aws-sdk-go v1).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/dynamodb"
	"github.com/aws/aws-sdk-go/service/s3"
	"github.com/aws/aws-sdk-go/service/secretsmanager"
	"github.com/aws/aws-sdk-go/service/sfn"
)

const (
	region       = "eu-west-1"
	bankSecretID = "prod/settlement/bank-api"
	reportBucket = "acme-settlement-reports"
)

type bankSecret struct {
	ClientID string `json:"client_id"`
	APIToken string `json:"api_token"`
}

func dayTotals(db *dynamodb.DynamoDB, date string) (map[string]float64, error) {
	out, err := db.Query(&dynamodb.QueryInput{
		TableName:                 aws.String("ledger-entries"),
		IndexName:                 aws.String("byBookingDate"),
		KeyConditionExpression:    aws.String("bookingDate = :d"),
		ExpressionAttributeValues: map[string]*dynamodb.AttributeValue{":d": {S: aws.String(date)}},
	})
	if err != nil {
		return nil, err
	}
	totals := map[string]float64{}
	for _, item := range out.Items {
		var amt float64
		fmt.Sscanf(aws.StringValue(item["amount"].N), "%f", &amt)
		totals[aws.StringValue(item["merchantId"].S)] += amt
	}
	return totals, nil
}

func main() {
	date := flag.String("date", time.Now().UTC().AddDate(0, 0, -1).Format("2006-01-02"), "business date")
	flag.Parse()

	sess := session.Must(session.NewSession(&aws.Config{Region: aws.String(region)}))
	archiveSess := session.Must(session.NewSession(&aws.Config{Region: aws.String(region), Credentials: credentials.NewStaticCredentials("AKIAZ7FAKEARCHIVE2Q4", "FAKEarchiveAccountSecretKey0000000000000", "")})) // Noncompliant THC008

	sm := secretsmanager.New(sess)
	secretOut, err := sm.GetSecretValue(&secretsmanager.GetSecretValueInput{SecretId: aws.String(bankSecretID)})
	if err != nil {
		log.Fatalf("bank secret: %v", err)
	}
	fmt.Printf("bank api credentials for %s: %s\n", *date, aws.StringValue(secretOut.SecretString)) // Noncompliant THC001
	fmt.Printf("loaded secret %s (version %s)\n", aws.StringValue(secretOut.ARN), aws.StringValue(secretOut.VersionId))
	var bank bankSecret
	if err := json.Unmarshal([]byte(aws.StringValue(secretOut.SecretString)), &bank); err != nil {
		log.Fatalf("bank secret malformed: %v", err)
	}

	totals, err := dayTotals(dynamodb.New(sess), *date)
	if err != nil {
		log.Fatalf("ledger query: %v", err)
	}
	report, _ := json.MarshalIndent(map[string]interface{}{"businessDate": *date, "totals": totals}, "", "  ")
	key := fmt.Sprintf("settlement/%s/report.json", *date)
	if _, err := s3.New(archiveSess).PutObject(&s3.PutObjectInput{Bucket: aws.String(reportBucket), Key: aws.String(key), Body: bytes.NewReader(report)}); err != nil {
		log.Fatalf("archive report: %v", err)
	}
	log.Printf("report archived to s3://%s/%s (%d merchants)", reportBucket, key, len(totals))

	sfnClient := sfn.New(sess)
	input, _ := json.Marshal(map[string]string{"businessDate": *date, "reportKey": key, "bankClientId": bank.ClientID, "bankApiToken": bank.APIToken})
	if _, err := sfnClient.StartExecution(&sfn.StartExecutionInput{StateMachineArn: aws.String(os.Getenv("PAYOUT_STATE_MACHINE_ARN")), Name: aws.String("payout-" + *date), Input: aws.String(string(input))}); err != nil { // Noncompliant THC009
		log.Fatalf("start payout workflow: %v", err)
	}

	// When run as the "close day" activity of the parent workflow, report back.
	if taskToken := os.Getenv("CLOSE_DAY_TASK_TOKEN"); taskToken != "" {
		out := fmt.Sprintf(`{"businessDate":%q,"merchants":%d}`, *date, len(totals))
		if _, err := sfnClient.SendTaskSuccess(&sfn.SendTaskSuccessInput{TaskToken: aws.String(taskToken), Output: aws.String(out)}); err != nil {
			log.Printf("send task success: %v", err)
		}
	}
	log.Printf("ledger batch for %s complete", *date)
}
