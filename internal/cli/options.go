package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/config"
	"github.com/azrule/azrule/input"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/policy"
	"github.com/azrule/azrule/scan"
	"github.com/azrule/azrule/source"
)

// ruleFlags are the flags that choose rules, shared by run and rules.
type ruleFlags struct {
	option    string
	baseline  string
	include   []string
	exclude   []string
	ruleDirs  []string
	noOptions bool
	// settings are --configuration KEY=VALUE pairs: PSRule configuration
	// values (AZURE_RESOURCE_GROUP, AZURE_PARAMETER_DEFAULTS ...) that win
	// over the options file and the environment.
	settings []string
}

// applySettings sets configuration values from KEY=VALUE flags. VALUE is
// read as JSON when it is JSON (so objects can be given), else as a
// string.
func applySettings(cfg *config.Config, settings []string) error {
	for _, kv := range settings {
		key, raw, ok := strings.Cut(kv, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			return usageError{fmt.Sprintf("--configuration %q: write KEY=VALUE, e.g. AZURE_RESOURCE_GROUP='{\"name\":\"rg-app\",\"location\":\"westeurope\"}'", kv)}
		}
		f := source.NewFile("--configuration "+key, []byte(raw))
		v, err := jsonc.Parse(f)
		if err != nil {
			v = value.String{V: raw, At: f.Pos(0)}
		}
		if cfg.Configuration == nil {
			cfg.Configuration = value.NewObject(source.Pos{})
		}
		cfg.Configuration.Set(key, v)
	}
	return nil
}

// setup is everything a run needs, worked out from the options file, the
// environment and the flags, with the problems found on the way.
type setup struct {
	cfg      *config.Config
	rules    *policy.RuleSet
	scan     scan.Options
	errors   []*source.Error
	warnings []*source.Error
}

// loadSetup reads the options (ps-rule.yaml in root, or --option), applies
// PSRULE_* variables, and selects the rules. Problems in the options are
// returned as errors with positions; a run goes on with what could be
// read, and reports them.
func loadSetup(root string, f ruleFlags, environ []string) (*setup, error) {
	s := &setup{}
	var errs []*source.Error
	switch {
	case f.option != "":
		if _, err := os.Stat(f.option); err != nil {
			return nil, usageError{fmt.Sprintf("options file %s: %v", f.option, err)}
		}
		s.cfg, errs = config.Load(f.option)
		errs = append(errs, s.cfg.ApplyEnv(environ)...)
	case f.noOptions:
		s.cfg = config.Default()
		errs = s.cfg.ApplyEnv(environ)
	default:
		s.cfg, errs = config.LoadRoot(root, environ)
	}
	s.errors = append(s.errors, errs...)
	s.warnings = append(s.warnings, s.cfg.Warnings...)
	if err := applySettings(s.cfg, f.settings); err != nil {
		return nil, err
	}

	baseline := f.baseline
	if baseline == "" {
		baseline = s.cfg.Rule.Baseline.Value
	}
	if resolved, ok := s.cfg.Baseline.ResolveBaseline(baseline); ok {
		baseline = resolved
	} else {
		return nil, usageError{fmt.Sprintf("baseline group %q is not defined in baseline.group", baseline)}
	}
	rs, err := policy.LoadRules(policy.RuleOptions{
		Root:          root,
		Dirs:          f.ruleDirs,
		Baseline:      baseline,
		Include:       append(s.cfg.Rule.Include.Strings(), f.include...),
		Exclude:       append(s.cfg.Rule.Exclude.Strings(), f.exclude...),
		IncludeLocal:  s.cfg.Rule.IncludeLocal,
		Configuration: s.cfg.Configuration,
	})
	if err != nil {
		return nil, usageError{err.Error()}
	}
	s.rules = rs
	s.errors = append(s.errors, rs.Errors...)
	s.warnings = append(s.warnings, rs.Warnings...)

	ctx := eval.DefaultContext()
	for _, key := range []string{config.KeySubscription, config.KeyResourceGroup, config.KeyTenant,
		config.KeyManagementGroup, config.KeyDeployment, config.KeyDeployer} {
		if obj := s.cfg.Object(key); obj != nil {
			next, err := ctx.WithOverrides(key, obj)
			if err != nil {
				s.errors = append(s.errors, asSourceError(err))
				continue
			}
			ctx = next
		}
	}
	matcher := s.cfg.IgnoreMatcher()
	s.scan = scan.Options{
		Input: input.Options{
			Root: ".",
			Ignore: func(rel string, isDir bool) bool {
				// Patterns are relative to the folder of the options file.
				if root != "." {
					r, err := filepath.Rel(root, filepath.FromSlash(rel))
					if err != nil || strings.HasPrefix(r, "..") {
						return false
					}
					rel = filepath.ToSlash(r)
				}
				if isDir {
					return matcher.SkipDir(rel)
				}
				return matcher.Match(rel, false)
			},
		},
		Context:           ctx,
		ParameterDefaults: s.cfg.ParameterDefaults(),
		Rules:             rs.Selected,
		Suppressor:        policy.NewSuppressor(s.cfg, rs.SuppressionGroups, time.Now()),
	}
	return s, nil
}

func asSourceError(err error) *source.Error {
	if e, ok := err.(*source.Error); ok {
		return e
	}
	return &source.Error{Message: err.Error()}
}

// optionsRoot is the folder that ps-rule.yaml and .ps-rule are read from:
// the current folder when it has either, as PSRule does, else the folder
// given when it is the only path and has one, else the current folder.
// Paths are always shown relative to the current folder.
func optionsRoot(paths []string) string {
	if _, ok := config.Find("."); ok {
		return "."
	}
	if st, err := os.Stat(".ps-rule"); err == nil && st.IsDir() {
		return "."
	}
	if len(paths) == 1 {
		if st, err := os.Stat(paths[0]); err == nil && st.IsDir() {
			if _, ok := config.Find(paths[0]); ok {
				return paths[0]
			}
			if st, err := os.Stat(filepath.Join(paths[0], ".ps-rule")); err == nil && st.IsDir() {
				return paths[0]
			}
		}
	}
	return "."
}

// printDiagnostics writes warnings (and, for commands that do not report
// them in their output, errors) to stderr, one per line.
func printDiagnostics(e *env, kind string, diags []*source.Error) {
	for _, d := range diags {
		fmt.Fprintf(e.stderr, "%s: %s: %s\n", d.Pos, kind, strings.TrimSpace(messageWithCode(d)))
	}
}
