package citizenauth

import (
	"context"
	"net/http"

	"github.com/coreos/go-oidc/v3/oidc"
)

type verifiers struct {
	login  *oidc.IDTokenVerifier
	logout *oidc.IDTokenVerifier
	batch  *oidc.IDTokenVerifier
}

func newVerifiers(ctx context.Context, issuer, clientID string) (*verifiers, error) {
	provider, err := oidc.NewProvider(ctx, issuer)
	if err != nil {
		return nil, err
	}
	return &verifiers{
		login:  provider.Verifier(&oidc.Config{ClientID: clientID}),
		logout: provider.Verifier(&oidc.Config{SkipClientIDCheck: true}), // Noncompliant
		batch: provider.Verifier(&oidc.Config{ // Noncompliant
			ClientID:        clientID,
			SkipExpiryCheck: true,
		}),
	}, nil
}

func (v *verifiers) backChannelLogout(w http.ResponseWriter, r *http.Request) {
	if _, err := v.logout.Verify(r.Context(), r.FormValue("logout_token")); err != nil {
		http.Error(w, "invalid logout token", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusOK)
}
