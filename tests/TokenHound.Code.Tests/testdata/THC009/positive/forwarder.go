package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
)

type forwarder struct {
	out    *kinesis.Client
	stream string
}

func (f *forwarder) forward(ctx context.Context, tenantID, sessionID, partnerKey string) error {
	enriched, _ := json.Marshal(map[string]string{"tenantId": tenantID, "sessionId": sessionID, "partnerApiKey": partnerKey})
	if _, err := f.out.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String(f.stream), PartitionKey: aws.String(tenantID), Data: enriched}); err != nil { // Noncompliant
		return err
	}
	plain, _ := json.Marshal(map[string]string{"tenantId": tenantID, "sessionId": sessionID})
	_, err := f.out.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String(f.stream), PartitionKey: aws.String(tenantID), Data: plain})
	return err
}
