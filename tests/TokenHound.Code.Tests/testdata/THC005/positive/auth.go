package auth

import (
	"errors"

	"github.com/golang-jwt/jwt/v5"
)

func SubjectOf(tokenString string) (string, error) {
	token, _, err := jwt.NewParser().ParseUnverified(tokenString, jwt.MapClaims{}) // Noncompliant
	if err != nil {
		return "", err
	}
	claims, ok := token.Claims.(jwt.MapClaims)
	if !ok {
		return "", errors.New("bad claims")
	}
	return claims["sub"].(string), nil
}

func Accept(tokenString string) (*jwt.Token, error) {
	return jwt.Parse(tokenString, func(t *jwt.Token) (interface{}, error) { // Noncompliant
		return jwt.UnsafeAllowNoneSignatureType, nil
	})
}
