package cli

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/rules/lang"
)

func newRulesCmd(e *env) *cobra.Command {
	var f ruleFlags
	var listBaselines bool
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules that would run: name, ref, severity, pillar and synopsis",
		Long: `Rules lists the rules a run would use with the same options: the built-in
rules that the baseline chooses (Azure.Default unless --baseline or
ps-rule.yaml names another) and your own rules from .ps-rule and --rules.
--baselines lists the baselines instead.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := loadSetup(optionsRoot(nil), f, os.Environ())
			if err != nil {
				return err
			}
			printDiagnostics(e, "warning", st.warnings)
			printDiagnostics(e, "error", st.errors)
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			if listBaselines {
				fmt.Fprintln(tw, "BASELINE\tRULES\tSYNOPSIS")
				bs := append([]*lang.Baseline(nil), st.rules.Baselines...)
				sort.Slice(bs, func(i, j int) bool { return bs[i].Name < bs[j].Name })
				for _, b := range bs {
					n := 0
					for _, r := range st.rules.All {
						if !st.rules.IsLocal(r.Info()) && b.Selects(r.Info()) {
							n++
						}
					}
					fmt.Fprintf(tw, "%s\t%d\t%s\n", b.Name, n, b.Synopsis)
				}
				return tw.Flush()
			}
			fmt.Fprintln(tw, "NAME\tREF\tSEVERITY\tPILLAR\tSYNOPSIS")
			for _, r := range st.rules.Selected {
				in := r.Info()
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", in.Name, in.Ref, in.Severity, in.Pillar, in.Synopsis)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if len(st.errors) > 0 {
				return exitError{ExitError}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.option, "option", "", "options file to use instead of ps-rule.yaml in the current folder")
	fl.StringVar(&f.baseline, "baseline", "", "list the rules this baseline chooses")
	fl.StringSliceVar(&f.ruleDirs, "rules", nil, "folder of your own rule files, besides .ps-rule")
	fl.BoolVar(&listBaselines, "baselines", false, "list the baselines instead of the rules")
	return cmd
}

func newExplainCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "explain NAME|REF",
		Short: "Print a rule's documentation",
		Long:  "Explain prints the documentation of a rule, named by its name (Azure.ML.UserManagedIdentity) or ref (AZR-000407), without regard to case.",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := builtinRules()
			if err != nil {
				return err
			}
			info := findRule(set, args[0])
			if info == nil {
				return usageError{fmt.Sprintf("no rule is named %q; 'azrule rules' lists them", args[0])}
			}
			fmt.Fprint(e.stdout, explainText(info))
			return nil
		},
	}
}

func findRule(set []rules.Rule, nameOrRef string) *rules.Info {
	for _, r := range set {
		in := r.Info()
		if strings.EqualFold(in.Name, nameOrRef) || strings.EqualFold(in.Ref, nameOrRef) {
			return in
		}
	}
	return nil
}

// explainText renders a rule's doc for a terminal: a header with the
// rule's metadata, then the document's Markdown as written (it reads well
// as plain text).
func explainText(in *rules.Info) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n", in.Name, in.Ref)
	fmt.Fprintf(&b, "Severity: %s   Pillar: %s   Category: %s\n", in.Severity, in.Pillar, in.Category)
	if len(in.Types) > 0 {
		fmt.Fprintf(&b, "Applies to: %s\n", strings.Join(in.Types, ", "))
	}
	if in.HelpURI != "" {
		fmt.Fprintf(&b, "Online: %s\n", in.HelpURI)
	}
	b.WriteString("\n")
	if in.Doc != nil && in.Doc.Markdown != "" {
		b.WriteString(in.Doc.Body())
	} else {
		b.WriteString(in.Synopsis + "\n")
	}
	if !strings.HasSuffix(b.String(), "\n") {
		b.WriteString("\n")
	}
	return b.String()
}
