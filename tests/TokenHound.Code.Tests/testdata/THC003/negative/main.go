package main

import (
	"encoding/json"
	"log"
	"net/http"
)

func tokenInfo(w http.ResponseWriter, r *http.Request) {
	token := r.Header.Get("Authorization")
	claims, err := introspect(token)
	if err != nil {
		log.Printf("introspection failed: %v", err)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if err := json.NewEncoder(w).Encode(claims); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
