package jwt

import (
	"strings"
)

// ParseWithClaims parses the token and then verifies its signature with the key from keyFunc: ParseUnverified is
// only its first step (this is how golang-jwt itself is written).
func (p *Parser) ParseWithClaims(tokenString string, claims Claims, keyFunc Keyfunc) (*Token, error) {
	token, parts, err := p.ParseUnverified(tokenString, claims)
	if err != nil {
		return token, err
	}

	key, err := keyFunc(token)
	if err != nil {
		return token, &ValidationError{Inner: err, Errors: ValidationErrorUnverifiable}
	}

	token.Signature = parts[2]
	if err = token.Method.Verify(strings.Join(parts[0:2], "."), token.Signature, key); err != nil {
		return token, &ValidationError{Inner: err, Errors: ValidationErrorSignatureInvalid}
	}

	token.Valid = true
	return token, nil
}
