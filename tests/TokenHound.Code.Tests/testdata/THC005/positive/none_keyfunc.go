package auth

import (
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

type Server struct {
	keyFn jwt.Keyfunc
}

func (s *Server) withAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		// a key function that answers alg "none" with UnsafeAllowNoneSignatureType accepts unsigned tokens
		token, err := jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) { // Noncompliant
			if t.Method == jwt.SigningMethodNone {
				return jwt.UnsafeAllowNoneSignatureType, nil
			}
			return s.keyFn(t)
		})
		if err != nil || !token.Valid {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// issuing unsigned tokens
func Issue(claims jwt.MapClaims) (string, error) {
	return jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType) // Noncompliant
}
