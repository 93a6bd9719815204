package lang

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

const yamlRules = `# A module's rules.
---
# Synopsis: Use user-assigned identities.
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata:
  name: Azure.ML.UserManagedIdentity
  ref: AZR-000407
  tags:
    release: GA
    ruleSet: 2023_12
    Azure.WAF/pillar: Security
  labels:
    Azure.MCSB.v1/control: [ 'IM-1', 'IM-3' ]
    Azure.WAF/maturity: L1
  annotations:
    severity: Important
spec:
  level: Error
  type:
  - Microsoft.MachineLearningServices/workspaces
  condition:
    field: identity.type
    equals: UserAssigned
---
# Not a synopsis comment.
# Synopsis: Compute instances.
apiVersion: github.com/microsoft/PSRule/v1
kind: Selector
metadata:
  name: IsCompute
spec:
  if:
    type: '.'
    equals: Microsoft.MachineLearningServices/workspaces/computes
---
apiVersion: github.com/microsoft/PSRule/v1
kind: ModuleConfig
metadata:
  name: Config
spec: {}
`

func TestParseYAMLRuleFile(t *testing.T) {
	f, errs := ParseFile(source.NewFile("ml.Rule.yaml", []byte(yamlRules)))
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(f.Rules) != 1 || len(f.Selectors) != 1 {
		t.Fatalf("got %d rules, %d selectors", len(f.Rules), len(f.Selectors))
	}
	r := f.Rules[0]
	info := r.Info()
	if info.Name != "Azure.ML.UserManagedIdentity" || info.Ref != "AZR-000407" {
		t.Errorf("name/ref = %q %q", info.Name, info.Ref)
	}
	if info.Synopsis != "Use user-assigned identities." {
		t.Errorf("synopsis = %q", info.Synopsis)
	}
	if info.Tags["ruleSet"] != "2023_12" || info.Tags["release"] != "GA" {
		t.Errorf("tags = %v", info.Tags)
	}
	if got := info.Labels["Azure.MCSB.v1/control"]; len(got) != 2 || got[1] != "IM-3" {
		t.Errorf("list label = %v", got)
	}
	if got := info.Labels["Azure.WAF/maturity"]; len(got) != 1 || got[0] != "L1" {
		t.Errorf("string label = %v", got)
	}
	if info.Severity != rules.Important || info.Pillar != "Security" {
		t.Errorf("severity/pillar = %q %q", info.Severity, info.Pillar)
	}
	if len(info.Types) != 1 || r.Level != "Error" {
		t.Errorf("types/level = %v %q", info.Types, r.Level)
	}
	if pos := info.Source.Position(); pos.Line != 4 || pos.Column != 1 {
		t.Errorf("source = %v, want line 4 column 1", pos)
	}
	if pos := r.NamePos.Position(); pos.Line != 7 || pos.Column != 9 {
		t.Errorf("name position = %v, want 7:9", pos)
	}
	if s := f.Selectors[0].Synopsis; s != "Compute instances." {
		t.Errorf("selector synopsis = %q", s)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0].Message, "ModuleConfig") {
		t.Errorf("warnings = %v, want one for ModuleConfig", f.Warnings)
	}
	if pos := f.Warnings[0].Pos.Position(); pos.Line != 38 {
		t.Errorf("warning at %v, want line 38 (kind)", pos)
	}
}

const jsonRules = `[
  {
    // Synopsis: Disable local authentication.
    "apiVersion": "github.com/microsoft/PSRule/v1",
    "kind": "Rule",
    "metadata": {
      "name": "Json.Rule",
      "tags": { "release": "GA" },
    },
    "spec": {
      "type": [ "Microsoft.MachineLearningServices/workspaces/computes" ],
      "condition": { "field": "properties.disableLocalAuth", "equals": true }
    }
  },
  {
    "$schema": "https://raw.githubusercontent.com/microsoft/PSRule/main/schemas/PSRule-language.schema.json",
    "apiVersion": "github.com/microsoft/PSRule/v1",
    "kind": "Baseline",
    "metadata": { "name": "Json.Baseline" },
    "spec": {
      "rule": { "include": [ "Json.*" ], "tag": { "release": "GA" } },
      "configuration": { "AZURE_PARAMETER_DEFAULTS": { "x": 1 } }
    }
  }
]`

