package azure

import (
	"fmt"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/expand"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/rules/ruledoc"
)

// TestDocExamplesPass runs the rules on what each rule doc's examples
// deploy: the Azure template (```json) expanded as a deployment, and the
// Bicep file (```bicep) compiled and expanded. Each example must create at
// least one resource of the rule's type and the rule must pass on each of
// them: a doc that shows how to pass must not show something that fails.
// Every other Azure.ML rule must not fail on it either, so that fixing one
// finding by the doc does not teach another.
func TestDocExamplesPass(t *testing.T) {
	b, err := LoadBuiltin()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	examples := []struct {
		what   string
		deploy func(*testing.T, *rules.Info, ruledoc.Meta) []*rules.Target
	}{
		{"template example", expandExample},
		{"Bicep example", compileExample},
	}
	for _, r := range b.Rules {
		info := r.Info()
		for _, ex := range examples {
			t.Run(info.Name+"/"+ex.what, func(t *testing.T) {
				targets := ex.deploy(t, info, b.Meta[info.Name])
				own := 0
				for _, target := range targets {
					for _, other := range b.Rules {
						res := other.Evaluate(target)
						isOwn := other.Info().Name == info.Name
						if isOwn && res.Outcome != rules.None {
							own++
						}
						if (isOwn && res.Outcome != rules.Pass && typeOf(info, target)) ||
							res.Outcome == rules.Fail || res.Outcome == rules.Error {
							t.Errorf("%s on %s %s from the doc's %s = %s: %v",
								other.Info().Name, target.Type, target.Name, ex.what, res.Outcome, reasons(res))
						}
					}
				}
				if own == 0 {
					t.Errorf("the %s creates no resource of type %q that the rule applies to (it creates %s)",
						ex.what, info.Types, describe(targets))
				}
			})
		}
	}
}

// expandExample decodes and expands the doc's ```json example with the
// default deployment context and returns its resources as targets.
func expandExample(t *testing.T, info *rules.Info, meta ruledoc.Meta) []*rules.Target {
	t.Helper()
	ex := ruledoc.Example(info.Doc, "json")
	if ex == nil {
		t.Fatal("doc has no ```json example")
	}
	line := 0
	for i := range info.Doc.Examples {
		if &info.Doc.Examples[i] == ex && i < len(meta.ExampleLines) {
			line = meta.ExampleLines[i]
		}
	}
	// Errors in the example point at its lines in the doc.
	f := exampleFile(fmt.Sprintf("%s/ml/docs/%s.md", Root, info.Name), info.Doc.Markdown, line, ex.Code)
	root, err := jsonc.Parse(f)
	if err != nil {
		t.Fatalf("example is not valid JSON: %v", err)
	}
	tmpl, errs := template.Decode(f, root)
	if len(errs) > 0 {
		t.Fatalf("example is not a valid template: %v", errs.Err())
	}
	res := expand.Expand(tmpl, expand.Options{})
	if all := res.AllErrors(); len(all) > 0 {
		t.Fatalf("example does not expand cleanly: %v", all.Err())
	}
	var targets []*rules.Target
	for _, r := range res.Resources {
		targets = append(targets, &rules.Target{Name: r.Name, Type: r.Type, ID: r.ID, Object: r.Body, Pos: r.Pos, Errors: r.Errors})
	}
	return targets
}

func typeOf(info *rules.Info, t *rules.Target) bool {
	for _, ty := range info.Types {
		if strings.EqualFold(ty, t.Type) {
			return true
		}
	}
	return false
}

func reasons(res rules.Result) []string {
	var out []string
	for _, r := range res.Reasons {
		out = append(out, r.String())
	}
	return out
}

func describe(targets []*rules.Target) string {
	if len(targets) == 0 {
		return "nothing"
	}
	var parts []string
	for _, t := range targets {
		parts = append(parts, t.Type+" "+t.Name)
	}
	return strings.Join(parts, ", ")
}
