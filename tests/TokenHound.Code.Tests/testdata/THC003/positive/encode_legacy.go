// Package legacyapi: account endpoints from the net/http days, some of them already moved to gin.
package legacyapi

import (
	"encoding/json"
	"net/http"
	"runtime/debug"

	"github.com/gin-gonic/gin"
)

type signupBody struct {
	Email    string `json:"email" binding:"required"`
	Password string `json:"password" binding:"required"`
}

type accounts interface {
	Create(email, password string) (string, error)
}

type api struct {
	store accounts
}

// errorEncoder is registered as the transport's error encoder.
func errorEncoder(err error, w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusInternalServerError)
	json.NewEncoder(w).Encode(map[string]string{"error": err.Error(), "stack": string(debug.Stack())}) // Noncompliant THC003
}

func (a *api) signupV1(w http.ResponseWriter, r *http.Request) {
	var body signupBody
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	id, err := a.store.Create(body.Email, body.Password)
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		json.NewEncoder(w).Encode(map[string]interface{}{"error": err.Error(), "request": body}) // Noncompliant THC003
		return
	}
	json.NewEncoder(w).Encode(map[string]string{"id": id})
}

func (a *api) signupV2(c *gin.Context) {
	var body signupBody
	if err := c.ShouldBindJSON(&body); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid body"})
		return
	}
	id, err := a.store.Create(body.Email, body.Password)
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error(), "request": body}) // Noncompliant THC003
		return
	}
	c.JSON(http.StatusCreated, gin.H{"id": id, "email": body.Email})
}

func (a *api) signupV3(c *gin.Context) {
	var body signupBody
	if err := c.ShouldBindJSON(&body); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid body"})
		return
	}
	if _, err := a.store.Create(body.Email, body.Password); err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error", "email": body.Email})
		return
	}
	c.Status(http.StatusCreated)
}
