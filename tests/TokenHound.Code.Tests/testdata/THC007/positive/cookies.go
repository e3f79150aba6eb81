package web

import "net/http"

func setSession(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{ // Noncompliant
		Name:  "session",
		Value: token,
		Path:  "/",
	})
}
