package config

import (
	"fmt"
	"strings"

	"github.com/azrule/azrule/rules"
)

// OutcomeFilter is the set of outcomes reported (output.outcome).
type OutcomeFilter uint8

// Single outcomes and PSRule's roll-ups.
const (
	OutcomeNone  OutcomeFilter = 1 << iota // results of rules that did not apply
	OutcomePass                            // passed
	OutcomeFail                            // failed
	OutcomeError                           // could not be evaluated

	OutcomeProblem   = OutcomeFail | OutcomeError
	OutcomeProcessed = OutcomePass | OutcomeFail | OutcomeError
	OutcomeAll       = OutcomeNone | OutcomeProcessed
)

var outcomeNames = []struct {
	name string
	f    OutcomeFilter
}{
	{"All", OutcomeAll}, {"Processed", OutcomeProcessed}, {"Problem", OutcomeProblem},
	{"None", OutcomeNone}, {"Pass", OutcomePass}, {"Fail", OutcomeFail}, {"Error", OutcomeError},
}

// Has reports whether results with outcome o are reported.
func (f OutcomeFilter) Has(o rules.Outcome) bool {
	switch o {
	case rules.Pass:
		return f&OutcomePass != 0
	case rules.Fail:
		return f&OutcomeFail != 0
	case rules.Error:
		return f&OutcomeError != 0
	}
	return f&OutcomeNone != 0
}

// String names the filter as PSRule does ("Processed", "Fail, Error").
func (f OutcomeFilter) String() string {
	for _, n := range outcomeNames[:3] {
		if f == n.f {
			return n.name
		}
	}
	var parts []string
	for _, n := range outcomeNames[3:] {
		if f&n.f != 0 {
			parts = append(parts, n.name)
		}
	}
	if len(parts) == 0 {
		return "Processed"
	}
	return strings.Join(parts, ", ")
}

// ParseOutcome reads one outcome name or roll-up, without regard to case.
func ParseOutcome(s string) (OutcomeFilter, error) {
	s = strings.TrimSpace(s)
	for _, n := range outcomeNames {
		if strings.EqualFold(n.name, s) {
			return n.f, nil
		}
	}
	return 0, fmt.Errorf("unknown outcome '%s'; expected one of Pass, Fail, Error, None, Processed, Problem, All", s)
}

// parseOutcomeList reads "Fail, Error" (.NET's flags spelling) or one name.
func parseOutcomeList(s string) (OutcomeFilter, error) {
	var f OutcomeFilter
	for _, part := range strings.Split(s, ",") {
		o, err := ParseOutcome(part)
		if err != nil {
			return 0, err
		}
		f |= o
	}
	return f, nil
}

// Action is PSRule's execution action preference: what to do when the
// event an execution.* option names happens.
type Action uint8

// Action preferences. PSRule's "None" means "the option's default" and
// is resolved when read, so it never appears in a Config.
const (
	ActionIgnore Action = iota + 1 // carry on silently
	ActionWarn                     // carry on with a warning
	ActionError                    // stop with an error
	ActionDebug                    // carry on with a debug message
)

var actionNames = []string{"", "Ignore", "Warn", "Error", "Debug"}

// String returns the preference's PSRule name.
func (a Action) String() string {
	if int(a) < len(actionNames) && a > 0 {
		return actionNames[a]
	}
	return "None"
}

// parseAction reads a preference. "None" yields def.
func parseAction(s string, def Action) (Action, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "None") {
		return def, nil
	}
	for i, n := range actionNames {
		if i > 0 && strings.EqualFold(n, s) {
			return Action(i), nil
		}
	}
	return 0, fmt.Errorf("unknown preference '%s'; expected one of Ignore, Warn, Error, Debug, None", s)
}

// BreakLevel is execution.break: the lowest severity of failed rule that
// fails the run. PSRule for Azure's severities map onto PSRule's levels
// as Critical = Error, Important = Warning, Awareness = Information.
type BreakLevel uint8

// Break levels.
const (
	BreakNever         BreakLevel = iota + 1 // failed rules never fail the run
	BreakOnError                             // Critical rules fail it (the default)
	BreakOnWarning                           // Critical and Important rules
	BreakOnInformation                       // any failed rule
)

var breakNames = []string{"", "Never", "OnError", "OnWarning", "OnInformation"}

// String returns the level's PSRule name.
func (b BreakLevel) String() string {
	if int(b) < len(breakNames) && b > 0 {
		return breakNames[b]
	}
	return "None"
}

// Breaks reports whether a failure of a rule with severity s fails the run.
func (b BreakLevel) Breaks(s rules.Severity) bool {
	switch b {
	case BreakNever:
		return false
	case BreakOnInformation:
		return true
	case BreakOnWarning:
		return s == rules.Critical || s == rules.Important
	}
	return s == rules.Critical
}

func parseBreak(s string) (BreakLevel, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "None") {
		return BreakOnError, nil
	}
	for i, n := range breakNames {
		if i > 0 && strings.EqualFold(n, s) {
			return BreakLevel(i), nil
		}
	}
	return 0, fmt.Errorf("unknown break level '%s'; expected one of Never, OnError, OnWarning, OnInformation, None", s)
}

// Formats are the report formats azrule writes.
var Formats = []string{"text", "json", "sarif", "junit", "nunit3", "markdown", "csv"}

// parseFormat maps output.format to azrule's spelling. PSRule's None and
// Wide are azrule's text report. warn is set for a PSRule format azrule
// does not write (Yaml): the option is then left unset.
func parseFormat(s string) (format string, warn string, err error) {
	s = strings.TrimSpace(s)
	for _, f := range Formats {
		if strings.EqualFold(f, s) {
			return f, "", nil
		}
	}
	switch strings.ToLower(s) {
	case "none", "wide":
		return "text", "", nil
	case "yaml":
		return "", "azrule does not write YAML reports; the text report is used. Choose one of " + strings.Join(Formats, ", "), nil
	}
	return "", "", fmt.Errorf("unknown output format '%s'; expected one of %s", s, strings.Join(Formats, ", "))
}
