// Package rules defines what a rule is, what it is run on and what it
// returns. Rules written in PSRule's language (package rules/lang) and
// rules written in Go implement the same Rule interface, so the engine,
// baselines, suppression and every report treat them alike.
package rules

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// Outcome is the result of one rule on one target.
type Outcome int

// Outcomes, as PSRule names them.
const (
	// None: the rule does not apply to the target (type or precondition).
	None Outcome = iota
	// Pass: the target meets the rule.
	Pass
	// Fail: the target does not meet the rule.
	Fail
	// Error: the rule could not be evaluated (for example an expression
	// in the target's template could not be evaluated).
	Error
)

// String returns "None", "Pass", "Fail" or "Error".
func (o Outcome) String() string {
	switch o {
	case Pass:
		return "Pass"
	case Fail:
		return "Fail"
	case Error:
		return "Error"
	}
	return "None"
}

// ParseOutcome reads an outcome name without regard to case.
func ParseOutcome(s string) (Outcome, bool) {
	for _, o := range []Outcome{None, Pass, Fail, Error} {
		if value.EqualFold(o.String(), s) {
			return o, true
		}
	}
	return None, false
}

// Severity is how much a failure matters, as PSRule for Azure grades it.
type Severity string

// The severities PSRule for Azure uses.
const (
	Critical  Severity = "Critical"
	Important Severity = "Important"
	Awareness Severity = "Awareness"
)

// Target is what a rule runs on: one resource as it would be deployed, or
// one exported resource.
type Target struct {
	// Name is the resource name, for a child resource the full name
	// ("mlw-1/ci-1").
	Name string
	// Type is the full resource type
	// ("Microsoft.MachineLearningServices/workspaces/computes").
	Type string
	// ID is the resource id, when known.
	ID string
	// Object is the resource body: type, name, apiVersion, identity,
	// properties ... with positions.
	Object *value.Object
	// Pos is where the resource was declared.
	Pos source.Pos
	// Errors are problems found while working out this resource (an
	// expression that could not be evaluated). A rule that applies to a
	// target with errors has outcome Error.
	Errors source.ErrorList
}

// Reason explains one part of an outcome. Path is the field it is about
// ("identity.type"), empty when it is about the whole target. Pos is where
// the value that decided it was written, or the zero Pos.
type Reason struct {
	Path    string
	Message string
	Pos     source.Pos
}

// String renders the reason as PSRule does: "Path identity.type: Is set
// to 'SystemAssigned'." or the bare message when there is no path.
func (r Reason) String() string {
	if r.Path == "" {
		return r.Message
	}
	return "Path " + r.Path + ": " + r.Message
}

// Result is the outcome of a rule on a target with its reasons. Reasons
// are given for Fail and Error; a Pass may carry none.
type Result struct {
	Outcome Outcome
	Reasons []Reason
}

// Info describes a rule: identity, metadata and documentation.
type Info struct {
	// Name is the stable rule name, e.g. "Azure.ML.UserManagedIdentity".
	Name string
	// Ref is the stable reference, e.g. "AZR-000407".
	Ref string
	// Synopsis is the one-line summary.
	Synopsis string
	// Severity, Pillar and Category come from the rule's annotations
	// and tags (severity, Azure.WAF/pillar, category).
	Severity Severity
	Pillar   string
	Category string
	// Tags and Labels are the rule's metadata used by baselines.
	Tags   map[string]string
	Labels map[string][]string
	// Types are the resource types the rule applies to (spec.type);
	// empty means any.
	Types []string
	// Doc is the rule's documentation, or nil.
	Doc *Doc
	// HelpURI is where the rule's documentation is published.
	HelpURI string
	// Source is where the rule was declared.
	Source source.Pos
}

// Doc is a rule's documentation in the shape PSRule users know.
type Doc struct {
	Synopsis       string
	Description    string
	Recommendation string
	// Examples holds the fenced example blocks by language: "json" for
	// the ARM template, "bicep" for Bicep. They are test inputs.
	Examples []Example
	// Links are the "Links" section's items.
	Links []Link
	// Markdown is the whole document as written.
	Markdown string
}

// Example is one fenced code block of a rule doc.
type Example struct {
	Title    string
	Language string
	Code     string
}

// Link is a titled URL.
type Link struct {
	Title string
	URL   string
}

// Rule is a check on one target.
type Rule interface {
	// Info returns the rule's description. It never changes.
	Info() *Info
	// Evaluate runs the rule on t. It returns None when the rule does
	// not apply (wrong type, precondition not met). It must not panic on
	// any target.
	Evaluate(t *Target) Result
}

// Body is the document's Markdown without its YAML front matter: what a
// reader is shown (the front matter is metadata for tools).
func (d *Doc) Body() string {
	md := d.Markdown
	if !strings.HasPrefix(md, "---") {
		return md
	}
	rest := md[3:]
	if i := strings.Index(rest, "\n---"); i >= 0 {
		return strings.TrimLeft(rest[i+4:], "\r\n")
	}
	return md
}
