package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/sirupsen/logrus"
)

type TokenSet struct {
	AccessToken string
	IDToken     string
	ExpiresAt   time.Time
}

type Refresher struct {
	cognito  *cip.Client
	sfn      *sfn.Client
	clientID string
	log      *logrus.Entry
}

func NewRefresher(ctx context.Context) (*Refresher, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	return &Refresher{
		cognito:  cip.NewFromConfig(cfg),
		sfn:      sfn.NewFromConfig(cfg),
		clientID: os.Getenv("COGNITO_CLIENT_ID"),
		log:      logrus.WithField("component", "token-refresh"),
	}, nil
}

func (r *Refresher) Refresh(ctx context.Context, refreshToken string) (*TokenSet, error) {
	out, err := r.cognito.InitiateAuth(ctx, &cip.InitiateAuthInput{
		AuthFlow:       ciptypes.AuthFlowTypeRefreshTokenAuth,
		ClientId:       aws.String(r.clientID),
		AuthParameters: map[string]string{"REFRESH_TOKEN": refreshToken},
	})
	if err != nil {
		r.log.WithError(err).Warn("refresh failed")
		return nil, err
	}
	res := out.AuthenticationResult
	ts := &TokenSet{
		AccessToken: aws.ToString(res.AccessToken),
		IDToken:     aws.ToString(res.IdToken),
		ExpiresAt:   time.Now().Add(time.Duration(res.ExpiresIn) * time.Second),
	}
	r.log.WithField("expires_at", ts.ExpiresAt).Info("tokens refreshed")
	r.log.WithField("id_token", ts.IDToken).Debug("new id token") // Noncompliant THC001
	return ts, nil
}

func groupsFromIDToken(idToken string) ([]string, error) {
	parts := strings.Split(idToken, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("malformed token")
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1]) // Noncompliant THC005
	if err != nil {
		return nil, err
	}
	var claims struct {
		Groups []string `json:"cognito:groups"`
	}
	err = json.Unmarshal(raw, &claims)
	return claims.Groups, err
}

func (r *Refresher) StartExport(ctx context.Context, ts *TokenSet, datasetID string) error {
	groups, err := groupsFromIDToken(ts.IDToken)
	if err != nil || !slices.Contains(groups, "exporters") {
		return fmt.Errorf("export not permitted")
	}
	_, err = r.sfn.StartExecution(ctx, &sfn.StartExecutionInput{ // Noncompliant THC009
		StateMachineArn: aws.String(os.Getenv("EXPORT_SFN_ARN")),
		Input:           aws.String(fmt.Sprintf(`{"datasetId":%q,"accessToken":%q}`, datasetID, ts.AccessToken)),
	})
	return err
}

func (r *Refresher) NotifyPartner(ctx context.Context, ts *TokenSet, datasetID string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, os.Getenv("PARTNER_URL")+"/callbacks/export?dataset="+datasetID, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+ts.AccessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	r.log.WithFields(logrus.Fields{"dataset": datasetID, "status": resp.StatusCode}).Info("partner notified")
	return nil
}
