package engine

import (
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// Record is the outcome of one rule on one target: one line of a report.
type Record struct {
	// Rule describes the rule that ran.
	Rule *rules.Info
	// TargetName, TargetType and TargetID identify the resource.
	TargetName string
	TargetType string
	TargetID   string
	// Input is the file that was analysed to produce the target: the
	// parameter file, template, Bicep file or exported-resource file, as
	// a path relative to the scan root with forward slashes.
	Input string
	// Outcome and Reasons are what the rule returned.
	Outcome rules.Outcome
	Reasons []rules.Reason
	// Source lists where to look, most specific first: the position of
	// the value that decided the outcome (when there is one), then the
	// resource declaration.
	Source []source.Position
	// Suppressed is set when a suppression matched the record; the
	// outcome is kept as it was. SuppressedBy says which suppression.
	Suppressed   bool
	SuppressedBy string

	pos int // offset of the target's declaration, for sorting
}

// InputError is a problem with an input that is not a rule outcome: a
// file that is not valid JSON, a template that cannot be expanded.
type InputError struct {
	Position source.Position
	Code     string
	Message  string
}

// Report is the whole result of a run.
type Report struct {
	// Records are sorted by input file, target position, rule name.
	Records []Record
	// Errors are sorted by file and position.
	Errors []InputError
	// Warnings are problems that do not change the exit status: unknown
	// options, suppressions that matched nothing or have expired.
	Warnings []InputError
	// Rules are the rules that ran, sorted by name.
	Rules []*rules.Info
	// Files is the number of files analysed.
	Files int
}

// AddErrors adds positioned problems to the report's input errors, kept in
// order of file and position.
func (r *Report) AddErrors(errs []*source.Error) {
	for _, e := range errs {
		r.Errors = append(r.Errors, inputError(e))
	}
	sortErrors(r.Errors)
}

// AddWarnings adds positioned warnings to the report.
func (r *Report) AddWarnings(ws []*source.Error) {
	for _, w := range ws {
		r.Warnings = append(r.Warnings, inputError(w))
	}
	sortErrors(r.Warnings)
}

func inputError(e *source.Error) InputError {
	return InputError{Position: e.Pos.Position(), Code: e.Code, Message: e.Message}
}

// Text is the message with its code in front ("JSON012 unexpected ..."),
// as reports and the command line show it.
func (e *InputError) Text() string {
	if e.Code == "" {
		return e.Message
	}
	return e.Code + " " + e.Message
}
