package lang

import (
	"testing"

	"github.com/azrule/azrule/source"
)

// FuzzParseFile feeds arbitrary rule files through parsing, compiling and
// evaluation: none of it may panic, and every error must have a position.
func FuzzParseFile(f *testing.F) {
	f.Add("r.yaml", yamlRules)
	f.Add("r.json", jsonRules)
	f.Add("r.yaml", ruleDocs)
	f.Add("r.yaml", benchRules)
	f.Add("r.yaml", "a: &x [*x]")
	tg := target(f, "Microsoft.Web/sites", siteDoc)
	f.Fuzz(func(t *testing.T, name, text string) {
		if name != "r.json" {
			name = "r.yaml"
		}
		file, errs := ParseFile(source.NewFile(name, []byte(text)))
		for _, e := range errs {
			if !e.Pos.IsValid() {
				t.Fatalf("error without a position: %v", e)
			}
		}
		set, _ := Compile(file)
		for _, r := range set.Rules {
			r.Evaluate(tg)
		}
		for _, s := range set.Selectors {
			s.Match(tg)
		}
	})
}
