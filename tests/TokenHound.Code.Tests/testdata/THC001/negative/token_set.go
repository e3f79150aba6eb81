package auth

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/sirupsen/logrus"
)

type TokenSet struct {
	AccessToken string
	IDToken     string
	ExpiresAt   time.Time
}

type Refresher struct {
	cognito  *cip.Client
	clientID string
	log      *logrus.Entry
}

// Refresh trades a refresh token for new tokens; only the expiry and the token type are logged.
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
	r.log.WithField("token_type", aws.ToString(res.TokenType)).Debug("token type")
	return ts, nil
}
