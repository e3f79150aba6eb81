package auth

import (
	"errors"

	"github.com/golang-jwt/jwt/v5"
)

// The usual guard: a key function that rejects alg "none" compares the method with jwt.SigningMethodNone.
func Parse(raw string, key []byte) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		if t.Method == jwt.SigningMethodNone {
			return nil, errors.New("unsigned tokens are not accepted")
		}
		if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
			return nil, errors.New("unexpected signing method")
		}
		return key, nil
	}, jwt.WithValidMethods([]string{"HS256"}))
}
