// Package legacyweb: login for the PHP admin pages and the new Go pages.
package legacyweb

import (
	"net/http"
	"time"
)

type sessions interface {
	New(user string) (string, error)
}

type server struct {
	store sessions
}

func (s *server) login(w http.ResponseWriter, r *http.Request) {
	user := r.PostFormValue("username")
	legacySID, err := s.store.New(user)
	if err != nil {
		http.Error(w, "login failed", http.StatusInternalServerError)
		return
	}
	sid, _ := s.store.New(user)
	// the PHP admin pages read this one from JavaScript, so no HttpOnly
	http.SetCookie(w, &http.Cookie{Name: "legacy_session", Value: legacySID, Path: "/", Expires: time.Now().Add(8 * time.Hour)}) // Noncompliant THC007
	http.SetCookie(w, &http.Cookie{Name: "admin_sid", Value: sid, Path: "/admin", MaxAge: 3600}) // Noncompliant THC007
	http.SetCookie(w, &http.Cookie{Name: "session", Value: sid, Path: "/", MaxAge: 8 * 3600, HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	http.SetCookie(w, &http.Cookie{Name: "session_theme", Value: r.PostFormValue("theme"), Path: "/", MaxAge: 86400 * 365})
	w.WriteHeader(http.StatusNoContent)
}
