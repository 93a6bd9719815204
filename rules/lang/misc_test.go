package lang

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

func TestScalarsKeepTheirText(t *testing.T) {
	f := mustParse(t, "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata:
  name: Scalars
  tags: {ruleSet: 2020.10, count: 007, flag: true}
  annotations: {links: [a, b]}
spec:
  condition:
    anyOf:
    - {field: 2020, exists: true}
    - &base {field: other, exists: true}
    - {<<: *base, field: name}
`)
	if len(f.Rules) != 1 {
		t.Fatalf("rules: %v (warnings %v)", f.Rules, f.Warnings)
	}
	r := f.Rules[0]
	if got := r.Tags; got["ruleSet"] != "2020.10" || got["count"] != "007" || got["flag"] != "true" {
		t.Errorf("tags = %v", got)
	}
	if got := r.Annotations["links"]; got != `["a","b"]` {
		t.Errorf("structured annotation = %q", got)
	}
	if got := r.Evaluate(target(t, "T", `{"2020": 1}`)).Outcome; got != rules.Pass {
		t.Errorf("numeric field name: %v", got)
	}
	if got := r.Evaluate(target(t, "T", `{"name": "x"}`)).Outcome; got != rules.Pass {
		t.Errorf("merge key: %v", got)
	}
	if got := r.Evaluate(target(t, "T", `{}`)).Outcome; got != rules.Fail {
		t.Errorf("neither: %v", got)
	}
}

func TestQuantifierReason(t *testing.T) {
	tg := target(t, "T", `{"rules": [{"on": true}, {"on": false}, {"on": true}]}`)
	for expr, want := range map[string]string{
		"{field: rules, count: 1, allOf: [{field: on, equals: true}]}":                      "Path rules: Has 2 matching items; expected exactly 1.",
		"{field: rules, less: 2, allOf: [{field: on, equals: true}]}":                       "Path rules: Has 2 matching items; expected fewer than 2.",
		"{field: rules, lessOrEqual: 1, allOf: [{field: on, equals: true}]}":                "Path rules: Has 2 matching items; expected at most 1.",
		"{field: rules, greater: 2, allOf: [{field: on, equals: true}]}":                    "Path rules: Has 2 matching items; expected more than 2.",
		"{field: rules, greaterOrEqual: 3, anyOf: [{field: on, equals: true}]}":             "Path rules: Has 2 matching items; expected at least 3.",
		"{field: rules, where: {field: on, equals: x}, allOf: [{field: on, exists: true}]}": "Path rules: No items were found that match the sub-selector.",
	} {
		got, reasons := mustExpr(t, expr).Eval(tg)
		if got != False || len(reasons) != 1 || reasons[0].String() != want {
			t.Errorf("%s: %v %v\nwant %s", expr, got, reasons, want)
		}
	}
}

func TestSetDocAndMeta(t *testing.T) {
	f := mustParse(t, "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: NoSynopsis, annotations: {severity: Critical}}
spec: {condition: {field: a, exists: true}}
`)
	r := f.Rules[0]
	r.SetDoc(&rules.Doc{Synopsis: "From the doc."}, "https://example.test/NoSynopsis")
	r.SetMeta(rules.Awareness, "Security", "Identity")
	info := r.Info()
	if info.Synopsis != "From the doc." || info.HelpURI != "https://example.test/NoSynopsis" || info.Doc == nil {
		t.Errorf("doc not attached: %+v", info)
	}
	if info.Severity != rules.Critical || info.Pillar != "Security" || info.Category != "Identity" {
		t.Errorf("meta: severity %q pillar %q category %q (the rule file's severity wins)", info.Severity, info.Pillar, info.Category)
	}
}

func TestWarnings(t *testing.T) {
	f, errs := ParseFile(source.NewFile("r.yaml", []byte(`
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
extra: 1
metadata: {name: W}
spec:
  condition: {field: a, exists: true}
  recommendation: typo
`)))
	if len(errs) > 0 || len(f.Rules) != 1 {
		t.Fatalf("errors %v", errs)
	}
	var msgs []string
	for _, w := range f.Warnings {
		msgs = append(msgs, w.Error())
	}
	got := strings.Join(msgs, "\n")
	if !strings.Contains(got, `r.yaml:4:1: ignored unknown top-level property "extra"`) || !strings.Contains(got, "r.yaml:8:3: ignored unknown rule property spec.recommendation") {
		t.Errorf("warnings:\n%s", got)
	}
}
