package main

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"runtime/debug"
	"sync"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

type signupRequest struct {
	Company  string `json:"company"`
	Email    string `json:"email"`
	Password string `json:"password"`
	Invite   string `json:"invite,omitempty"`
}

type inviteClaims struct {
	TenantID string `json:"tid"`
	Role     string `json:"role"`
	jwt.RegisteredClaims
}

type memStore struct {
	mu      sync.Mutex
	members map[string]map[string]string
}

func (m *memStore) CreateTenant(company, owner string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	id := uuid.NewString()
	m.members[id] = map[string]string{owner: "owner"}
	return id, nil
}

func (m *memStore) AddMember(tenantID, email, role string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	tenant, ok := m.members[tenantID]
	if !ok {
		return fmt.Errorf("tenant %s not found", tenantID)
	}
	tenant[email] = role
	return nil
}

type server struct {
	inviteKey  []byte
	sessionKey []byte
	store      *memStore
}

func (s *server) issueSession(tenantID, email string) (session, refresh string) {
	nonce := make([]byte, 24)
	_, _ = rand.Read(nonce)
	mac := hmac.New(sha256.New, s.sessionKey)
	mac.Write(append([]byte(tenantID+"|"+email+"|"), nonce...))
	return base64.RawURLEncoding.EncodeToString(append(nonce, mac.Sum(nil)...)), uuid.NewString()
}

func (s *server) parseInvite(raw string) (*inviteClaims, error) {
	parser := jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation()) // Noncompliant THC006
	claims := &inviteClaims{}
	_, err := parser.ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) { return s.inviteKey, nil })
	return claims, err
}

func (s *server) signup(w http.ResponseWriter, r *http.Request) {
	log.Printf("signup request: %+v", r) // Noncompliant THC002
	reqID := middleware.GetReqID(r.Context())
	var body signupRequest
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, `{"error":"invalid_body","request_id":"`+reqID+`"}`, http.StatusBadRequest)
		return
	}
	tenantID, role := "", "owner"
	var err error
	if body.Invite != "" {
		var inv *inviteClaims
		if inv, err = s.parseInvite(body.Invite); err == nil {
			tenantID, role = inv.TenantID, inv.Role
			err = s.store.AddMember(tenantID, body.Email, role)
		}
	} else {
		tenantID, err = s.store.CreateTenant(body.Company, body.Email)
	}
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "signup failed: %v\n%s", err, debug.Stack()) // Noncompliant THC003
		return
	}
	log.Printf("signup ok tenant=%s role=%s request_id=%s", tenantID, role, reqID)
	session, refresh := s.issueSession(tenantID, body.Email)
	http.SetCookie(w, &http.Cookie{Name: "tenant_session", Value: session, Path: "/", MaxAge: 8 * 3600}) // Noncompliant THC007
	http.SetCookie(w, &http.Cookie{Name: "refresh_token", Value: refresh, Path: "/auth/refresh", MaxAge: 30 * 86400, HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]string{"tenant_id": tenantID, "role": role})
}

func main() {
	store := &memStore{members: map[string]map[string]string{}}
	srv := &server{inviteKey: []byte(os.Getenv("INVITE_SIGNING_KEY")), sessionKey: []byte(os.Getenv("SESSION_SIGNING_KEY")), store: store}
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.RealIP, middleware.Recoverer)
	r.Post("/signup", srv.signup)
	log.Fatal(http.ListenAndServe(":"+os.Getenv("PORT"), r))
}
