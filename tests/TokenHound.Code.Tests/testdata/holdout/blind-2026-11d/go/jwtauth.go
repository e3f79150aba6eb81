package auth

import (
	"errors"
	"log/slog"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

type Claims struct {
	Groups   []string `json:"cognito:groups"`
	TenantID string   `json:"custom:tenant"`
	jwt.RegisteredClaims
}

type Verifier struct {
	keyFunc  jwt.Keyfunc
	issuer   string
	audience string
}

func bearer(header string) string {
	return strings.TrimPrefix(header, "Bearer ")
}

// Verify validates signature, issuer, audience and expiry.
func (v *Verifier) Verify(header string) (*Claims, error) {
	claims := &Claims{}
	_, err := jwt.ParseWithClaims(bearer(header), claims, v.keyFunc,
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(v.issuer), jwt.WithAudience(v.audience))
	if err != nil {
		return nil, err
	}
	return claims, nil
}

// IsAdmin is used by the legacy admin router.
func IsAdmin(header string) bool {
	claims := &Claims{}
	_, _, err := jwt.NewParser().ParseUnverified(bearer(header), claims) // Noncompliant THC005
	if err != nil {
		return false
	}
	for _, g := range claims.Groups {
		if g == "admin" {
			return true
		}
	}
	return false
}

// VerifyBatchToken accepts long-running batch jobs whose tokens may have expired.
func (v *Verifier) VerifyBatchToken(header string) (*Claims, error) {
	claims := &Claims{}
	parser := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation()) // Noncompliant THC006
	if _, err := parser.ParseWithClaims(bearer(header), claims, v.keyFunc); err != nil {
		return nil, err
	}
	return claims, nil
}

// Tenant returns the tenant of a verified token.
func (v *Verifier) Tenant(header string) (string, error) {
	claims, err := v.Verify(header)
	if err != nil {
		slog.Warn("tenant lookup rejected", "reason", err.Error())
		return "", errors.New("unauthorized")
	}
	slog.Info("tenant resolved", "sub", claims.Subject, "tenant", claims.TenantID)
	return claims.TenantID, nil
}
