// Command azrule checks Azure deployments (ARM templates, Bicep files,
// exported resources) against Azure Well-Architected rules before they are
// deployed. Run `azrule help` for the commands.
package main

import (
	"os"

	"github.com/azrule/azrule/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
