// shadowbridge relays telemetry from the legacy on-prem MQTT broker into AWS IoT device shadows
// and exposes a small HTTP API for writing desired state back to the hubs.
package main

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iotdataplane"
	mqtt "github.com/eclipse/paho.mqtt.golang"
)

type bridgeConfig struct {
	Broker       string
	MQTTUser     string
	MQTTPassword string
	IoTEndpoint  string
	Listen       string
	APIKeyHash   [32]byte
}

func loadConfig() bridgeConfig {
	return bridgeConfig{
		Broker:       os.Getenv("MQTT_BROKER"),
		MQTTUser:     os.Getenv("MQTT_USER"),
		MQTTPassword: os.Getenv("MQTT_PASSWORD"),
		IoTEndpoint:  os.Getenv("IOT_DATA_ENDPOINT"),
		Listen:       envOr("LISTEN_ADDR", ":8088"),
		APIKeyHash:   sha256.Sum256([]byte(os.Getenv("BRIDGE_API_KEY"))),
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

type bridge struct {
	cfg    bridgeConfig
	shadow *iotdataplane.Client
	broker mqtt.Client
}

func newShadowClient(ctx context.Context, endpoint string) (*iotdataplane.Client, error) {
	static := credentials.NewStaticCredentialsProvider(os.Getenv("BRIDGE_ACCESS_KEY_ID"), os.Getenv("BRIDGE_SECRET_ACCESS_KEY"), "") // Noncompliant THC008
	awsCfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(envOr("AWS_REGION", "eu-west-1")), config.WithCredentialsProvider(static))
	if err != nil {
		return nil, err
	}
	return iotdataplane.NewFromConfig(awsCfg, func(o *iotdataplane.Options) {
		o.BaseEndpoint = aws.String("https://" + endpoint)
	}), nil
}

func (b *bridge) onTelemetry(_ mqtt.Client, msg mqtt.Message) {
	parts := strings.Split(msg.Topic(), "/") // home/<thing>/telemetry
	if len(parts) != 3 {
		return
	}
	thing := parts[1]
	doc, _ := json.Marshal(map[string]any{"state": map[string]any{"reported": json.RawMessage(msg.Payload())}})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := b.shadow.UpdateThingShadow(ctx, &iotdataplane.UpdateThingShadowInput{ThingName: aws.String(thing), Payload: doc})
	log.Printf("shadow update for %s (%d bytes) err=%v", thing, len(doc), err)
}

func (b *bridge) connectBroker() error {
	opts := mqtt.NewClientOptions().
		AddBroker(b.cfg.Broker).
		SetClientID("shadow-bridge").
		SetUsername(b.cfg.MQTTUser).
		SetPassword(b.cfg.MQTTPassword).
		SetAutoReconnect(true)
	log.Printf("connecting to %s as %s (password=%s)", b.cfg.Broker, b.cfg.MQTTUser, b.cfg.MQTTPassword) // Noncompliant THC001
	b.broker = mqtt.NewClient(opts)
	if t := b.broker.Connect(); t.Wait() && t.Error() != nil {
		return t.Error()
	}
	sub := b.broker.Subscribe("home/+/telemetry", 1, b.onTelemetry)
	sub.Wait()
	return sub.Error()
}

func (b *bridge) authorized(r *http.Request) bool {
	got := sha256.Sum256([]byte(r.Header.Get("X-Bridge-Key")))
	return subtle.ConstantTimeCompare(got[:], b.cfg.APIKeyHash[:]) == 1
}

func (b *bridge) handleDesired(w http.ResponseWriter, r *http.Request) {
	log.Printf("desired-state request %s %s headers=%v", r.Method, r.URL.Path, r.Header) // Noncompliant THC002
	if !b.authorized(r) {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	thing := r.PathValue("thing")
	var desired map[string]any
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8<<10)).Decode(&desired); err != nil {
		http.Error(w, "invalid json", http.StatusBadRequest)
		return
	}
	body, _ := json.Marshal(map[string]any{"state": map[string]any{"desired": desired}})
	pub := b.broker.Publish(fmt.Sprintf("home/%s/desired", thing), 1, false, body)
	if pub.WaitTimeout(5*time.Second) && pub.Error() != nil {
		http.Error(w, fmt.Sprintf("publish to %s failed: %v (caller %s)", thing, pub.Error(), r.Header.Get("Authorization")), http.StatusBadGateway) // Noncompliant THC003
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func main() {
	cfg := loadConfig()
	shadow, err := newShadowClient(context.Background(), cfg.IoTEndpoint)
	if err != nil {
		log.Fatalf("aws config: %v", err)
	}
	b := &bridge{cfg: cfg, shadow: shadow}
	if err := b.connectBroker(); err != nil {
		log.Fatalf("mqtt connect: %v", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /things/{thing}/desired", b.handleDesired)
	log.Printf("shadowbridge listening on %s", cfg.Listen)
	log.Fatal(http.ListenAndServe(cfg.Listen, mux))
}