func TestJSONSynopsisAboveTheObject(t *testing.T) {
	f := mustParse(t, "r.json", `[
  // Synopsis: Written above.
  {
    "apiVersion": "github.com/microsoft/PSRule/v1", "kind": "Rule",
    "metadata": { "name": "Above" },
    "spec": { "condition": { "field": "a", "exists": true } }
  }
]`)
	if got := f.Rules[0].Synopsis; got != "Written above." {
		t.Errorf("synopsis = %q", got)
	}
}

func TestParseJSONRuleFile(t *testing.T) {
	f, errs := ParseFile(source.NewFile("rules.Rule.jsonc", []byte(jsonRules)))
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(f.Rules) != 1 || len(f.Baselines) != 1 {
		t.Fatalf("got %d rules, %d baselines", len(f.Rules), len(f.Baselines))
	}
	if s := f.Rules[0].Info().Synopsis; s != "Disable local authentication." {
		t.Errorf("synopsis = %q", s)
	}
	if len(f.Warnings) != 0 {
		t.Errorf("warnings: %v", f.Warnings)
	}
	b := f.Baselines[0]
	if b.Configuration == nil || !b.Configuration.Has("AZURE_PARAMETER_DEFAULTS") {
		t.Errorf("configuration not read")
	}
	if !b.Selects(f.Rules[0].Info()) {
		t.Errorf("baseline does not select its rule")
	}
}

// TestParseErrors checks that each mistake is reported once, at the line
// and column of the key or value at fault, with a message that says what
// to do.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, file, text string
		want             string // "line:col: message fragment"
	}{
		{"unknown condition", "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: R}
spec:
  condition:
    field: a
    equal: b
`, `8:5: unknown condition or property "equal"; did you mean "equals"?`},
		{"wrong argument type", "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: R}
spec:
  condition:
    field: a
    in: b
`, "8:9: in must be a list of values; found a string"},
		{"no operand", "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: R}
spec:
  condition:
    equals: b
`, "7:5: equals needs an operand"},
		{"two conditions", "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: R}
spec:
  condition:
    field: a
    exists: true
    equals: b
`, `9:5: an expression has one condition; "exists" and "equals"`},
		{"bad regular expression", "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: R}
spec:
  condition:
    anyOf:
    - field: a
      match: '(a'
`, "9:14: invalid regular expression"},
		{"bad path", "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: R}
spec:
  condition:
    field: 'properties[x'
    exists: true
`, `7:24: field path "properties[x"`},
		{"modifier not taken", "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: R}
spec:
  condition:
    field: a
    exists: true
    caseSensitive: true
`, "9:5: exists does not take caseSensitive"},
		{"type must be dot", "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: R}
spec:
  condition:
    type: Microsoft.Web/sites
    equals: x
`, "7:11: type must be '.'"},
		{"no condition", "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: R}
spec:
  type: [x]
`, "6:3: the rule \"R\" has no spec.condition"},
		{"no name", "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Selector
metadata: {ref: x}
spec: {if: {field: a, exists: true}}
`, "4:11: metadata.name is required"},
		{"yaml syntax", "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata:
  name: R
 spec: x
`, "2:1: invalid YAML: did not find expected key (check the indentation"},
		{"json syntax", "r.json", `[
  { "apiVersion": "github.com/microsoft/PSRule/v1", "kind": "Rule",
    "metadata": { "name": "R" },
    "spec": { "condition": { "field": "a", "exists": true } }
  ]
]`, "5:3:"},
		{"json expression", "r.json", `[
  { "apiVersion": "github.com/microsoft/PSRule/v1", "kind": "Rule",
    "metadata": { "name": "R" },
    "spec": { "condition": { "field": "a", "count": "many" } }
  }
]`, "4:53: count must be an integer"},
		{"sub-selector on not", "r.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: R}
spec:
  condition:
    field: a
    not: {field: b, exists: true}
`, "8:5: sub-selectors (field, where, quantifiers) apply to allOf and anyOf"},
		{"deep nesting", "r.json", `[{"apiVersion": "github.com/microsoft/PSRule/v1", "kind": "Rule", "metadata": {"name": "R"},
"spec": {"condition": ` + strings.Repeat(`{"not": `, 70) + `{"field": "a", "exists": true}` + strings.Repeat("}", 70) + `}}]`,
			"2:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, errs := ParseFile(source.NewFile(c.file, []byte(c.text)))
			if len(errs) == 0 {
				t.Fatalf("no error; want %s", c.want)
			}
			got := errs[0].Error()
			if !strings.HasPrefix(got, c.file+":") || !strings.Contains(got, c.want) {
				t.Errorf("got %v\nwant %s", errs, c.want)
			}
			if len(f.Rules)+len(f.Selectors) != 0 {
				t.Errorf("a document with errors was kept")
			}
		})
	}
}

