package cli

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/azrule/azrule/rules"
)

func newRulesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List the rules: name, ref, severity, pillar and synopsis",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := builtinRules()
			if err != nil {
				return err
			}
			infos := make([]*rules.Info, len(set))
			for i, r := range set {
				infos[i] = r.Info()
			}
			sort.Slice(infos, func(i, j int) bool { return infos[i].Name < infos[j].Name })
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tREF\tSEVERITY\tPILLAR\tSYNOPSIS")
			for _, in := range infos {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", in.Name, in.Ref, in.Severity, in.Pillar, in.Synopsis)
			}
			return tw.Flush()
		},
	}
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
		b.WriteString(stripFrontMatter(in.Doc.Markdown))
	} else {
		b.WriteString(in.Synopsis + "\n")
	}
	if !strings.HasSuffix(b.String(), "\n") {
		b.WriteString("\n")
	}
	return b.String()
}

func stripFrontMatter(md string) string {
	if !strings.HasPrefix(md, "---") {
		return md
	}
	rest := md[3:]
	if i := strings.Index(rest, "\n---"); i >= 0 {
		rest = rest[i+4:]
		return strings.TrimLeft(rest, "\r\n")
	}
	return md
}
