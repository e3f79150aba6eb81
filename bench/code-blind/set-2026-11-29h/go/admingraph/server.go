// Command admingraph serves the internal tenant-admin GraphQL API (gqlgen on gin).
package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"example.com/platform/admingraph/graph"
)

type ctxKey string

const callerKey ctxKey = "caller"

type Caller struct {
	Subject string
	Groups  []string
}

func (c Caller) IsAdmin() bool {
	for _, g := range c.Groups {
		if g == "platform-admins" {
			return true
		}
	}
	return false
}

func callerFromRequest(r *http.Request) (*Caller, error) {
	raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(raw, claims); err != nil { // Noncompliant THC005
		return nil, err
	}
	sub, _ := claims.GetSubject()
	caller := &Caller{Subject: sub}
	if groups, ok := claims["groups"].([]any); ok {
		for _, g := range groups {
			if s, ok := g.(string); ok {
				caller.Groups = append(caller.Groups, s)
			}
		}
	}
	return caller, nil
}

func authMiddleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		reqID := c.GetHeader("X-Request-Id")
		log.Printf("graphql request id=%s headers=%v", reqID, c.Request.Header) // Noncompliant THC002
		caller, err := callerFromRequest(c.Request)
		if err != nil {
			log.Printf("rejecting request id=%s: unparsable bearer (%d bytes)", reqID, len(c.GetHeader("Authorization")))
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "unauthorized"})
			return
		}
		if !caller.IsAdmin() {
			log.Printf("non-admin caller %s denied, authorization=%s", caller.Subject, c.GetHeader("Authorization")) // Noncompliant THC001
			c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"error": "forbidden", "requestId": reqID})
			return
		}
		c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), callerKey, caller))
		c.Next()
	}
}

func main() {
	gin.SetMode(gin.DebugMode) // Noncompliant THC004
	r := gin.New()
	r.Use(gin.Logger(), gin.Recovery())

	srv := handler.NewDefaultServer(graph.NewExecutableSchema(graph.Config{Resolvers: graph.NewResolver()}))
	srv.SetErrorPresenter(func(ctx context.Context, e error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, e)
		log.Printf("graphql error on %s: %v", gqlErr.Path, e)
		gqlErr.Message = "internal error"
		return gqlErr
	})

	r.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	r.POST("/query", authMiddleware(), gin.WrapH(srv))

	addr := ":" + os.Getenv("PORT")
	if addr == ":" {
		addr = ":8080"
	}
	log.Printf("admingraph listening on %s", addr)
	log.Fatal(r.Run(addr))
}
