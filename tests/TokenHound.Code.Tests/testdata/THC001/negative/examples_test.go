package waf_test

import (
	"fmt"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/waf"
)

// A change token is WAF's optimistic-concurrency marker, not a credential: the example prints the call's result,
// whose only link to "token" is the name of the API that returned it.
func ExampleWAF_GetChangeToken_shared00() {
	svc := waf.New(session.New())
	input := &waf.GetChangeTokenInput{}

	result, err := svc.GetChangeToken(input)
	if err != nil {
		fmt.Println(err.Error())
		return
	}

	fmt.Println(result)
	fmt.Println(aws.StringValue(result.ChangeToken) != "")
}
