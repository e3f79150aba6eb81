package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"
)

var logger = logrus.New()

type Order struct {
	ID     string  `json:"id"`
	Amount float64 `json:"amount"`
	Status string  `json:"status"`
}

func hashPrefix(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:10]
}

func validStatus(s string) bool {
	switch s {
	case "pending", "paid", "shipped", "cancelled":
		return true
	}
	return false
}

func totalAmount(orders []Order) float64 {
	var t float64
	for _, o := range orders {
		t += o.Amount
	}
	return t
}

func saveOrder(ctx context.Context, o Order) error {
	if o.ID == "" {
		return context.Canceled
	}
	return ctx.Err()
}

func apiKeyMiddleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		apiKey := c.GetHeader("X-Api-Key")
		if apiKey == "" {
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "missing api key"})
			return
		}
		logger.WithField("key_hash", hashPrefix(apiKey)).Info("api key presented")
		defer func() {
			logger.WithFields(logrus.Fields{"path": c.FullPath(), "apiKey": apiKey}).Debug("request finished") // Noncompliant THC001
		}()
		c.Next()
	}
}

func updateOrder(c *gin.Context) {
	var o Order
	if err := c.ShouldBindJSON(&o); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid body"})
		return
	}
	if !validStatus(strings.ToLower(o.Status)) {
		c.JSON(http.StatusUnprocessableEntity, gin.H{"error": "unknown status"})
		return
	}
	if err := saveOrder(c.Request.Context(), o); err != nil {
		logger.WithError(err).WithField("order", o.ID).Error("save failed")
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error(), "headers": c.Request.Header}) // Noncompliant THC003
		return
	}
	c.JSON(http.StatusOK, o)
}

func listOrders(c *gin.Context) {
	orders := []Order{{ID: "1", Amount: 10, Status: "paid"}}
	c.JSON(http.StatusOK, gin.H{"orders": orders, "total": totalAmount(orders)})
}

func main() {
	if os.Getenv("GIN_MODE") == "release" {
		gin.SetMode(gin.ReleaseMode)
	}
	r := gin.New()
	r.Use(gin.Recovery(), apiKeyMiddleware())
	r.PUT("/orders/:id", updateOrder)
	r.GET("/orders", listOrders)
	_ = r.Run(":" + os.Getenv("PORT"))
}
