package cli

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/report"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/scan"
)

type runFlags struct {
	format   string
	output   string
	outcomes []string
	noColor  bool
}

func newRunCmd(e *env) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run [PATH...]",
		Short: "Analyse templates, parameter files, Bicep files and exported resources",
		Long: `Run walks each PATH (default: the current folder), analyses every ARM
template, parameter file, Bicep file and exported-resource file it finds, and
reports the rules' outcomes.

A template with parameter files is analysed once per parameter file; a
template only used through a link or a module is analysed through its
callers.

Exit status: 0 when nothing failed, 1 when a rule failed or could not be
evaluated, 2 when an input could not be read or the command was misused.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return run(e, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the report to this file instead of standard output")
	fl.StringSliceVar(&f.outcomes, "outcome", nil, "outcomes to report: Pass, Fail, Error, None (default: the format's own)")
	fl.BoolVar(&f.noColor, "no-color", false, "never colour the text output")
	return cmd
}

func run(e *env, f runFlags, paths []string) error {
	if !validFormat(f.format) {
		return usageError{fmt.Sprintf("unknown format %q; use one of %s", f.format, strings.Join(report.Formats(), ", "))}
	}
	var outcomes []rules.Outcome
	for _, s := range f.outcomes {
		o, ok := rules.ParseOutcome(strings.TrimSpace(s))
		if !ok {
			return usageError{fmt.Sprintf("unknown outcome %q; use Pass, Fail, Error or None", s)}
		}
		outcomes = append(outcomes, o)
	}
	ruleSet, err := builtinRules()
	if err != nil {
		return err
	}
	rep := scan.Run(paths, scan.Options{Rules: ruleSet})

	opt := report.Options{
		Outcomes:    outcomes,
		ToolVersion: Version,
		Color:       f.output == "" && !f.noColor && os.Getenv("NO_COLOR") == "" && isTerminal(e.stdout),
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, f.format, rep, opt); err != nil {
		return err
	}
	if f.output != "" {
		if err := os.WriteFile(f.output, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("cannot write the report: %w", err)
		}
	} else if _, err := e.stdout.Write(buf.Bytes()); err != nil {
		return err
	}
	return exitError{exitCode(rep)}
}

// exitCode is 2 when an input could not be read, 1 when a rule failed or
// errored on a target that is not suppressed, else 0.
func exitCode(r *engine.Report) int {
	if len(r.Errors) > 0 {
		return ExitError
	}
	for i := range r.Records {
		rec := &r.Records[i]
		if !rec.Suppressed && (rec.Outcome == rules.Fail || rec.Outcome == rules.Error) {
			return ExitFailed
		}
	}
	return ExitOK
}

func validFormat(name string) bool {
	for _, f := range report.Formats() {
		if strings.EqualFold(f, name) {
			return true
		}
	}
	return false
}
