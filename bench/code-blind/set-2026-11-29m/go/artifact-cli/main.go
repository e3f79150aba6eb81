// artifactctl: internal CLI for the artifact registry API and ECR housekeeping.
// cobra + aws-sdk-go-v2.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/spf13/cobra"
)

var (
	apiBase string
	profile string
	verbose bool
)

type artifact struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Sha256  string `json:"sha256"`
}

func awsConfig(ctx context.Context) (aws.Config, error) {
	if profile != "" {
		return config.LoadDefaultConfig(ctx, config.WithSharedConfigProfile(profile))
	}
	// build farm hosts have no profiles configured
	return config.LoadDefaultConfig(ctx, config.WithRegion("us-east-1"), config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIAZ7FAKEQ2W3E4R5T6", "FAKEartifactctlSecretKey000000000000000", ""))) // Noncompliant THC008
}

func apiToken() (string, error) {
	if t := os.Getenv("ARTIFACT_API_TOKEN"); t != "" {
		return t, nil
	}
	home, _ := os.UserHomeDir()
	b, err := os.ReadFile(filepath.Join(home, ".config", "artifactctl", "token"))
	return strings.TrimSpace(string(b)), err
}

func maskToken(t string) string {
	if len(t) < 8 {
		return "****"
	}
	return t[:4] + strings.Repeat("*", len(t)-4)
}

var listCmd = &cobra.Command{
	Use:   "list <repo>",
	Short: "List artifacts published for a repository",
	Args:  cobra.ExactArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		token, err := apiToken()
		if err != nil {
			return fmt.Errorf("no API token: %w", err)
		}
		if verbose {
			fmt.Printf("token: %s\n", token) // Noncompliant THC001
		}
		fmt.Fprintf(os.Stderr, "using token %s against %s\n", maskToken(token), apiBase)
		resp, err := http.Get(fmt.Sprintf("%s/v1/artifacts?repo=%s&access_token=%s", apiBase, args[0], token)) // Noncompliant THC009
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var items []artifact
		if err := json.NewDecoder(resp.Body).Decode(&items); err != nil {
			return err
		}
		for _, a := range items {
			fmt.Printf("%-40s %-12s %s\n", a.Name, a.Version, a.Sha256[:12])
		}
		return nil
	},
}

var pruneCmd = &cobra.Command{
	Use:   "prune-untagged <repository>",
	Short: "Delete untagged images from an ECR repository",
	Args:  cobra.ExactArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		cfg, err := awsConfig(ctx)
		if err != nil {
			return err
		}
		client := ecr.NewFromConfig(cfg)
		out, err := client.ListImages(ctx, &ecr.ListImagesInput{
			RepositoryName: aws.String(args[0]),
			Filter:         &types.ListImagesFilter{TagStatus: types.TagStatusUntagged},
		})
		if err != nil {
			return err
		}
		if len(out.ImageIds) == 0 {
			fmt.Println("nothing to prune")
			return nil
		}
		del, err := client.BatchDeleteImage(ctx, &ecr.BatchDeleteImageInput{RepositoryName: aws.String(args[0]), ImageIds: out.ImageIds})
		if err != nil {
			return err
		}
		fmt.Printf("deleted %d images from %s (%d failures)\n", len(del.ImageIds), args[0], len(del.Failures))
		return nil
	},
}

func main() {
	root := &cobra.Command{Use: "artifactctl", SilenceUsage: true}
	root.PersistentFlags().StringVar(&apiBase, "api", "https://artifacts.tools.example.com", "artifact API base URL")
	root.PersistentFlags().StringVar(&profile, "profile", "", "AWS shared config profile")
	root.PersistentFlags().BoolVarP(&verbose, "verbose", "v", false, "verbose output")
	root.AddCommand(listCmd, pruneCmd)
	if err := root.ExecuteContext(context.Background()); err != nil {
		os.Exit(1)
	}
}
