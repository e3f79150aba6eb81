package citizenauth

import (
	"context"

	"github.com/coreos/go-oidc/v3/oidc"
)

type verifiers struct {
	login  *oidc.IDTokenVerifier
	logout *oidc.IDTokenVerifier
}

func newVerifiers(ctx context.Context, issuer, clientID, brokerClientID string) (*verifiers, error) {
	provider, err := oidc.NewProvider(ctx, issuer)
	if err != nil {
		return nil, err
	}
	// logout tokens carry the broker's audience: verified against the broker's client id, every check on
	return &verifiers{
		login:  provider.Verifier(&oidc.Config{ClientID: clientID, SkipClientIDCheck: false}),
		logout: provider.Verifier(&oidc.Config{ClientID: brokerClientID, SkipExpiryCheck: false}),
	}, nil
}
