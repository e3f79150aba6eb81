// scheduler-lambda: appointment rescheduling API (API Gateway REST proxy) for the
// outpatient clinics. Uses aws-sdk-go v1 for DynamoDB and the reminder Lambda.
package main

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/dynamodb"
	awslambda "github.com/aws/aws-sdk-go/service/lambda"
	"github.com/golang-jwt/jwt/v5"
)

var (
	sess        = session.Must(session.NewSession(&aws.Config{Region: aws.String(os.Getenv("AWS_REGION"))}))
	ddb         = dynamodb.New(sess)
	invoker     = awslambda.New(sess)
	table       = os.Getenv("APPOINTMENTS_TABLE")
	reminderFn  = os.Getenv("REMINDER_FUNCTION")
	portalKey   *rsa.PublicKey
	jsonHeaders = map[string]string{"Content-Type": "application/json"}
)

type reschedule struct {
	AppointmentID string `json:"appointmentId"`
	NewSlot       string `json:"newSlot"`
}

func respond(status int, v interface{}) events.APIGatewayProxyResponse {
	b, _ := json.Marshal(v)
	return events.APIGatewayProxyResponse{StatusCode: status, Headers: jsonHeaders, Body: string(b)}
}

func bearer(req events.APIGatewayProxyRequest) string {
	h := req.Headers["Authorization"]
	if h == "" {
		h = req.Headers["authorization"]
	}
	return strings.TrimPrefix(h, "Bearer ")
}

func verifiedPatient(token string) (string, error) {
	parsed, err := jwt.Parse(token, func(t *jwt.Token) (interface{}, error) { return portalKey, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience("scheduling"), jwt.WithIssuer("https://login.clinic.example.org"))
	if err != nil {
		return "", err
	}
	sub, err := parsed.Claims.GetSubject()
	return sub, err
}

func isFrontDesk(token string) bool {
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(token, claims); err != nil { // Noncompliant THC005
		return false
	}
	role, _ := claims["role"].(string)
	return role == "front-desk"
}

func handler(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	log.Printf("reschedule request: %+v", req) // Noncompliant THC002
	token := bearer(req)

	var body reschedule
	if err := json.Unmarshal([]byte(req.Body), &body); err != nil || body.AppointmentID == "" {
		return respond(http.StatusBadRequest, map[string]string{"error": "invalid body"}), nil
	}

	actor := "front-desk"
	if !isFrontDesk(token) {
		patientID, err := verifiedPatient(token)
		if err != nil {
			log.Printf("token rejected for appointment %s: %v", body.AppointmentID, err)
			return respond(http.StatusUnauthorized, map[string]string{"error": "unauthorized"}), nil
		}
		actor = patientID
	}

	_, err := ddb.UpdateItemWithContext(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(table),
		Key:                       map[string]*dynamodb.AttributeValue{"appointmentId": {S: aws.String(body.AppointmentID)}},
		UpdateExpression:          aws.String("SET slot = :s, updatedBy = :a"),
		ExpressionAttributeValues: map[string]*dynamodb.AttributeValue{":s": {S: aws.String(body.NewSlot)}, ":a": {S: aws.String(actor)}},
	})
	if err != nil {
		log.Printf("update failed request=%s: %v", req.RequestContext.RequestID, err)
		return respond(http.StatusInternalServerError, map[string]string{"error": "internal", "correlationId": req.RequestContext.RequestID}), nil
	}

	payload, _ := json.Marshal(map[string]string{"appointmentId": body.AppointmentID, "slot": body.NewSlot})
	if _, err := invoker.InvokeWithContext(ctx, &awslambda.InvokeInput{FunctionName: aws.String(reminderFn), InvocationType: aws.String("Event"), Payload: payload}); err != nil {
		log.Printf("reminder scheduling failed for %s: %v", body.AppointmentID, err)
	}
	log.Printf("appointment %s moved to %s by %s", body.AppointmentID, body.NewSlot, actor)
	return respond(http.StatusOK, map[string]string{"appointmentId": body.AppointmentID, "status": "rescheduled"}), nil
}

func main() {
	key, err := jwt.ParseRSAPublicKeyFromPEM([]byte(os.Getenv("PORTAL_PUBLIC_KEY_PEM")))
	if err != nil {
		panic(fmt.Sprintf("portal key: %v", err))
	}
	portalKey = key
	lambda.Start(handler)
}
