package api

import (
	"github.com/aws/aws-lambda-go/events"
	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
	"context"
)

var logger, _ = zap.NewProduction()

func requestLogger() gin.HandlerFunc {
	return func(c *gin.Context) {
		logger.Info("request", zap.String("method", c.Request.Method), zap.String("path", c.Request.URL.Path))
		logger.Debug("request headers", zap.Any("headers", c.Request.Header)) // Noncompliant
		c.Next()
	}
}

type relay struct{}

func (r *relay) handle(ctx context.Context, event events.SQSEvent) (events.SQSEventResponse, error) {
	logrus.WithField("event", event).Debug("received SQS batch") // Noncompliant
	logrus.WithField("records", len(event.Records)).Info("batch size")
	return events.SQSEventResponse{}, nil
}