func TestParseRejectsNonRuleDocuments(t *testing.T) {
	f, errs := ParseFile(source.NewFile("r.yaml", []byte("- a\n- b\n")))
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "must be a mapping") {
		t.Errorf("errors = %v", errs)
	}
	if len(f.Rules) != 0 {
		t.Error("rules from a list")
	}
	f, errs = ParseFile(source.NewFile("r.yaml", []byte("apiVersion: other/v1\nkind: Rule\n")))
	if len(errs) != 0 || len(f.Warnings) != 1 {
		t.Errorf("another apiVersion: errors %v warnings %v", errs, f.Warnings)
	}
}

func TestYAMLAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	_, errs := ParseFile(source.NewFile("bomb.yaml", []byte(b.String())))
	if len(errs) == 0 {
		t.Fatal("no error for an alias bomb")
	}
}

func TestCompile(t *testing.T) {
	a := mustParse(t, "a.Rule.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Selector
metadata: {name: IsWeb}
spec: {if: {type: ., equals: Microsoft.Web/sites}}
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: A.One, ref: AZR-000001}
spec:
  with: [Module\IsWeb]
  condition: {field: kind, exists: true}
`)
	b := mustParse(t, "b.Rule.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: a.one}
spec: {condition: {field: kind, exists: true}}
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: B.Two, ref: azr-000001}
spec: {condition: {field: kind, exists: true}}
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: B.Three}
spec:
  with: [IsWbe]
  condition: {field: kind, exists: true}
`)
	set, errs := Compile(a, b)
	want := []string{
		`b.Rule.yaml:4:18: duplicate rule name "a.one"; it is already used by the rule declared at a.Rule.yaml:9:18`,
		`b.Rule.yaml:9:30: duplicate rule ref "azr-000001"`,
		`b.Rule.yaml:16:10: the rule "B.Three" uses selector "IsWbe", which is not declared in any rule file; did you mean IsWeb?`,
	}
	if len(errs) != len(want) {
		t.Fatalf("errors:\n%v", errs)
	}
	for i, w := range want {
		if !strings.HasPrefix(errs[i].Error(), w) {
			t.Errorf("error %d = %s\nwant %s", i, errs[i], w)
		}
	}
	if len(set.Rules) != 1 || set.Rule("azr-000001") != set.Rules[0] || set.Rule("A.ONE") != set.Rules[0] {
		t.Errorf("set rules = %v", set.Rules)
	}
	r := set.Rules[0]
	if got := r.Evaluate(target(t, "Microsoft.Web/sites", `{"kind": "app"}`)).Outcome; got != rules.Pass {
		t.Errorf("on a site: %v", got)
	}
	if got := r.Evaluate(target(t, "Microsoft.Web/serverFarms", `{"kind": "app"}`)).Outcome; got != rules.None {
		t.Errorf("selector did not filter: %v", got)
	}
}

func mustParse(t *testing.T, name, text string) *File {
	t.Helper()
	f, errs := ParseFile(source.NewFile(name, []byte(text)))
	if len(errs) > 0 {
		t.Fatalf("%s: %v", name, errs)
	}
	return f
}

func TestEveryErrorOfAnExpressionIsReported(t *testing.T) {
	_, errs := parseYAMLExpr("{anyOf: [{field: a, match: '('}, {field: b, match: '['}, {field: c, in: x}]}")
	if len(errs) != 3 {
		t.Errorf("got %d errors, want 3: %v", len(errs), errs)
	}
}
