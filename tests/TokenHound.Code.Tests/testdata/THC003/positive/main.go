package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"runtime/debug"
)

func tokenInfo(w http.ResponseWriter, r *http.Request) {
	token := r.Header.Get("Authorization")
	claims, err := introspect(token)
	if err != nil {
		http.Error(w, fmt.Sprintf("introspection failed for %s: %v", token, err), http.StatusUnauthorized) // Noncompliant
		return
	}
	json.NewEncoder(w).Encode(claims)
}

func panicky(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if rec := recover(); rec != nil {
			w.WriteHeader(http.StatusInternalServerError)
			w.Write(debug.Stack()) // Noncompliant
		}
	}()
	doWork(r.Context())
}
