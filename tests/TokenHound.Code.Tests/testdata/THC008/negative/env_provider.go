package credentials

import (
	"os"
	"testing"
)

// EnvProvider reads the keys from the environment, like the SDK's own provider: it hands them to whoever asks for
// credentials and builds no client, so it does not shadow an execution role.
type EnvProvider struct{ retrieved bool }

func (e *EnvProvider) Retrieve() (Value, error) {
	e.retrieved = false
	id := os.Getenv("AWS_ACCESS_KEY_ID")
	secret := os.Getenv("AWS_SECRET_ACCESS_KEY")
	if id == "" || secret == "" {
		return Value{}, ErrAccessKeyIDNotFound
	}

	e.retrieved = true
	return Value{
		AccessKeyID:     id,
		SecretAccessKey: secret,
		SessionToken:    os.Getenv("AWS_SESSION_TOKEN"),
		ProviderName:    EnvProviderName,
	}, nil
}

// A test table of expected values: labels, not keys, and never given to a client.
func TestSharedConfig(t *testing.T) {
	cases := []struct {
		Profile  string
		Expected Value
	}{
		{Profile: "full_profile", Expected: Value{AccessKeyID: "full_profile_akid", SecretAccessKey: "full_profile_secret"}},
		{Profile: "web_identity", Expected: Value{AccessKeyID: "access-key-id", SecretAccessKey: "secret-access-key"}},
	}
	for _, c := range cases {
		got, err := load(c.Profile)
		if err != nil || got != c.Expected {
			t.Errorf("%s: got %v", c.Profile, got)
		}
	}
}
