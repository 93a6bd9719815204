package lang

import (
	"strings"
	"testing"
	"time"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

func init() {
	// Date conditions count days from now: fix the clock for tests.
	nowFunc = func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }
}

// mustExpr compiles a YAML expression (flow or block style).
func mustExpr(t testing.TB, yamlText string) *Expr {
	t.Helper()
	e, errs := parseYAMLExpr(yamlText)
	if len(errs) > 0 {
		t.Fatalf("expression %s: %v", yamlText, errs)
	}
	return e
}

func parseYAMLExpr(yamlText string) (*Expr, source.ErrorList) {
	f := source.NewFile("expr.yaml", []byte(yamlText))
	var errs source.ErrorList
	docs := decodeYAMLValues(f, &errs)
	if len(errs) > 0 {
		return nil, errs
	}
	return ParseExpr(docs[0])
}

// decodeYAMLValues decodes every document of f without the rule-document
// checks, for tests of expressions.
func decodeYAMLValues(f *source.File, errs *source.ErrorList) []value.Value {
	var out []value.Value
	for _, d := range decodeYAML(f, errs) {
		out = append(out, d.obj)
	}
	return out
}

// target builds a target from JSON; string values "{{unknown:NAME}}"
// become deployment-time values of parameter NAME.
func target(t testing.TB, typ, jsonText string) *rules.Target {
	t.Helper()
	f := source.NewFile("main.json", []byte(jsonText))
	v, err := jsonc.Parse(f)
	if err != nil {
		t.Fatalf("target JSON: %v", err)
	}
	obj, ok := unknowns(v).(*value.Object)
	if !ok {
		t.Fatalf("target JSON is not an object")
	}
	name := ""
	if n, ok := obj.Get("name"); ok {
		if s, ok := n.(value.String); ok {
			name = s.V
		}
	}
	return &rules.Target{Name: name, Type: typ, Object: obj, Pos: obj.Pos(),
		ID: "/subscriptions/s/resourceGroups/rg/providers/" + typ + "/" + name}
}

func unknowns(v value.Value) value.Value {
	switch v := v.(type) {
	case value.String:
		if name, ok := strings.CutPrefix(v.V, "{{unknown:"); ok {
			name = strings.TrimSuffix(name, "}}")
			return value.Unknown{Origin: "parameter '" + name + "' has no value", Text: "{{parameters('" + name + "')}}", At: v.At}
		}
	case *value.Array:
		for i, e := range v.Elems {
			v.Elems[i] = unknowns(e)
		}
	case *value.Object:
		for _, m := range v.Members() {
			v.Set(m.Key, unknowns(m.Value))
		}
	}
	return v
}
