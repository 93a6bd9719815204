// Package cli is azrule's command line: the commands, their flags, the
// exit status and what is printed where. Results go to standard output
// (or -o FILE); progress, warnings and usage errors go to standard error.
//
// Exit status: 0 when nothing failed, 1 when a rule failed (or could not
// be evaluated), 2 when an input could not be read or the command was
// used wrongly.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1
	ExitError  = 2
)

// Version is azrule's version, set at build time with
// -ldflags "-X github.com/azrule/azrule/internal/cli.Version=v1.2.3".
var Version = "dev"

func init() {
	// A binary built by `go install module@version` knows its version from
	// the build information; use it when no -ldflags version was set.
	if Version != "dev" {
		return
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		Version = bi.Main.Version
	}
}

// exitError carries an exit code out of a command without printing
// anything more.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// usageError is a wrong use of the command line: printed with a hint and
// exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// env is what a command may touch: its streams and the working folder.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// Main runs azrule with args (without the program name) and returns the
// exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintf(stderr, "azrule: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "Run 'azrule help' for usage.")
	}
	return ExitError
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "azrule",
		Short: "Check Azure ARM templates and Bicep files against Well-Architected rules",
		Long: `azrule works out the resources an ARM template or Bicep deployment would
create, exactly as Azure Resource Manager would, and checks each one against
Azure Well-Architected rules (the rules of PSRule for Azure, by the same
names and refs). Findings name the rule, the resource, the reason, and the
file:line:col to change.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err.Error()} })
	root.AddCommand(newRunCmd(e), newExpandCmd(e), newBuildCmd(e), newRulesCmd(e), newExplainCmd(e), newVersionCmd(e))
	return root
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print azrule's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(e.stdout, "azrule %s\n", Version)
			return nil
		},
	}
}

// isTerminal reports whether w is a terminal, for colour decisions.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
