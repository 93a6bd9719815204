package cli

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/azrule/azrule/config"
	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/report"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/scan"
	"github.com/azrule/azrule/source"
)

type runFlags struct {
	ruleFlags
	formats    []string
	outputs    []string
	outcomes   []string
	noColor    bool
	standalone bool
}

// addRuleFlags declares the flags that choose rules and options.
func addRuleFlags(cmd *cobra.Command, f *ruleFlags) {
	fl := cmd.Flags()
	fl.StringVar(&f.option, "option", "", "options file to use instead of ps-rule.yaml in the current folder")
	fl.BoolVar(&f.noOptions, "no-option", false, "read no options file (PSRULE_* variables still apply)")
	fl.StringVar(&f.baseline, "baseline", "", "baseline that chooses the built-in rules (default Azure.Default; 'azrule rules --baselines' lists them)")
	fl.StringSliceVar(&f.include, "rule", nil, "run only these rules (names or refs, * wildcards; repeat or separate with commas)")
	fl.StringSliceVar(&f.exclude, "skip-rule", nil, "do not run these rules (names or refs, * wildcards)")
	fl.StringSliceVar(&f.ruleDirs, "rules", nil, "folder of your own rule files (*.Rule.yaml, .yml, .json, .jsonc), besides .ps-rule")
	addSettingsFlag(cmd, f)
}

// addSettingsFlag declares -c/--configuration.
func addSettingsFlag(cmd *cobra.Command, f *ruleFlags) {
	cmd.Flags().StringArrayVarP(&f.settings, "configuration", "c", nil,
		"set a configuration value, KEY=VALUE with VALUE as JSON or text (AZURE_RESOURCE_GROUP, AZURE_SUBSCRIPTION, AZURE_PARAMETER_DEFAULTS ...); repeatable")
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
			return run(e, f, args, cmd.Flags().Changed)
		},
	}
	addRuleFlags(cmd, &f.ruleFlags)
	fl := cmd.Flags()
	fl.StringSliceVarP(&f.formats, "format", "f", []string{"text"}, "output format: "+strings.Join(report.Formats(), ", ")+"; repeat or separate with commas for several")
	fl.StringSliceVarP(&f.outputs, "output", "o", nil, "write the report to this file instead of standard output (\"-\" is standard output); one per format, in the same order")
	fl.StringSliceVar(&f.outcomes, "outcome", nil, "outcomes to report: Pass, Fail, Error, None (default: the format's own)")
	fl.BoolVar(&f.noColor, "no-color", false, "never colour the text output")
	fl.BoolVar(&f.standalone, "standalone", false, "also analyse each template and Bicep file on its own, even when parameter files or callers analyse it")
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

func run(e *env, f runFlags, paths []string, changed func(string) bool) error {
	st, err := loadSetup(optionsRoot(paths), f.ruleFlags, os.Environ())
	if err != nil {
		return err
	}
	// Output options from ps-rule.yaml apply unless a flag says otherwise.
	if !changed("format") && st.cfg.Output.Format != "" {
		f.formats = []string{st.cfg.Output.Format}
		if !changed("output") && st.cfg.Output.Path != "" {
			f.outputs = []string{st.cfg.Output.Path}
		}
	}
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
	// output.outcome applies when the options file sets it to something
	// other than PSRule's default (Processed); otherwise each format keeps
	// its own default.
	if !changed("outcome") && st.cfg.Output.Outcome != config.Default().Output.Outcome {
		for _, o := range []rules.Outcome{rules.Pass, rules.Fail, rules.Error, rules.None} {
			if st.cfg.Output.Outcome.Has(o) {
				outcomes = append(outcomes, o)
			}
		}
	}
	st.scan.Input.Standalone = f.standalone
	var prog *progress
	if isTerminal(e.stderr) {
		prog = newProgress(e.stderr)
		st.scan.Progress = prog.update
	}
	rep := scan.Run(paths, st.scan)
	if prog != nil {
		prog.finish()
	}
	rep.AddErrors(st.errors)
	rep.AddWarnings(st.warnings)
	checkEmpty(st.cfg, rep, paths)
	printWarnings(e, rep)

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
	code := exitCode(rep)
	if code == ExitFailed && st.cfg.Execution.Break == config.BreakNever {
		code = ExitOK // execution.break: Never
	}
	return exitError{code}
}

// checkEmpty applies execution.noValidInput and execution.noMatchingRules:
// a run that analysed nothing, or ran no rule, is usually a wrong path or
// a wrong filter, and by default (Error, as in PSRule) it fails rather than
// passing silently.
func checkEmpty(cfg *config.Config, rep *engine.Report, paths []string) {
	// The errors are about the paths given or the options, not a line of
	// a file: they name the path or the options file as a whole.
	report := func(a config.Action, where, msg string) {
		e := []*source.Error{{Pos: source.NewFile(where, nil).Whole(), Message: msg}}
		switch a {
		case config.ActionError:
			rep.AddErrors(e)
		case config.ActionWarn:
			rep.AddWarnings(e)
		}
	}
	if rep.Files == 0 {
		where := "."
		if len(paths) > 0 {
			where = strings.Join(paths, ", ")
		}
		report(cfg.Execution.NoValidInput, where, "no template, parameter file, Bicep file or exported-resource file found here"+
			"; check the path, or set execution.noValidInput to Ignore")
	}
	if len(rep.Rules) == 0 {
		where := cfg.Path
		if where == "" {
			where = "options"
		}
		report(cfg.Execution.NoMatchingRules, where, "no rule was selected; check --rule, --skip-rule, rule.include, rule.exclude and the baseline, or set execution.noMatchingRules to Ignore")
	}
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

// printWarnings writes the report's warnings to stderr: they never change
// the exit status, and the report formats are for results.
func printWarnings(e *env, r *engine.Report) {
	for _, w := range r.Warnings {
		fmt.Fprintf(e.stderr, "%s: warning: %s\n", w.Position, w.Text())
	}
}

func validFormat(name string) bool {
	for _, f := range report.Formats() {
		if strings.EqualFold(f, name) {
			return true
		}
	}
	return false
}
