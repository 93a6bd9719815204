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
	formats  []string
	outputs  []string
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
	fl.StringSliceVarP(&f.formats, "format", "f", []string{"text"}, "output format: "+strings.Join(report.Formats(), ", ")+"; repeat or separate with commas for several")
	fl.StringSliceVarP(&f.outputs, "output", "o", nil, "write the report to this file instead of standard output (\"-\" is standard output); one per format, in the same order")
	fl.StringSliceVar(&f.outcomes, "outcome", nil, "outcomes to report: Pass, Fail, Error, None (default: the format's own)")
	fl.BoolVar(&f.noColor, "no-color", false, "never colour the text output")
	return cmd
}

// destination is one report to write: a format and where it goes ("" or
// "-" for standard output).
type destination struct{ format, path string }

// destinations pairs formats with outputs: one output per format, in the
// same order, or no output at all for a single format.
func destinations(formats, outputs []string) ([]destination, error) {
	for _, name := range formats {
		if !validFormat(name) {
			return nil, usageError{fmt.Sprintf("unknown format %q; use one of %s", name, strings.Join(report.Formats(), ", "))}
		}
	}
	switch {
	case len(outputs) == 0 && len(formats) == 1:
		return []destination{{format: formats[0]}}, nil
	case len(outputs) == len(formats):
		out := make([]destination, len(formats))
		stdout := 0
		for i := range formats {
			out[i] = destination{format: formats[i], path: outputs[i]}
			if outputs[i] == "-" {
				stdout++
			}
		}
		if stdout > 1 {
			return nil, usageError{"only one format can go to standard output (-o -)"}
		}
		return out, nil
	}
	return nil, usageError{fmt.Sprintf("%d formats and %d outputs: give one -o per -f, in the same order", len(formats), len(outputs))}
}

func run(e *env, f runFlags, paths []string) error {
	dests, err := destinations(f.formats, f.outputs)
	if err != nil {
		return err
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

	for _, d := range dests {
		toStdout := d.path == "" || d.path == "-"
		opt := report.Options{
			Outcomes:    outcomes,
			ToolVersion: Version,
			Color:       toStdout && !f.noColor && os.Getenv("NO_COLOR") == "" && isTerminal(e.stdout),
		}
		var buf bytes.Buffer
		if err := report.Write(&buf, d.format, rep, opt); err != nil {
			return err
		}
		if toStdout {
			if _, err := e.stdout.Write(buf.Bytes()); err != nil {
				return err
			}
			continue
		}
		if err := os.WriteFile(d.path, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("cannot write the %s report: %w", d.format, err)
		}
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
