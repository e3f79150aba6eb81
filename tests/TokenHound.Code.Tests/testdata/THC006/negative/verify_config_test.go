package oidc

import "testing"

// go-oidc's own tests build its Config directly to exercise each check.
func TestVerifyWithoutClaimChecks(t *testing.T) {
	tests := []struct {
		name   string
		config Config
	}{
		{name: "no client id", config: Config{SkipClientIDCheck: true, SkipExpiryCheck: true}},
		{name: "skip issuer", config: Config{SkipIssuerCheck: true, SkipClientIDCheck: true}},
	}
	for _, tc := range tests {
		if tc.config.ClientID != "" {
			t.Fatalf("%s: unexpected client id", tc.name)
		}
	}
}
