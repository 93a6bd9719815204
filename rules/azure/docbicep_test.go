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
