package config

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// Config is the options azrule takes from ps-rule.yaml and the
// environment. Default returns it with PSRule's defaults; the zero Config
// is not meant to be used.
type Config struct {
	// Path is the options file read, or "" when there was none.
	Path string

	Input         InputOptions
	Rule          RuleOptions
	Baseline      BaselineOptions
	Output        OutputOptions
	Execution     ExecutionOptions
	Suppression   []Suppression
	Configuration *value.Object

	// Warnings are problems that do not stop a run: unknown options,
	// options that azrule reads but that have no effect. Errors are
	// returned by Parse and ApplyEnv instead.
	Warnings []*source.Error
}

// Item is a string option value with the place it was written (a line of
// ps-rule.yaml, or an environment variable).
type Item struct {
	Value string
	Pos   source.Pos
}

// Items is a list option.
type Items []Item

// Strings returns the values alone.
func (s Items) Strings() []string {
	if len(s) == 0 {
		return nil
	}
	out := make([]string, len(s))
	for i, it := range s {
		out[i] = it.Value
	}
	return out
}

// Contains reports whether v is in the list, without regard to case.
func (s Items) Contains(v string) bool {
	for _, it := range s {
		if strings.EqualFold(it.Value, v) {
			return true
		}
	}
	return false
}

// InputOptions are PSRule's input.* options that azrule uses.
type InputOptions struct {
	// PathIgnore holds gitignore-style patterns of files not to read
	// (compile them with package pathignore).
	PathIgnore Items
	// IgnoreGitPath skips the .git directory; true by default.
	IgnoreGitPath bool
	// IgnoreRepositoryCommon skips files found in most repositories
	// (README.md, LICENSE, .github/**/*.md ...); true by default.
	IgnoreRepositoryCommon bool
	// TargetType, when set, limits analysis to resources of these types.
	TargetType Items
	// Format is PSRule's input.format, kept as written. azrule detects
	// formats itself and does not use it.
	Format string
}

// RuleOptions are PSRule's rule.* options.
type RuleOptions struct {
	// Include names the only rules to run (names or refs); empty means
	// all.
	Include Items
	// Exclude names rules never to run.
	Exclude Items
	// IncludeLocal runs rules from the workspace even when Include or Tag
	// would leave them out.
	IncludeLocal bool
	// Baseline names the baseline to run, as `--baseline` does; a name
	// starting with '@' is a baseline group (see BaselineOptions).
	Baseline Item
	// Tag requires rules to carry these tags; one of the values of each
	// tag must match.
	Tag []TagFilter
}

// TagFilter is one entry of rule.tag.
type TagFilter struct {
	Key    string
	Values Items
	Pos    source.Pos
}

// BaselineOptions are PSRule's baseline.* options.
type BaselineOptions struct {
	// Group maps a group name (used as "@name") to a baseline name, in
	// the order written.
	Group []BaselineGroup
}

// BaselineGroup is one entry of baseline.group.
type BaselineGroup struct {
	Name     string
	Baseline string
	Pos      source.Pos
}

// ResolveBaseline turns "@group" into the baseline it stands for. Any
// other name is returned as it is. ok is false for an unknown group.
func (b BaselineOptions) ResolveBaseline(name string) (baseline string, ok bool) {
	if !strings.HasPrefix(name, "@") {
		return name, true
	}
	g := name[1:]
	for i := len(b.Group) - 1; i >= 0; i-- {
		if strings.EqualFold(b.Group[i].Name, g) {
			return b.Group[i].Baseline, true
		}
	}
	return "", false
}

// OutputOptions are PSRule's output.* options that azrule uses.
type OutputOptions struct {
	// Format is the report format in azrule's spelling (text, json,
	// sarif, junit, nunit3, markdown, csv), or "" when not set.
	Format string
	// FormatPos is where Format was set.
	FormatPos source.Pos
	// Path is the file to write the report to, or "" for stdout.
	Path string
	// Outcome filters the results reported; Processed by default.
	Outcome OutcomeFilter
	// SarifProblemsOnly leaves passing results out of SARIF; true by
	// default, as in PSRule.
	SarifProblemsOnly bool
	// JSONIndent is the indentation of JSON output, 0 to 4 spaces.
	JSONIndent int
	// Culture is PSRule's output.culture, kept as written; azrule's
	// output is in English.
	Culture Items
}

// ExecutionOptions are PSRule's execution.* options that azrule uses.
type ExecutionOptions struct {
	// RuleSuppressed: what to say about suppressed results (Warn).
	RuleSuppressed Action
	// RuleExcluded: what to say about excluded rules (Ignore).
	RuleExcluded Action
	// NoMatchingRules: what to do when no rule is selected (Error).
	NoMatchingRules Action
	// NoValidInput: what to do when no input file is found (Error).
	NoValidInput Action
	// SuppressionGroupExpired: what to say about an expired suppression
	// group (Warn).
	SuppressionGroupExpired Action
	// RuleInconclusive: what to say about a rule that returned no
	// result (Warn).
	RuleInconclusive Action
	// UnprocessedObject: what to say about a resource no rule applied
	// to (Warn).
	UnprocessedObject Action
	// Break is the lowest severity of failed rule that fails the run
	// (OnError).
	Break BreakLevel
}

// Suppression is one entry of the suppression option: a rule and the
// names of the targets it must not report on.
type Suppression struct {
	// Rule is the rule name or ref, as written.
	Rule string
	// Pos is where the rule was written.
	Pos source.Pos
	// Targets are target names (resource names).
	Targets Items
}

// Default returns the options PSRule uses when nothing is set.
func Default() *Config {
	return &Config{
		Input:  InputOptions{IgnoreGitPath: true, IgnoreRepositoryCommon: true},
		Output: OutputOptions{Outcome: OutcomeProcessed, SarifProblemsOnly: true},
		Execution: ExecutionOptions{
			RuleSuppressed:          ActionWarn,
			RuleExcluded:            ActionIgnore,
			NoMatchingRules:         ActionError,
			NoValidInput:            ActionError,
			SuppressionGroupExpired: ActionWarn,
			RuleInconclusive:        ActionWarn,
			UnprocessedObject:       ActionWarn,
			Break:                   BreakOnError,
		},
		Configuration: value.NewObject(source.Pos{}),
	}
}

// Suppressed reports whether the suppression option suppresses the rule
// (matched by name or ref) on the target, all without regard to case,
// and returns the entry that does.
func (c *Config) Suppressed(ruleName, ruleRef, targetName string) (Suppression, bool) {
	for _, s := range c.Suppression {
		if !strings.EqualFold(s.Rule, ruleName) && (ruleRef == "" || !strings.EqualFold(s.Rule, ruleRef)) {
			continue
		}
		if s.Targets.Contains(targetName) {
			return s, true
		}
	}
	return Suppression{}, false
}

// Value returns the configuration value of key, matched without regard
// to case.
func (c *Config) Value(key string) (value.Value, bool) {
	if c == nil || c.Configuration == nil {
		return nil, false
	}
	return c.Configuration.Get(key)
}
