package proxy

import (
	"context"
	"fmt"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
)

type Proxy struct {
	client   *http.Client
	bus      *eventbridge.Client
	upstream string
}

// Forward passes the caller's token upstream in the URL and to EventBridge in the event detail.
func (p *Proxy) Forward(ctx context.Context, r *http.Request) error {
	token := r.Header.Get("Authorization")
	resp, err := p.client.Get(fmt.Sprintf("%s/v1/items?token=%s", p.upstream, token)) // Noncompliant
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	detail := fmt.Sprintf(`{"route":%q,"caller":%q}`, r.URL.Path, token)
	_, err = p.bus.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{{Source: aws.String("items.proxy"), Detail: aws.String(detail)}}}) // Noncompliant
	return err
}
