package auth

import "github.com/golang-jwt/jwt/v5"

func Verify(tokenString string, key []byte) (*jwt.Token, error) {
	parser := jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation()) // Noncompliant
	return parser.Parse(tokenString, func(t *jwt.Token) (interface{}, error) { return key, nil })
}
