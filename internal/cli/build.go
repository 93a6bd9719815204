package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/compile"
	"github.com/azrule/azrule/bicep/params"
)

func newBuildCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "build FILE",
		Short: "Compile a .bicep file to an ARM template (or a .bicepparam file to parameters)",
		Long: `Build compiles FILE natively, without the Bicep CLI, and prints what
'bicep build --stdout' (or 'bicep build-params' for a .bicepparam file)
prints: the ARM template JSON, or the parameters JSON. Diagnostics go to
standard error with file:line:col; the exit status is 2 when there are any.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			var doc *value.Object
			var diags []string
			if strings.HasSuffix(strings.ToLower(path), ".bicepparam") {
				pf := params.Load(path, params.Options{})
				doc = pf.JSON()
				for _, d := range pf.Errors {
					diags = append(diags, fmt.Sprintf("%s: error: %s", d.Pos, messageWithCode(d)))
				}
			} else {
				res := compile.BuildFile(path, compile.Options{Version: Version})
				doc = res.Template
				for _, d := range res.Errors {
					diags = append(diags, fmt.Sprintf("%s: error: %s", d.Pos, messageWithCode(d)))
				}
			}
			if doc != nil {
				var pretty bytes.Buffer
				if err := json.Indent(&pretty, value.AppendJSON(nil, doc), "", "  "); err != nil {
					return err
				}
				pretty.WriteByte('\n')
				if _, err := e.stdout.Write(pretty.Bytes()); err != nil {
					return err
				}
			}
			for _, d := range diags {
				fmt.Fprintln(e.stderr, d)
			}
			if len(diags) > 0 {
				return exitError{ExitError}
			}
			return nil
		},
	}
}
