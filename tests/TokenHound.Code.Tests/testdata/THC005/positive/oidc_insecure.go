package citizenauth

import (
	"context"
	"net/http"

	"github.com/coreos/go-oidc/v3/oidc"
)

// previewVerifier reads ID tokens from the staging IdP, whose keys rotate without notice.
func previewVerifier(ctx context.Context, issuer, clientID string) (*oidc.IDTokenVerifier, error) {
	provider, err := oidc.NewProvider(ctx, issuer)
	if err != nil {
		return nil, err
	}
	return provider.Verifier(&oidc.Config{ClientID: clientID, InsecureSkipSignatureCheck: true}), nil // Noncompliant
}

func subject(ctx context.Context, v *oidc.IDTokenVerifier, r *http.Request) (string, error) {
	tok, err := v.Verify(ctx, r.Header.Get("X-Id-Token"))
	if err != nil {
		return "", err
	}
	return tok.Subject, nil
}
