// deployctl: internal CLI that triggers deployments through the release API. cobra + net/http.
package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

var (
	apiBase  string
	verbose  bool
	timeout  = 30
	services []string
)

const (
	defaultAPI = "https://release.tools.example.com"
	tokenFile  = "token"
)

func releaseToken() (string, error) {
	if t := os.Getenv("RELEASE_API_TOKEN"); t != "" {
		return t, nil
	}
	home, _ := os.UserHomeDir()
	b, err := os.ReadFile(filepath.Join(home, ".config", "deployctl", tokenFile))
	return strings.TrimSpace(string(b)), err
}

var deployCmd = &cobra.Command{
	Use:   "deploy <service> <version>",
	Short: "Deploy a service version",
	Args:  cobra.ExactArgs(2),
	RunE: func(cmd *cobra.Command, args []string) error {
		token, err := releaseToken()
		if err != nil {
			return fmt.Errorf("no release token: %w", err)
		}
		if verbose {
			fmt.Printf("using token %s against %s\n", token, apiBase) // Noncompliant THC001
		}
		req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/v1/services/%s/deploy?version=%s", apiBase, args[0], args[1]), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		fmt.Printf("deploy of %s %s: %s (timeout %ds)\n", args[0], args[1], resp.Status, timeout)
		return nil
	},
}

func main() {
	root := &cobra.Command{Use: "deployctl", SilenceUsage: true}
	root.PersistentFlags().StringVar(&apiBase, "api", defaultAPI, "release API base URL")
	root.PersistentFlags().BoolVarP(&verbose, "verbose", "v", false, "verbose output")
	root.PersistentFlags().StringSliceVar(&services, "services", nil, "services to deploy")
	root.AddCommand(deployCmd)
	if err := root.Execute(); err != nil {
		os.Exit(1)
	}
}
