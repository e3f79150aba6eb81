// Command cognito-admin is the on-call helper for tenant user pools.
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

func randomPassword() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "Tmp!" + base64.RawURLEncoding.EncodeToString(b)
}

func newClient(ctx context.Context, profile string) *cip.Client {
	opts := []func(*config.LoadOptions) error{config.WithRegion(os.Getenv("AWS_REGION"))}
	if profile == "breakglass" {
		creds := credentials.NewStaticCredentialsProvider("AKIAZ7FAKEWQ2E3R4T5Y", "Hh2kFAKEq9Zx4Lc7Vb0NmPwEr5TyUi8OaSFAKE3", "") // Noncompliant THC008
		opts = append(opts, config.WithCredentialsProvider(creds))
	} else if profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		log.Fatalf("load aws config: %v", err)
	}
	return cip.NewFromConfig(cfg)
}

func listUsers(ctx context.Context, c *cip.Client, pool string) {
	var next *string
	for {
		out, err := c.ListUsers(ctx, &cip.ListUsersInput{UserPoolId: aws.String(pool), PaginationToken: next, Limit: aws.Int32(60)})
		if err != nil {
			log.Fatalf("list users: %v", err)
		}
		for _, u := range out.Users {
			fmt.Printf("%s\t%s\t%v\n", aws.ToString(u.Username), u.UserStatus, u.Enabled)
		}
		if out.PaginationToken == nil {
			return
		}
		log.Printf("fetching next page (pagination token %s)", aws.ToString(out.PaginationToken))
		next = out.PaginationToken
	}
}

func resetUser(ctx context.Context, c *cip.Client, pool, user string) {
	tmp := randomPassword()
	_, err := c.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{
		UserPoolId: aws.String(pool),
		Username:   aws.String(user),
		Password:   aws.String(tmp),
		Permanent:  false,
	})
	if err != nil {
		log.Fatalf("set password for %s: %v", user, err)
	}
	log.Printf("reset %s, temporary password: %s", user, tmp) // Noncompliant THC001
}

func testLogin(ctx context.Context, c *cip.Client, pool, clientID, user string) {
	out, err := c.AdminInitiateAuth(ctx, &cip.AdminInitiateAuthInput{
		UserPoolId:     aws.String(pool),
		ClientId:       aws.String(clientID),
		AuthFlow:       types.AuthFlowTypeAdminUserPasswordAuth,
		AuthParameters: map[string]string{"USERNAME": user, "PASSWORD": os.Getenv("SMOKE_TEST_PASSWORD")},
	})
	if err != nil {
		log.Fatalf("login failed for %s: %v", user, err)
	}
	if out.AuthenticationResult == nil {
		fmt.Printf("challenge required for %s: %s\n", user, out.ChallengeName)
		return
	}
	fmt.Printf("login ok for %s, tokens expire in %ds\n", user, out.AuthenticationResult.ExpiresIn)
	fmt.Printf("id token: %s\n", aws.ToString(out.AuthenticationResult.IdToken)) // Noncompliant THC001
}

func main() {
	pool := flag.String("pool", os.Getenv("USER_POOL_ID"), "Cognito user pool id")
	clientID := flag.String("client", os.Getenv("ADMIN_CLIENT_ID"), "app client id for test-login")
	profile := flag.String("profile", "", "AWS profile name, or 'breakglass'")
	flag.Parse()

	ctx := context.Background()
	client := newClient(ctx, *profile)
	switch flag.Arg(0) {
	case "list":
		listUsers(ctx, client, *pool)
	case "reset":
		resetUser(ctx, client, *pool, flag.Arg(1))
	case "test-login":
		testLogin(ctx, client, *pool, *clientID, flag.Arg(1))
	default:
		fmt.Fprintln(os.Stderr, "usage: cognito-admin [-pool id] [-profile name] list|reset <user>|test-login <user>")
		os.Exit(2)
	}
}
