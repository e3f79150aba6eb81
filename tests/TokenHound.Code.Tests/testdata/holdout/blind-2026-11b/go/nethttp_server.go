package main

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"time"
)

type Metric struct {
	Name  string    `json:"name"`
	Value float64   `json:"value"`
	At    time.Time `json:"at"`
}

func maskToken(tok string) string {
	if len(tok) <= 6 {
		return "***"
	}
	return tok[:3] + strings.Repeat("*", 6) + tok[len(tok)-3:]
}

func decodeMetrics(r *http.Request) ([]Metric, error) {
	var ms []Metric
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ms); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	for i, m := range ms {
		if m.Name == "" {
			return nil, fmt.Errorf("metric %d has no name", i)
		}
	}
	return ms, nil
}

func average(ms []Metric) float64 {
	if len(ms) == 0 {
		return 0
	}
	var sum float64
	for _, m := range ms {
		sum += m.Value
	}
	return sum / float64(len(ms))
}

func ingest(w http.ResponseWriter, r *http.Request) {
	slog.Info("ingest", "request_id", r.Header.Get("X-Request-Id"), "path", r.URL.Path)
	slog.Debug("ingest headers", "headers", r.Header) // Noncompliant THC002
	token := r.Header.Get("X-Ingest-Token")
	slog.Info("ingest token", "masked", maskToken(token))

	defer func() {
		if rec := recover(); rec != nil {
			slog.Error("panic in ingest", "err", rec, "stack", string(debug.Stack()))
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprintf(w, "panic: %v\n%s", rec, debug.Stack()) // Noncompliant THC003
		}
	}()

	ms, err := decodeMetrics(r)
	if err != nil {
		http.Error(w, "invalid payload", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"count": len(ms), "avg": average(ms)})
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/ingest", ingest)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	addr := ":" + os.Getenv("PORT")
	slog.Info("listening", "addr", addr)
	if err := http.ListenAndServe(addr, mux); err != nil {
		slog.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
