package auth

import (
	"github.com/golang-jwt/jwt/v5"
)

func SubjectOf(tokenString string, key []byte) (string, error) {
	token, err := jwt.Parse(tokenString, func(t *jwt.Token) (interface{}, error) {
		return key, nil
	}, jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer("https://auth.example.com"))
	if err != nil {
		return "", err
	}
	return token.Claims.GetSubject()
}
