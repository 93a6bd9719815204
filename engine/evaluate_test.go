package engine

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// fakeRule answers with a fixed result, or panics.
type fakeRule struct {
	info  rules.Info
	res   func(t *rules.Target) rules.Result
	panic bool
}

func (r *fakeRule) Info() *rules.Info { return &r.info }
func (r *fakeRule) Evaluate(t *rules.Target) rules.Result {
	if r.panic {
		panic("boom")
	}
	return r.res(t)
}

type suppressByName string

func (s suppressByName) Suppress(info *rules.Info, t *rules.Target, res rules.Result) (string, bool) {
	return "test", t.Name == string(s)
}

func TestEvaluate(t *testing.T) {
	f := source.NewFile("main.json", []byte("line1\n  line2\n    line3\n"))
	ws := "Microsoft.MachineLearningServices/workspaces"
	failing := &fakeRule{info: rules.Info{Name: "B.Fail", Types: []string{ws}}, res: func(t *rules.Target) rules.Result {
		return rules.Result{Outcome: rules.Fail, Reasons: []rules.Reason{{Path: "identity.type", Message: "Is set to 'x'.", Pos: f.Pos(8)}}}
	}}
	passing := &fakeRule{info: rules.Info{Name: "A.Pass", Types: []string{strings.ToLower(ws)}}, res: func(*rules.Target) rules.Result {
		return rules.Result{Outcome: rules.Pass}
	}}
	other := &fakeRule{info: rules.Info{Name: "C.Other", Types: []string{"Microsoft.Storage/storageAccounts"}}, res: func(*rules.Target) rules.Result {
		t.Error("a rule ran on a target of another type")
		return rules.Result{}
	}}
	broken := &fakeRule{info: rules.Info{Name: "D.Panics"}, panic: true}
	targets := []*rules.Target{
		{Name: "w2", Type: ws, Object: value.NewObject(f.Pos(14)), Pos: f.Pos(14)},
		{Name: "w1", Type: ws, Object: value.NewObject(f.Pos(0)), Pos: f.Pos(0)},
	}
	r := Evaluate([]Analysis{{Input: "main.json", Targets: targets, Errors: []*source.Error{source.Errorf(f.Pos(2), "bad")}}},
		[]rules.Rule{failing, passing, other, broken}, Options{Suppressor: suppressByName("w2")})

	var got []string
	for _, rec := range r.Records {
		line := rec.TargetName + " " + rec.Rule.Name + " " + rec.Outcome.String()
		if rec.Suppressed {
			line += " suppressed"
		}
		got = append(got, line)
	}
	want := []string{
		// w1 is declared first, so it sorts first; rules by name.
		"w1 A.Pass Pass", "w1 B.Fail Fail", "w1 D.Panics Error",
		"w2 A.Pass Pass suppressed", "w2 B.Fail Fail suppressed", "w2 D.Panics Error suppressed",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A failure points first at the deciding value, then the declaration.
	fail := r.Records[1]
	if len(fail.Source) != 2 || fail.Source[0].String() != "main.json:2:3" || fail.Source[1].String() != "main.json:1:1" {
		t.Errorf("fail sources = %v", fail.Source)
	}
	if pass := r.Records[0]; len(pass.Source) != 1 {
		t.Errorf("a pass points at the declaration only: %v", pass.Source)
	}
	if !strings.Contains(r.Records[2].Reasons[0].Message, "internal error in rule D.Panics") {
		t.Errorf("panic reason = %v", r.Records[2].Reasons)
	}
	if len(r.Errors) != 1 || r.Errors[0].Position.String() != "main.json:1:3" {
		t.Errorf("errors = %v", r.Errors)
	}
	count := func(o rules.Outcome) int {
		n := 0
		for _, rec := range r.Records {
			if rec.Outcome == o {
				n++
			}
		}
		return n
	}
	if count(rules.Fail) != 2 || count(rules.Pass) != 2 || len(r.Rules) != 4 || r.Rules[0].Name != "A.Pass" {
		t.Errorf("counts: fail %d pass %d rules %d", count(rules.Fail), count(rules.Pass), len(r.Rules))
	}
}

func TestErrorsOfUncheckedTargetsAreWarnings(t *testing.T) {
	f := source.NewFile("main.json", []byte("{}"))
	rule := &fakeRule{info: rules.Info{Name: "A", Types: []string{"X/y"}}, res: func(*rules.Target) rules.Result { return rules.Result{Outcome: rules.Error} }}
	r := Evaluate([]Analysis{{Input: "main.json", Targets: []*rules.Target{
		{Name: "checked", Type: "X/y", Pos: f.Pos(0), Errors: source.ErrorList{source.Errorf(f.Pos(0), "seen by the rule")}},
		{Name: "unchecked", Type: "Other/type", Pos: f.Pos(1), Errors: source.ErrorList{source.Errorf(f.Pos(1), "nobody looks")}},
	}}}, []rules.Rule{rule}, Options{})
	if len(r.Warnings) != 1 || r.Warnings[0].Message != "nobody looks" || len(r.Errors) != 0 {
		t.Errorf("warnings %v, errors %v", r.Warnings, r.Errors)
	}
}

func TestAddErrorsKeepsOrder(t *testing.T) {
	a := source.NewFile("a.json", []byte("x\ny\n"))
	b := source.NewFile("b.json", []byte("x\n"))
	r := &Report{}
	r.AddErrors([]*source.Error{source.Errorf(b.Pos(0), "3"), source.Errorf(a.Pos(2), "2"), source.Errorf(a.Pos(0), "1")})
	r.AddWarnings([]*source.Error{source.Errorf(b.Pos(0), "w")})
	var got []string
	for _, e := range r.Errors {
		got = append(got, e.Message)
	}
	if strings.Join(got, "") != "123" || len(r.Warnings) != 1 {
		t.Errorf("errors %v, warnings %v", got, r.Warnings)
	}
}
