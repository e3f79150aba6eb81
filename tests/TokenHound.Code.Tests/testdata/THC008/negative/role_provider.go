package rolecreds

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Options of the provider: where the credentials endpoint is and how to call it.
type Options struct {
	Client   *http.Client
	Endpoint string
}

type Provider struct {
	options Options
}

type roleCredentials struct {
	AccessKeyID     string
	SecretAccessKey string
	Token           string
}

func fetchRoleCredentials(ctx context.Context, client *http.Client, endpoint, role string) (roleCredentials, error) {
	var rc roleCredentials
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/%s", endpoint, role), nil)
	resp, err := client.Do(req)
	if err != nil {
		return rc, err
	}
	defer resp.Body.Close()
	err = json.NewDecoder(resp.Body).Decode(&rc)
	return rc, err
}

// Client returns an S3 client with the role's temporary credentials from the container credentials endpoint.
func (p *Provider) Client(ctx context.Context, role string) (*s3.Client, error) {
	roleCreds, err := fetchRoleCredentials(ctx, p.options.Client, p.options.Endpoint, role)
	if err != nil {
		return nil, err
	}
	provider := credentials.NewStaticCredentialsProvider(roleCreds.AccessKeyID, roleCreds.SecretAccessKey, roleCreds.Token)
	return s3.New(s3.Options{Region: "eu-west-1", Credentials: aws.NewCredentialsCache(provider)}), nil
}
