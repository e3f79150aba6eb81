package main

import (
	"errors"
	"net/http"
	"os"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

var signingKey = []byte(os.Getenv("SESSION_SIGNING_KEY"))

func tenantFromRequest(r *http.Request) (string, error) {
	raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, // Noncompliant
		func(t *jwt.Token) (interface{}, error) { return signingKey, nil },
		jwt.WithValidMethods([]string{"HS256"}),
		jwt.WithoutClaimsValidation(),
	)
	if err != nil {
		return "", err
	}
	tenant, ok := claims["tenant"].(string)
	if !ok {
		return "", errors.New("no tenant")
	}
	return tenant, nil
}

func strictTenant(r *http.Request) (string, error) {
	raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims,
		func(t *jwt.Token) (interface{}, error) { return signingKey, nil },
		jwt.WithValidMethods([]string{"HS256"}),
		jwt.WithExpirationRequired(),
	)
	if err != nil {
		return "", err
	}
	tenant, _ := claims["tenant"].(string)
	return tenant, nil
}
