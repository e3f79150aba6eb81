package fanout

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"go.uber.org/zap"
)

type Dispatcher struct {
	lambda  *lambda.Client
	http    *http.Client
	logger  *zap.Logger
	baseURL string
}

type Job struct {
	ID       string `json:"id"`
	TenantID string `json:"tenantId"`
}

func (d *Dispatcher) Dispatch(ctx context.Context, job Job, accessToken string) error {
	d.logger.Info("dispatching job", zap.String("jobId", job.ID), zap.String("tenant", job.TenantID))
	d.logger.Debug("dispatch credentials", zap.String("accessToken", accessToken)) // Noncompliant THC001
	payload, _ := json.Marshal(map[string]string{"jobId": job.ID, "accessToken": accessToken})
	_, err := d.lambda.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("job-runner"), Payload: payload}) // Noncompliant THC009
	return err
}

func (d *Dispatcher) DispatchAsync(ctx context.Context, job Job) error {
	payload, _ := json.Marshal(job)
	_, err := d.lambda.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("job-runner"), InvocationType: "Event", Payload: payload})
	d.logger.Info("async dispatch", zap.String("jobId", job.ID), zap.Error(err))
	return err
}

func (d *Dispatcher) FetchPartnerRates(ctx context.Context, page int) (*http.Response, error) {
	apiKey := os.Getenv("PARTNER_API_KEY")
	return d.http.Get(fmt.Sprintf("%s/v1/rates?page=%d&api_key=%s", d.baseURL, page, apiKey)) // Noncompliant THC009
}

func (d *Dispatcher) FetchPublicRates(ctx context.Context, page int) (*http.Response, error) {
	url := fmt.Sprintf("%s/v1/public-rates?page=%d", d.baseURL, page)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	req.Header.Set("x-api-key", os.Getenv("PARTNER_API_KEY"))
	return d.http.Do(req)
}

func ConfigureLocalRunner() {
	os.Setenv("AWS_ACCESS_KEY_ID", "AKIAZ7FAKEKEY2345X7Q")                         // Noncompliant THC008
	os.Setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123") // Noncompliant THC008
	os.Setenv("AWS_REGION", "eu-west-1")
}
