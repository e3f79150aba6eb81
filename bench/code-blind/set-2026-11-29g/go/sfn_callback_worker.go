// Command exportcallback receives "export ready" callbacks and resumes the waiting Step Functions task
// with short-lived credentials for the export bucket.
package main

import (
	"context"
	"encoding/json"
	"log"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

type callback struct {
	TaskToken string `json:"taskToken"`
	JobID     string `json:"jobId"`
	Status    string `json:"status"`
}

type worker struct {
	sfn     *sfn.Client
	sts     *sts.Client
	roleArn string
}

func newWorker(ctx context.Context) (*worker, error) {
	base, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	// the state machine lives in the orchestration account; we got an IAM user there, not a role
	orchCreds := credentials.NewStaticCredentialsProvider(os.Getenv("ORCH_ACCESS_KEY_ID"), os.Getenv("ORCH_SECRET_ACCESS_KEY"), "") // Noncompliant THC008
	orchCfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("us-west-2"), config.WithCredentialsProvider(orchCreds))
	if err != nil {
		return nil, err
	}
	return &worker{sfn: sfn.NewFromConfig(orchCfg), sts: sts.NewFromConfig(base), roleArn: os.Getenv("EXPORT_ROLE_ARN")}, nil
}

func (w *worker) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	log.Printf("callback %s %s headers=%v", r.Method, r.URL.Path, r.Header) // Noncompliant THC002
	var cb callback
	if err := json.NewDecoder(r.Body).Decode(&cb); err != nil || cb.TaskToken == "" {
		http.Error(rw, "bad request", http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()

	if cb.Status != "READY" {
		if _, err := w.sfn.SendTaskFailure(ctx, &sfn.SendTaskFailureInput{TaskToken: aws.String(cb.TaskToken), Error: aws.String("NotReady"), Cause: aws.String(cb.Status)}); err != nil {
			slog.Error("send task failure failed", "jobId", cb.JobID, "err", err)
		}
		rw.WriteHeader(http.StatusAccepted)
		return
	}

	assumed, err := w.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(w.roleArn), RoleSessionName: aws.String("export-" + cb.JobID), DurationSeconds: aws.Int32(3600)})
	if err != nil {
		slog.Error("assume role failed", "jobId", cb.JobID, "err", err)
		http.Error(rw, "internal error", http.StatusInternalServerError)
		return
	}
	slog.Info("assumed export role", "jobId", cb.JobID, "assumedRole", aws.ToString(assumed.AssumedRoleUser.Arn))
	slog.Debug("export session", "accessKeyId", aws.ToString(assumed.Credentials.AccessKeyId), "sessionToken", aws.ToString(assumed.Credentials.SessionToken)) // Noncompliant THC001

	output, _ := json.Marshal(map[string]string{
		"jobId":           cb.JobID,
		"accessKeyId":     aws.ToString(assumed.Credentials.AccessKeyId),
		"secretAccessKey": aws.ToString(assumed.Credentials.SecretAccessKey),
		"sessionToken":    aws.ToString(assumed.Credentials.SessionToken),
	})
	_, err = w.sfn.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(cb.TaskToken), Output: aws.String(string(output))}) // Noncompliant THC009
	if err != nil {
		slog.Error("send task success failed", "jobId", cb.JobID, "err", err)
		http.Error(rw, "internal error", http.StatusInternalServerError)
		return
	}
	rw.WriteHeader(http.StatusNoContent)
}

func main() {
	w, err := newWorker(context.Background())
	if err != nil {
		log.Fatalf("init: %v", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/callbacks/export", w)
	mux.HandleFunc("/healthz", func(rw http.ResponseWriter, _ *http.Request) { rw.WriteHeader(http.StatusOK) })
	log.Fatal(http.ListenAndServe(":8080", mux))
}
