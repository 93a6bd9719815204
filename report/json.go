package report

import (
	"bytes"
	"encoding/json"

	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/source"
)

// jsonReport is the machine-readable report described in DESIGN.md. Field
// order here is the order in the output and is part of the format.
type jsonReport struct {
	Results []jsonResult `json:"results"`
	Errors  []jsonError  `json:"errors"`
	Summary summary      `json:"summary"`
}

type jsonResult struct {
	RuleName     string            `json:"ruleName"`
	RuleID       string            `json:"ruleId"`
	TargetName   string            `json:"targetName"`
	TargetType   string            `json:"targetType"`
	TargetID     string            `json:"targetId,omitempty"`
	Outcome      string            `json:"outcome"`
	Reason       []string          `json:"reason"`
	Source       []source.Position `json:"source"`
	Severity     string            `json:"severity"`
	Pillar       string            `json:"pillar"`
	Input        string            `json:"input,omitempty"`
	Suppressed   bool              `json:"suppressed,omitempty"`
	SuppressedBy string            `json:"suppressedBy,omitempty"`
}

type jsonError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
	Code    string `json:"code"`
}

// writeJSON writes {"results": [...], "errors": [...], "summary": {...}}
// with two-space indentation. ruleId is the rule's ref (AZR-000407), or
// its name when it has none. Default outcomes: Pass, Fail and Error (what
// PSRule calls Processed). Suppressed records are included, marked
// "suppressed": true, so that tools see what was hidden and by what.
// Arrays are never null, so consumers need no null checks.
func writeJSON(b *bytes.Buffer, r *engine.Report, v *view) error {
	out := jsonReport{Results: []jsonResult{}, Errors: []jsonError{}, Summary: v.sum}
	for i := range r.Records {
		rec := &r.Records[i]
		if !v.shows(rec) {
			continue
		}
		src := rec.Source
		if src == nil {
			src = []source.Position{}
		}
		out.Results = append(out.Results, jsonResult{
			RuleName:     ruleName(rec.Rule),
			RuleID:       ruleID(rec.Rule),
			TargetName:   rec.TargetName,
			TargetType:   rec.TargetType,
			TargetID:     rec.TargetID,
			Outcome:      rec.Outcome.String(),
			Reason:       reasons(rec, false),
			Source:       src,
			Severity:     severity(rec.Rule),
			Pillar:       pillar(rec.Rule),
			Input:        rec.Input,
			Suppressed:   rec.Suppressed,
			SuppressedBy: rec.SuppressedBy,
		})
	}
	for _, e := range sortedErrors(r) {
		out.Errors = append(out.Errors, jsonError{
			File:    e.Position.File,
			Line:    e.Position.Line,
			Column:  e.Position.Column,
			Message: e.Message,
			Code:    e.Code,
		})
	}
	enc := json.NewEncoder(b)
	enc.SetIndent("", "  ")
	// Messages quote template text such as '<' and '&'; keep them readable.
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
