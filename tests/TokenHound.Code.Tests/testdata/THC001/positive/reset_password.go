package main

import (
	"crypto/rand"
	"encoding/base64"
	"log"
)

func randomPassword() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "Tmp!" + base64.RawURLEncoding.EncodeToString(b)
}

// a value from a function named for what it makes (randomPassword) is that value
func resetUser(user string) {
	tmp := randomPassword()
	log.Printf("reset %s, temporary password: %s", user, tmp) // Noncompliant
	log.Printf("reset %s, temporary password of %d chars", user, len(tmp))
}
