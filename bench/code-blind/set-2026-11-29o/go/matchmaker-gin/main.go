// matchmaker-gin: GameLift FlexMatch ticket API and community tournament intake.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/gamelift"
	"github.com/aws/aws-sdk-go-v2/service/gamelift/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	"go.uber.org/zap"
)

type playerClaims struct {
	Role  string  `json:"role"`
	Skill float64 `json:"skill"`
	jwt.RegisteredClaims
}

type server struct {
	gl       *gamelift.Client
	q        *sqs.Client
	queueURL string
	mmConfig string
	log      *zap.Logger
	hmacKey  []byte
}

func bearer(c *gin.Context) string {
	return strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (s *server) requirePlayer(c *gin.Context) {
	claims := &playerClaims{}
	_, err := jwt.ParseWithClaims(bearer(c), claims, func(t *jwt.Token) (any, error) { return s.hmacKey, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer("arena-auth"), jwt.WithAudience("matchmaker"))
	if err != nil {
		c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "unauthorized"})
		return
	}
	c.Set("player", claims)
	c.Next()
}

func (s *server) requireTournamentHost(c *gin.Context) {
	claims := &playerClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(bearer(c), claims); err != nil { // Noncompliant THC005
		c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": "malformed token"})
		return
	}
	if claims.Role != "host" {
		c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"error": "hosts only"})
		return
	}
	c.Set("player", claims)
	c.Next()
}

func (s *server) startTicket(c *gin.Context) {
	p := c.MustGet("player").(*playerClaims)
	s.log.Info("matchmaking request", zap.String("player", p.Subject), zap.String("authorization", c.GetHeader("Authorization"))) // Noncompliant THC001
	ticketID := uuid.NewString()
	out, err := s.gl.StartMatchmaking(c.Request.Context(), &gamelift.StartMatchmakingInput{
		ConfigurationName: aws.String(s.mmConfig),
		TicketId:          aws.String(ticketID),
		Players: []types.Player{{
			PlayerId:         aws.String(p.Subject),
			PlayerAttributes: map[string]types.AttributeValue{"skill": {N: aws.Float64(p.Skill)}},
		}},
	})
	if err != nil {
		s.log.Error("start matchmaking failed", zap.String("ticket", ticketID), zap.Error(err))
		c.JSON(http.StatusBadGateway, gin.H{"error": "matchmaking unavailable", "ticketId": ticketID})
		return
	}
	s.log.Info("ticket created", zap.String("ticket", ticketID), zap.String("status", string(out.MatchmakingTicket.Status)))
	c.SetCookie("mm_session", randomToken(), 900, "/", "", false, false) // Noncompliant THC007
	c.JSON(http.StatusAccepted, gin.H{"ticketId": ticketID})
}

func (s *server) createTournament(c *gin.Context) {
	var req struct {
		Name    string `json:"name" binding:"required"`
		Bracket int    `json:"bracket" binding:"required,min=4,max=128"`
	}
	if err := c.ShouldBindJSON(&req); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid tournament"})
		return
	}
	id := "trn-" + uuid.NewString()
	host := c.MustGet("player").(*playerClaims)
	_, err := s.q.SendMessage(c.Request.Context(), &sqs.SendMessageInput{QueueUrl: aws.String(s.queueURL), MessageBody: aws.String(fmt.Sprintf(`{"tournamentId":%q,"name":%q,"bracket":%d,"hostToken":%q}`, id, req.Name, req.Bracket, bearer(c)))}) // Noncompliant THC009
	if err != nil {
		s.log.Error("queue tournament failed", zap.String("tournament", id), zap.Error(err))
		c.JSON(http.StatusBadGateway, gin.H{"error": "try again later"})
		return
	}
	s.log.Info("tournament queued", zap.String("tournament", id), zap.String("host", host.Subject))
	c.JSON(http.StatusCreated, gin.H{"tournamentId": id})
}

func main() {
	awsCfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatalf("aws config: %v", err)
	}
	logger, _ := zap.NewProduction()
	defer logger.Sync()

	s := &server{
		gl:       gamelift.NewFromConfig(awsCfg),
		q:        sqs.NewFromConfig(awsCfg),
		queueURL: os.Getenv("TOURNAMENT_QUEUE_URL"),
		mmConfig: os.Getenv("MATCHMAKING_CONFIG"),
		log:      logger,
		hmacKey:  []byte(os.Getenv("PLAYER_JWT_HMAC_KEY")),
	}
	r := gin.New()
	r.Use(gin.Recovery())
	r.POST("/tickets", s.requirePlayer, s.startTicket)
	r.POST("/tournaments", s.requireTournamentHost, s.createTournament)
	if err := r.Run(":" + os.Getenv("PORT")); err != nil {
		log.Fatal(err)
	}
}
