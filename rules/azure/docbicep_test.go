package azure

import (
	"fmt"
	"testing"

	"github.com/azrule/azrule/arm/expand"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/bicep/compile"
	"github.com/azrule/azrule/bicep/parser"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/rules/ruledoc"
)

// TestDocBicepExamplesPass compiles the Bicep example of every rule doc,
// expands the result as a deployment and expects what the template
// example must give: at least one resource the rule applies to, a Pass on
// each, and no failure of any other Azure.ML rule.
func TestDocBicepExamplesPass(t *testing.T) {
	b, err := LoadBuiltin()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	for _, r := range b.Rules {
		info := r.Info()
		t.Run(info.Name, func(t *testing.T) {
			targets := compileExample(t, info, b.Meta[info.Name])
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
						t.Errorf("%s on %s %s from the doc's Bicep example = %s: %v",
							other.Info().Name, target.Type, target.Name, res.Outcome, reasons(res))
					}
				}
			}
			if own == 0 {
				t.Errorf("the Bicep example creates no resource of type %q that the rule applies to (it creates %s)",
					info.Types, describe(targets))
			}
		})
	}
}

// compileExample compiles and expands the doc's ```bicep example.
func compileExample(t *testing.T, info *rules.Info, meta ruledoc.Meta) []*rules.Target {
	t.Helper()
	line := 0
	var code string
	for i, ex := range info.Doc.Examples {
		if ex.Language == "bicep" {
			code = ex.Code
			if i < len(meta.ExampleLines) {
				line = meta.ExampleLines[i]
			}
			break
		}
	}
	if code == "" {
		t.Fatal("doc has no ```bicep example")
	}
	// Errors in the example point at its lines in the doc. The name ends
	// in .bicep so that the parser reads it as a Bicep file.
	name := fmt.Sprintf("%s/ml/docs/%s.md#example.bicep", Root, info.Name)
	f := exampleFile(name, info.Doc.Markdown, line, code)
	pf, errs := parser.ParseFile(f)
	if len(errs) > 0 {
		t.Fatalf("example does not parse: %v", errs.Err())
	}
	res := compile.Compile(pf, name, compile.Options{})
	if len(res.Errors) > 0 {
		t.Fatalf("example does not compile: %v", res.Errors.Err())
	}
	tmpl, errs := template.DecodeObject(f, res.Template)
	if len(errs) > 0 {
		t.Fatalf("compiled example is not a valid template: %v", errs.Err())
	}
	out := expand.Expand(tmpl, expand.Options{})
	if all := out.AllErrors(); len(all) > 0 {
		t.Fatalf("compiled example does not expand cleanly: %v", all.Err())
	}
	var targets []*rules.Target
	for _, r := range out.Resources {
		targets = append(targets, &rules.Target{Name: r.Name, Type: r.Type, ID: r.ID, Object: r.Body, Pos: r.Pos, Errors: r.Errors})
	}
	return targets
}
