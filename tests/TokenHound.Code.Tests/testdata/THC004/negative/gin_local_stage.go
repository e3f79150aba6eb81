package main

import (
	"log"
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
)

type exportRequest struct {
	Dataset string `json:"dataset" binding:"required"`
	Day     string `json:"day" binding:"required"`
}

// The reporting API runs in Lambda behind API Gateway; developers run it with `STAGE=local go run .`.
func main() {
	isLocal := os.Getenv("STAGE") == "local"
	if isLocal {
		gin.SetMode(gin.DebugMode)
	} else {
		gin.SetMode(gin.ReleaseMode)
	}

	r := gin.New()
	r.Use(gin.Recovery())
	r.POST("/exports", func(c *gin.Context) {
		var req exportRequest
		if err := c.ShouldBindJSON(&req); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": "dataset and day are required"})
			return
		}
		c.JSON(http.StatusAccepted, gin.H{"dataset": req.Dataset, "day": req.Day})
	})
	if err := r.Run(":8080"); err != nil {
		log.Fatal(err)
	}
}
