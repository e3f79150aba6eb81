// Command portingapi is the dealer-facing number-porting API (gin). Dealers
// submit port-in requests; status is polled from the national clearing house.
package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"
	"go.uber.org/zap"
)

type portRequest struct {
	MSISDN       string `json:"msisdn" binding:"required"`
	DonorCarrier string `json:"donorCarrier" binding:"required"`
	AccountRef   string `json:"accountRef"`
}

type dealerClaims struct {
	DealerID string   `json:"dealer_id"`
	Roles    []string `json:"roles"`
	jwt.RegisteredClaims
}

type server struct {
	log           *zap.Logger
	clearingURL   string
	clearingToken string
	http          *http.Client
}

func hasRole(roles []string, want string) bool {
	for _, r := range roles {
		if r == want {
			return true
		}
	}
	return false
}

func (s *server) dealerFromRequest(c *gin.Context) (*dealerClaims, bool) {
	raw := c.GetHeader("Authorization")
	if len(raw) < 8 {
		return nil, false
	}
	claims := &dealerClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(raw[7:], claims); err != nil { // Noncompliant THC005
		return nil, false
	}
	return claims, hasRole(claims.Roles, "porting")
}

func (s *server) createPort(c *gin.Context) {
	dealer, ok := s.dealerFromRequest(c)
	if !ok {
		c.JSON(http.StatusForbidden, gin.H{"message": "porting role required"})
		return
	}
	var req portRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"message": "invalid port request"})
		return
	}
	portID := "PRT-" + time.Now().UTC().Format("20060102150405")
	s.log.Info("port-in submitted", zap.String("portId", portID), zap.String("dealer", dealer.DealerID), zap.String("donor", req.DonorCarrier))

	session := c.GetHeader("Authorization")[7:]
	c.SetCookie("porting_session", session, 3600, "/ports", "", false, false) // Noncompliant THC007
	c.SetSameSite(http.SameSiteStrictMode)
	c.SetCookie("porting_last_port", portID, 3600, "/ports", "", true, true)
	c.JSON(http.StatusAccepted, gin.H{"portId": portID})
}

func (s *server) portStatus(c *gin.Context) {
	portID := c.Param("id")
	q := url.Values{"port_id": {portID}}
	resp, err := s.http.Get(s.clearingURL + "/v1/port-status?" + q.Encode() + "&access_token=" + s.clearingToken) // Noncompliant THC009
	if err != nil {
		s.log.Warn("clearing house unreachable", zap.String("portId", portID), zap.Int("tokenLen", len(s.clearingToken)))
		c.JSON(http.StatusBadGateway, gin.H{"message": "clearing house unavailable", "portId": portID})
		return
	}
	defer resp.Body.Close()
	var status map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&status); err != nil {
		c.JSON(http.StatusBadGateway, gin.H{"message": "unexpected clearing house response"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"portId": portID, "state": status["state"]})
}

func main() {
	logger, _ := zap.NewProduction()
	defer logger.Sync()

	if os.Getenv("STAGE") == "dev" {
		gin.SetMode(gin.DebugMode)
	} else {
		gin.SetMode(gin.ReleaseMode)
	}

	s := &server{
		log:           logger,
		clearingURL:   os.Getenv("CLEARING_HOUSE_URL"),
		clearingToken: os.Getenv("CLEARING_HOUSE_TOKEN"),
		http:          &http.Client{Timeout: 10 * time.Second},
	}
	r := gin.New()
	r.Use(gin.Recovery())
	r.POST("/ports", s.createPort)
	r.GET("/ports/:id", s.portStatus)
	if err := r.Run(":8080"); err != nil {
		logger.Fatal("server stopped", zap.Error(err))
	}
}
