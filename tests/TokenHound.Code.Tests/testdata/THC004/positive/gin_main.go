package main

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func main() {
	// in debug mode gin's Recovery middleware logs the whole request, Cookie and X-Api-Key headers included, with each panic
	gin.SetMode(gin.DebugMode) // Noncompliant
	r := gin.New()
	r.Use(gin.Logger(), gin.Recovery())
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	_ = r.Run(":8080")
}
