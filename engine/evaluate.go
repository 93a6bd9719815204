package engine

import (
	"sort"
	"strings"

	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// Analysis is what one input produced: the targets to run rules on and
// the problems found working them out.
type Analysis struct {
	// Input is the file findings name (forward-slash path).
	Input   string
	Targets []*rules.Target
	Errors  []*source.Error
}

// Suppressor decides whether a result is suppressed. It sees the rule, the
// target and the result, and returns a description of the suppression
// that matched ("ps-rule.yaml suppression", "suppression group X",
// "comment at main.bicep:12:3").
type Suppressor interface {
	Suppress(info *rules.Info, t *rules.Target, res rules.Result) (by string, ok bool)
}

// Options control evaluation.
type Options struct {
	// Suppressor marks suppressed results; nil suppresses nothing.
	Suppressor Suppressor
}

// Evaluate runs every rule on every target of the analyses and returns
// the report. A rule is run on a target only when the target's type is
// one of the rule's types (or the rule names none); the rule may still
// answer None, which is recorded so that --outcome None can show it.
// Suppression never changes an outcome: a suppressed record keeps it and
// is marked, so that reports can count it and show it on request.
func Evaluate(analyses []Analysis, set []rules.Rule, opt Options) *Report {
	r := &Report{Files: len(analyses)}
	for _, rule := range set {
		r.Rules = append(r.Rules, rule.Info())
	}
	sort.Slice(r.Rules, func(i, j int) bool { return r.Rules[i].Name < r.Rules[j].Name })
	for _, a := range analyses {
		for _, e := range a.Errors {
			r.Errors = append(r.Errors, inputError(e))
		}
		for _, t := range a.Targets {
			ran := false
			for _, rule := range set {
				info := rule.Info()
				if !typeMatches(info.Types, t.Type) {
					continue
				}
				ran = true
				res := evaluateSafely(rule, t)
				var by string
				suppressed := false
				if opt.Suppressor != nil && res.Outcome != rules.None {
					by, suppressed = opt.Suppressor.Suppress(info, t, res)
				}
				r.Records = append(r.Records, Record{
					Suppressed:   suppressed,
					SuppressedBy: by,
					Rule:         info,
					TargetName:   t.Name,
					TargetType:   t.Type,
					TargetID:     t.ID,
					Input:        a.Input,
					Outcome:      res.Outcome,
					Reasons:      res.Reasons,
					Source:       sourcesOf(res, t),
					pos:          t.Pos.Offset,
				})
			}
			// A problem in a resource that no rule looks at would otherwise
			// go unseen: it becomes a warning, since no outcome depends on it.
			if !ran {
				for _, e := range t.Errors {
					r.Warnings = append(r.Warnings, inputError(e))
				}
			}
		}
	}
	sortErrors(r.Warnings)
	sortReport(r)
	return r
}

// evaluateSafely runs a rule and turns a panic inside it into an Error
// outcome: one faulty rule must not end the whole scan, and the user
// needs to know the result is missing.
func evaluateSafely(rule rules.Rule, t *rules.Target) (res rules.Result) {
	defer func() {
		if p := recover(); p != nil {
			res = rules.Result{Outcome: rules.Error, Reasons: []rules.Reason{{
				Message: "internal error in rule " + rule.Info().Name + "; please report it",
			}}}
		}
	}()
	return rule.Evaluate(t)
}

func typeMatches(types []string, t string) bool {
	if len(types) == 0 {
		return true
	}
	for _, want := range types {
		if strings.EqualFold(want, t) {
			return true
		}
	}
	return false
}

// sourcesOf lists where to look: the positions of the values that
// decided the outcome, then the resource declaration.
func sourcesOf(res rules.Result, t *rules.Target) []source.Position {
	var out []source.Position
	seen := map[source.Position]bool{}
	add := func(p source.Pos) {
		if !p.IsValid() {
			return
		}
		pos := p.Position()
		if !pos.IsValid() || seen[pos] {
			return
		}
		seen[pos] = true
		out = append(out, pos)
	}
	if res.Outcome == rules.Fail || res.Outcome == rules.Error {
		for _, reason := range res.Reasons {
			add(reason.Pos)
		}
	}
	add(t.Pos)
	return out
}

func sortReport(r *Report) {
	sort.SliceStable(r.Records, func(i, j int) bool {
		a, b := &r.Records[i], &r.Records[j]
		if a.Input != b.Input {
			return a.Input < b.Input
		}
		if a.pos != b.pos {
			return a.pos < b.pos
		}
		if a.TargetName != b.TargetName {
			return a.TargetName < b.TargetName
		}
		return a.Rule.Name < b.Rule.Name
	})
	sortErrors(r.Errors)
}

func sortErrors(errs []InputError) {
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i].Position, errs[j].Position
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}
