// llm-proxy fronts the internal model provider for notebook users and adds the
// shared provider API key on the way out.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"runtime/debug"
	"time"
)

type proxy struct {
	upstream   string
	apiKey     string
	sessionKey []byte
	client     *http.Client
}

func (p *proxy) sessionFor(caller string) string {
	mac := hmac.New(sha256.New, p.sessionKey)
	mac.Write([]byte(caller))
	return hex.EncodeToString(mac.Sum(nil))
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	log.Printf("proxying request: %+v", r) // Noncompliant THC002
	log.Printf("proxy %s %s req=%s", r.Method, r.URL.Path, r.Header.Get("X-Request-Id"))

	defer func() {
		if rec := recover(); rec != nil {
			log.Printf("panic in proxy: %v", rec)
			http.Error(w, fmt.Sprintf("internal error: %v\n%s", rec, debug.Stack()), http.StatusInternalServerError) // Noncompliant THC003
		}
	}()

	caller := r.Header.Get("Authorization")
	if caller == "" {
		http.Error(w, "missing credentials", http.StatusUnauthorized)
		return
	}
	log.Printf("caller credential: %s", caller) // Noncompliant THC001
	sum := sha256.Sum256([]byte(caller))
	log.Printf("caller fingerprint %s", hex.EncodeToString(sum[:6]))

	out, err := http.NewRequestWithContext(r.Context(), http.MethodPost, p.upstream+"/v1/chat/completions", r.Body)
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	out.Header.Set("Content-Type", "application/json")
	out.Header.Set("Authorization", "Bearer "+p.apiKey)

	resp, err := p.client.Do(out)
	if err != nil {
		log.Printf("upstream error: %v", err)
		http.Error(w, "upstream unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()

	http.SetCookie(w, &http.Cookie{Name: "llm_session", Value: p.sessionFor(caller), Path: "/"}) // Noncompliant THC007
	http.SetCookie(w, &http.Cookie{
		Name:     "llm_affinity",
		Value:    p.sessionFor(caller + "|affinity"),
		Path:     "/",
		HttpOnly: true,
		Secure:   true,
		SameSite: http.SameSiteStrictMode,
	})
	w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
	w.WriteHeader(resp.StatusCode)
	if _, err := io.Copy(w, resp.Body); err != nil {
		log.Printf("copy response: %v", err)
	}
}

func main() {
	p := &proxy{
		upstream:   os.Getenv("UPSTREAM_URL"),
		apiKey:     os.Getenv("PROVIDER_API_KEY"),
		sessionKey: []byte(os.Getenv("SESSION_HMAC_KEY")),
		client:     &http.Client{Timeout: 120 * time.Second},
	}
	log.Printf("llm-proxy listening, upstream=%s key set=%t", p.upstream, p.apiKey != "")
	log.Fatal(http.ListenAndServe(":8080", p))
}
