package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log"
	"os"
	"path"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"go.uber.org/zap"
)

type uploadService struct {
	presigner  *s3.PresignClient
	quarantine *s3.Client
	bucket     string
	log        *zap.Logger
}

func newUploadService(ctx context.Context, logger *zap.Logger) (*uploadService, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	staticProvider := credentials.NewStaticCredentialsProvider("AKIAZ7FAKEM6SF5HA3YC", "FAKEquarantineSecret4Gh7Tc2Wx6Bv5Lp3Qz", "") // Noncompliant THC008
	qcfg := cfg.Copy()
	qcfg.Credentials = aws.NewCredentialsCache(staticProvider)
	return &uploadService{
		presigner:  s3.NewPresignClient(s3.NewFromConfig(cfg)),
		quarantine: s3.NewFromConfig(qcfg),
		bucket:     os.Getenv("UPLOAD_BUCKET"),
		log:        logger,
	}, nil
}

func randomToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (u *uploadService) createUpload(c *fiber.Ctx) error {
	tenantID, _ := c.Locals("tenant_id").(string)
	name := path.Base(strings.ReplaceAll(c.Query("filename", "upload.bin"), "\\", "/"))
	key := path.Join(tenantID, uuid.NewString(), name)
	req, err := u.presigner.PresignPutObject(c.UserContext(), &s3.PutObjectInput{
		Bucket: aws.String(u.bucket),
		Key:    aws.String(key),
	}, s3.WithPresignExpires(15*time.Minute))
	if err != nil {
		u.log.Error("presign failed", zap.String("tenant_id", tenantID), zap.Error(err))
		return fiber.NewError(fiber.StatusInternalServerError, "could not create upload")
	}
	uploadToken := randomToken()
	u.log.Info("upload created", zap.String("tenant_id", tenantID), zap.String("key", key), zap.String("upload_token", uploadToken)) // Noncompliant THC001
	u.log.Debug("presigned url issued", zap.String("key", key), zap.Int("token_len", len(uploadToken)))
	c.Cookie(&fiber.Cookie{Name: "upload_session", Value: uploadToken, Path: "/uploads", Expires: time.Now().Add(15 * time.Minute), Secure: true, SameSite: fiber.CookieSameSiteLaxMode}) // Noncompliant THC007
	return c.JSON(fiber.Map{"upload_url": req.URL, "method": req.Method, "key": key, "expires_in": 900})
}

func (u *uploadService) quarantineUpload(c *fiber.Ctx) error {
	key := c.Params("*")
	_, err := u.quarantine.CopyObject(c.UserContext(), &s3.CopyObjectInput{
		Bucket:     aws.String(u.bucket + "-quarantine"),
		CopySource: aws.String(u.bucket + "/" + key),
		Key:        aws.String(key),
	})
	if err != nil {
		u.log.Warn("quarantine copy failed", zap.String("key", key), zap.Error(err))
		return c.Status(fiber.StatusBadGateway).JSON(fiber.Map{"error": "quarantine_failed", "request_id": c.GetRespHeader(fiber.HeaderXRequestID)})
	}
	return c.SendStatus(fiber.StatusAccepted)
}

func main() {
	logger, _ := zap.NewProduction()
	defer func() { _ = logger.Sync() }()
	svc, err := newUploadService(context.Background(), logger)
	if err != nil {
		log.Fatalf("aws config: %v", err)
	}
	app := fiber.New(fiber.Config{BodyLimit: 1 << 20})
	app.Use(func(c *fiber.Ctx) error {
		tenant := c.Get("X-Tenant-Id")
		if tenant == "" {
			return fiber.ErrUnauthorized
		}
		c.Locals("tenant_id", tenant)
		return c.Next()
	})
	app.Post("/uploads", svc.createUpload)
	app.Post("/uploads/quarantine/*", svc.quarantineUpload)
	log.Fatal(app.Listen(":8080"))
}
