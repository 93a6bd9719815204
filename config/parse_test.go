package config

import (
	"fmt"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

func diag(e *source.Error) string {
	p := e.Pos.Position()
	return fmt.Sprintf("%d:%d %s %s", p.Line, p.Column, e.Code, e.Message)
}

func parse(t *testing.T, src string) (*Config, []string, []string) {
	t.Helper()
	c, errs := Parse(source.NewFile("ps-rule.yaml", []byte(src)))
	if c == nil {
		t.Fatal("Parse returned a nil Config")
	}
	var es, ws []string
	for _, e := range errs {
		es = append(es, diag(e))
	}
	for _, w := range c.Warnings {
		ws = append(ws, diag(w))
	}
	return c, es, ws
}

func at(it Item) string {
	p := it.Pos.Position()
	return fmt.Sprintf("%s@%d:%d", it.Value, p.Line, p.Column)
}

func ats(items Items) string {
	var s []string
	for _, it := range items {
		s = append(s, at(it))
	}
	return strings.Join(s, " ")
}

const fullFile = `# PSRule for Azure project options
requires:
  PSRule.Rules.Azure: '>=1.30.0'
include:
  module:
  - PSRule.Rules.Azure
binding:
  targetName: [ResourceName]
input:
  pathIgnore:
  - '.vscode/'
  - '*.md'
  - '!docs/keep.md'
  ignoreGitPath: false
  ignoreRepositoryCommon: true
  targetType: Microsoft.MachineLearningServices/workspaces
  format: File
rule:
  include: [Azure.ML.PublicAccess, AZR-000407]
  exclude:
  - Azure.ML.ComputeVnet
  includeLocal: true
  baseline: '@latest'
  tag:
    release: GA
    Azure.WAF/pillar: [Security, Reliability]
baseline:
  group:
    latest: Azure.GA_2024_12
output:
  format: Sarif
  path: out/results.sarif
  outcome: Fail, Error
  sarifProblemsOnly: false
  jsonIndent: 2
  culture: [en-AU, en-US]
  style: GitHubActions
execution:
  ruleSuppressed: Ignore
  noMatchingRules: None
  unprocessedObject: Debug
  break: OnWarning
suppression:
  Azure.ML.PublicAccess:
  - mlw-a
  - mlw-b
  AZR-000407:
    targetName:
    - mlw-c
configuration:
  AZURE_RESOURCE_GROUP:
    name: rg-test
    location: australiaeast
  AZURE_PARAMETER_DEFAULTS:
    adminPassword: $CREDENTIAL_PLACEHOLDER$
    count: 3
  AZURE_BICEP_FILE_EXPANSION_TIMEOUT: 15
`

func TestParseFull(t *testing.T) {
	c, errs, warns := parse(t, fullFile)
	if len(errs) != 0 || len(warns) != 0 {
		t.Fatalf("errors %v\nwarnings %v", errs, warns)
	}
	checks := []struct{ name, got, want string }{
		{"pathIgnore", ats(c.Input.PathIgnore), ".vscode/@11:5 *.md@12:5 !docs/keep.md@13:5"},
		{"ignoreGitPath", fmt.Sprint(c.Input.IgnoreGitPath), "false"},
		{"ignoreRepositoryCommon", fmt.Sprint(c.Input.IgnoreRepositoryCommon), "true"},
		{"targetType", ats(c.Input.TargetType), "Microsoft.MachineLearningServices/workspaces@16:15"},
		{"format", c.Input.Format, "File"},
		{"include", ats(c.Rule.Include), "Azure.ML.PublicAccess@19:13 AZR-000407@19:36"},
		{"exclude", ats(c.Rule.Exclude), "Azure.ML.ComputeVnet@21:5"},
		{"includeLocal", fmt.Sprint(c.Rule.IncludeLocal), "true"},
		{"baseline", at(c.Rule.Baseline), "@latest@23:13"},
		{"tags", fmt.Sprintf("%s=%s %s=%s", c.Rule.Tag[0].Key, ats(c.Rule.Tag[0].Values), c.Rule.Tag[1].Key, ats(c.Rule.Tag[1].Values)),
			"release=GA@25:14 Azure.WAF/pillar=Security@26:24 Reliability@26:34"},
		{"group", fmt.Sprintf("%+v", c.Baseline.Group[0].Baseline), "Azure.GA_2024_12"},
		{"output.format", c.Output.Format + "@" + c.Output.FormatPos.String(), "sarif@ps-rule.yaml:31:11"},
		{"output.path", c.Output.Path, "out/results.sarif"},
		{"outcome", c.Output.Outcome.String(), "Problem"},
		{"sarifProblemsOnly", fmt.Sprint(c.Output.SarifProblemsOnly), "false"},
		{"jsonIndent", fmt.Sprint(c.Output.JSONIndent), "2"},
		{"culture", strings.Join(c.Output.Culture.Strings(), ","), "en-AU,en-US"},
		{"ruleSuppressed", c.Execution.RuleSuppressed.String(), "Ignore"},
		{"noMatchingRules (None is the default)", c.Execution.NoMatchingRules.String(), "Error"},
		{"unprocessedObject", c.Execution.UnprocessedObject.String(), "Debug"},
		{"untouched ruleExcluded", c.Execution.RuleExcluded.String(), "Ignore"},
		{"break", c.Execution.Break.String(), "OnWarning"},
		{"suppressions", fmt.Sprintf("%s:%s %s:%s", c.Suppression[0].Rule, ats(c.Suppression[0].Targets), c.Suppression[1].Rule, ats(c.Suppression[1].Targets)),
			"Azure.ML.PublicAccess:mlw-a@45:5 mlw-b@46:5 AZR-000407:mlw-c@49:7"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s: got %q, want %q", ch.name, ch.got, ch.want)
		}
	}
	if g, ok := c.Baseline.ResolveBaseline(c.Rule.Baseline.Value); !ok || g != "Azure.GA_2024_12" {
		t.Errorf("ResolveBaseline(@latest) = %q, %v", g, ok)
	}
	if _, ok := c.Baseline.ResolveBaseline("@nope"); ok {
		t.Error("an unknown group must not resolve")
	}
	if b, _ := c.Baseline.ResolveBaseline("Azure.All"); b != "Azure.All" {
		t.Errorf("a plain baseline name resolves to itself, got %q", b)
	}
	rg := c.ResourceGroup()
	if rg == nil {
		t.Fatal("ResourceGroup() is nil")
	}
	loc, _ := rg.Get("LOCATION")
	if s, ok := loc.(value.String); !ok || s.V != "australiaeast" || s.At.Position().Line != 53 || s.At.Position().Column != 15 {
		t.Errorf("AZURE_RESOURCE_GROUP.location = %#v at %v", loc, loc.Pos())
	}
	pd := c.ParameterDefaults()
	if n, _ := pd.Get("count"); n != (value.Int{V: 3, At: n.Pos()}) {
		t.Errorf("AZURE_PARAMETER_DEFAULTS.count = %#v", n)
	}
	if v, ok := c.Value("azure_bicep_file_expansion_timeout"); !ok || v.(value.Int).V != 15 {
		t.Errorf("Value is case-insensitive: %v %v", v, ok)
	}
	if c.Subscription() != nil || c.Deployer() != nil {
		t.Error("keys not set must give nil")
	}
	if !c.Output.Outcome.Has(rules.Fail) || !c.Output.Outcome.Has(rules.Error) || c.Output.Outcome.Has(rules.Pass) {
		t.Errorf("outcome filter %v", c.Output.Outcome)
	}
}

func TestParseDefaults(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n", "~\n"} {
		c, errs, warns := parse(t, src)
		if len(errs)+len(warns) != 0 {
			t.Errorf("%q: errors %v warnings %v", src, errs, warns)
		}
		d := Default()
		d.Path = c.Path
		if fmt.Sprint(c.Input, c.Output, c.Execution) != fmt.Sprint(d.Input, d.Output, d.Execution) {
			t.Errorf("%q: not the defaults: %+v", src, c)
		}
		if c.Output.Outcome != OutcomeProcessed || !c.Input.IgnoreGitPath || c.Execution.Break != BreakOnError {
			t.Errorf("%q: defaults wrong", src)
		}
	}
}

// TestParseErrors pins the position, code and message of each mistake.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"not a mapping", "- a\n- b\n", []string{"1:1 CFG002 an options file must be a mapping of options (input:, rule:, output: ...), not a list"}},
		{"syntax", "input:\n  pathIgnore: [a\n", []string{"2:1 CFG001 invalid YAML: did not find expected ',' or ']'"}},
		{"section not a mapping", "input: yes\n", []string{"1:8 CFG002 input must be a mapping, not a string"}},
		{"pathIgnore mapping", "input:\n  pathIgnore:\n    a: b\n", []string{"3:5 CFG002 input.pathIgnore must be a list of strings, not a mapping"}},
		{"pathIgnore element", "input:\n  pathIgnore:\n  - ok\n  - [x]\n", []string{"4:5 CFG002 input.pathIgnore[1] must be a string, not a list"}},
		{"bad pattern", "input:\n  pathIgnore:\n  - ok\n  - '[abc'\n", []string{`4:5 CFG002 input.pathIgnore: path pattern "[abc": has a '[' with no closing ']'; write '\[' for a literal one`}},
		{"bool", "input:\n  ignoreGitPath: 'no'\n", []string{"2:18 CFG002 input.ignoreGitPath must be true or false, not 'no'"}},
		{"includeLocal list", "rule:\n  includeLocal: [true]\n", []string{"2:17 CFG002 rule.includeLocal must be true or false, not a list"}},
		{"outcome", "output:\n  outcome: Failed\n", []string{"2:12 CFG002 output.outcome: unknown outcome 'Failed'; expected one of Pass, Fail, Error, None, Processed, Problem, All"}},
		{"format", "output:\n  format: html\n", []string{"2:11 CFG002 output.format: unknown output format 'html'; expected one of text, json, sarif, junit, nunit3, markdown, csv"}},
		{"jsonIndent range", "output:\n  jsonIndent: 8\n", []string{"2:15 CFG002 output.jsonIndent must be from 0 to 4, not 8"}},
		{"jsonIndent type", "output:\n  jsonIndent: two\n", []string{"2:15 CFG002 output.jsonIndent must be a whole number from 0 to 4, not 'two'"}},
		{"path not string", "output:\n  path: {a: 1}\n", []string{"2:9 CFG002 output.path must be a string, not a mapping"}},
		{"action", "execution:\n  ruleSuppressed: Loud\n", []string{"2:19 CFG002 execution.ruleSuppressed: unknown preference 'Loud'; expected one of Ignore, Warn, Error, Debug, None"}},
		{"break", "execution:\n  break: Always\n", []string{"2:10 CFG002 execution.break: unknown break level 'Always'; expected one of Never, OnError, OnWarning, OnInformation, None"}},
		{"suppression without targetName", "suppression:\n  Azure.ML.PublicAccess:\n    target: [a]\n", []string{"3:5 CFG002 suppression.Azure.ML.PublicAccess needs targetName: a list of target names to suppress"}},
		{"suppression bad target", "suppression:\n  R.One:\n  - {a: 1}\n", []string{"3:5 CFG002 suppression.R.One[0] must be a string, not a mapping"}},
		{"configuration list", "configuration: [a]\n", []string{"1:16 CFG002 configuration must be a mapping of keys to values, not a list"}},
		{"azure key not object", "configuration:\n  AZURE_RESOURCE_GROUP: rg-1\n", []string{"2:25 CFG002 configuration.AZURE_RESOURCE_GROUP must be an object of properties, not a string"}},
		{"azure property type", "configuration:\n  AZURE_SUBSCRIPTION:\n    subscriptionId: 42\n", []string{"3:21 CFG002 configuration.AZURE_SUBSCRIPTION.subscriptionId must be a string, not a number"}},
		{"key not scalar", "rule:\n  ? [a]\n  : b\n", []string{"2:5 CFG002 a key in rule must be a plain name, not a list"}},
		{"baseline group value", "baseline:\n  group:\n    latest: [a]\n", []string{"3:13 CFG002 baseline.group.latest must be a string, not a list"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, _ := parse(t, tt.src)
			if fmt.Sprint(errs) != fmt.Sprint(tt.want) {
				t.Errorf("errors:\n got %q\nwant %q", errs, tt.want)
			}
		})
	}
}

func TestParseWarnings(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"unknown top", "outptu:\n  format: json\n", []string{"1:1 CFG003 unknown option outptu; did you mean output?"}},
		{"unknown top far", "frobnicate: 1\n", []string{"1:1 CFG003 unknown option frobnicate; azrule reads input, rule, baseline, output, execution, suppression, configuration here"}},
		{"unknown in section", "input:\n  pathIgnor: [a]\n", []string{"2:3 CFG003 unknown option input.pathIgnor; did you mean input.pathIgnore?"}},
		{"no effect", "execution:\n  languageMode: ConstrainedLanguage\n  hashAlgorithm: SHA256\n", []string{
			"2:3 CFG004 execution.languageMode is a PSRule option that has no effect in azrule",
			"3:3 CFG004 execution.hashAlgorithm is a PSRule option that has no effect in azrule"}},
		{"override", "override:\n  level:\n    Azure.ML.PublicAccess: Error\n", []string{"1:1 CFG004 override is a PSRule option that has no effect in azrule"}},
		{"quiet options", "binding:\n  targetName: [a]\noutput:\n  culture: [en-US]\n  style: Plain\ninput:\n  stringFormat: yaml\n", nil},
		{"yaml format", "output:\n  format: Yaml\n", []string{"2:11 CFG008 output.format: azrule does not write YAML reports; the text report is used. Choose one of text, json, sarif, junit, nunit3, markdown, csv"}},
		{"second document", "rule: {}\n---\nrule: {}\n", []string{"3:1 CFG003 only the first YAML document of an options file is read; this one is ignored"}},
		{"suppression extra key", "suppression:\n  R.One:\n    targetName: [a]\n    expires: 2030-01-01\n", []string{"4:5 CFG003 unknown option suppression.R.One.expires; a suppression reads targetName only"}},
		{"duplicate option", "output:\n  format: json\n  Format: sarif\n", []string{"3:3 CFG005 output.Format is set twice (first on line 2); both are read, later values win"}},
		{"duplicate section merges", "execution:\n  ruleSuppressed: Ignore\nexecution:\n  noValidInput: Warn\n", []string{"3:1 CFG005 execution is set twice (first on line 1); both are read, later values win"}},
		{"suppression empty", "suppression:\n  R.One:\n", []string{"2:3 CFG003 suppression.R.One names no targets; list target names under it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, warns := parse(t, tt.src)
			if len(errs) != 0 {
				t.Errorf("unexpected errors %q", errs)
			}
			if fmt.Sprint(warns) != fmt.Sprint(tt.want) {
				t.Errorf("warnings:\n got %q\nwant %q", warns, tt.want)
			}
		})
	}
}

func TestParseShapes(t *testing.T) {
	// A single string where PSRule takes a list.
	c, errs, _ := parse(t, "rule:\n  include: Azure.ML.PublicAccess\ninput:\n  pathIgnore: out/\n")
	if len(errs) != 0 || ats(c.Rule.Include) != "Azure.ML.PublicAccess@2:12" || ats(c.Input.PathIgnore) != "out/@4:15" {
		t.Errorf("single strings: %v %q %q", errs, ats(c.Rule.Include), ats(c.Input.PathIgnore))
	}
	// Outcome as a list, and as a single roll-up.
	c, errs, _ = parse(t, "output:\n  outcome: [Pass, Error]\n")
	if len(errs) != 0 || c.Output.Outcome != OutcomePass|OutcomeError || c.Output.Outcome.String() != "Pass, Error" {
		t.Errorf("outcome list: %v %v", errs, c.Output.Outcome)
	}
	c, _, _ = parse(t, "output:\n  outcome: all\n")
	if c.Output.Outcome != OutcomeAll || !c.Output.Outcome.Has(rules.None) {
		t.Errorf("outcome all: %v", c.Output.Outcome)
	}
	// PSRule's None and Wide formats are the text report; case is ignored.
	for _, f := range []string{"None", "wide", "JSON", "NUnit3"} {
		c, errs, _ = parse(t, "output:\n  format: "+f+"\n")
		want := map[string]string{"None": "text", "wide": "text", "JSON": "json", "NUnit3": "nunit3"}[f]
		if len(errs) != 0 || c.Output.Format != want {
			t.Errorf("format %s: got %q %v", f, c.Output.Format, errs)
		}
	}
	// Option names match without regard to case.
	c, errs, warns := parse(t, "Input:\n  PATHIGNORE: [a]\nOUTPUT:\n  Format: csv\n")
	if len(errs)+len(warns) != 0 || c.Output.Format != "csv" || len(c.Input.PathIgnore) != 1 {
		t.Errorf("case: %v %v %+v", errs, warns, c)
	}
	// A section written twice is read twice, as PSRule does.
	c, _, _ = parse(t, "execution:\n  ruleSuppressed: Ignore\nexecution:\n  noValidInput: Warn\n")
	if c.Execution.RuleSuppressed != ActionIgnore || c.Execution.NoValidInput != ActionWarn {
		t.Errorf("duplicate sections: %+v", c.Execution)
	}
	// A null section is an empty one.
	_, errs, warns = parse(t, "input:\nrule: ~\n")
	if len(errs)+len(warns) != 0 {
		t.Errorf("null sections: %v %v", errs, warns)
	}
}

func TestSuppressed(t *testing.T) {
	c, _, _ := parse(t, fullFile)
	tests := []struct {
		rule, ref, target string
		want              bool
	}{
		{"Azure.ML.PublicAccess", "AZR-000405", "mlw-a", true},
		{"azure.ml.publicaccess", "", "MLW-B", true},
		{"Azure.ML.PublicAccess", "AZR-000405", "mlw-c", false},
		{"Azure.ML.UserManagedIdentity", "AZR-000407", "mlw-c", true},
		{"Azure.ML.UserManagedIdentity", "AZR-000407", "mlw-a", false},
		{"Azure.ML.ComputeVnet", "", "mlw-a", false},
	}
	for _, tt := range tests {
		s, got := c.Suppressed(tt.rule, tt.ref, tt.target)
		if got != tt.want {
			t.Errorf("Suppressed(%s, %s, %s) = %v, want %v", tt.rule, tt.ref, tt.target, got, tt.want)
		}
		if got && s.Pos.Position().Line == 0 {
			t.Errorf("suppression without position: %+v", s)
		}
	}
}

func TestConfigurationValues(t *testing.T) {
	src := `configuration:
  base: &base
    location: westeurope
    tags: {env: dev}
  AZURE_RESOURCE_GROUP:
    <<: *base
    name: rg-x
  list: [1, 2.5, true, ~, "s", 2021-01-01]
  big: 123456789012345678901234567890
  alias: *base
`
	c, errs, _ := parse(t, src)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var sb strings.Builder
	value.AppendJSON([]byte{}, c.Configuration)
	sb.Write(value.AppendJSON(nil, c.Configuration))
	want := `{"base":{"location":"westeurope","tags":{"env":"dev"}},"AZURE_RESOURCE_GROUP":{"location":"westeurope","tags":{"env":"dev"},"name":"rg-x"},"list":[1,2.5,true,null,"s","2021-01-01"],"big":1.2345678901234568e+29,"alias":{"location":"westeurope","tags":{"env":"dev"}}}`
	if sb.String() != want {
		t.Errorf("configuration:\n got %s\nwant %s", sb.String(), want)
	}
	// The merged-in value keeps the position where it was written.
	loc, _ := c.ResourceGroup().Get("location")
	if p := loc.Pos().Position(); p.Line != 3 || p.Column != 15 {
		t.Errorf("merged location at %v, want 3:15", p)
	}
}

func TestParseLimits(t *testing.T) {
	deep := "configuration:\n  k: " + strings.Repeat("[", MaxDepth+10) + strings.Repeat("]", MaxDepth+10) + "\n"
	_, errs, _ := parse(t, deep)
	if len(errs) == 0 || !strings.Contains(errs[0], "CFG006 values are nested more than 100 deep") {
		t.Errorf("deep nesting: %v", errs)
	}
	// A billion-laughs file is reported, not expanded.
	var b strings.Builder
	b.WriteString("configuration:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&b, "  a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	_, errs, _ = parse(t, b.String())
	if len(errs) != 1 || !strings.Contains(errs[0], "CFG006 the file expands to more than") {
		t.Errorf("alias bomb: %v", errs)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(fullFile)
	f.Add("configuration: &a {b: *a}\n")
	f.Add("suppression: {a: {targetName: x}}\noutput: {outcome: [Fail, 1]}\n")
	f.Fuzz(func(t *testing.T, src string) {
		c, _ := Parse(source.NewFile("ps-rule.yaml", []byte(src)))
		if c == nil || c.Configuration == nil {
			t.Fatal("Parse must always return a Config")
		}
	})
}

func TestParseByteOrderMark(t *testing.T) {
	src := "\xef\xbb\xbfoutput: {format: x}\n"
	_, errs := Parse(source.NewFile("ps-rule.yaml", []byte(src)))
	if len(errs) != 1 || errs[0].Pos.Offset != strings.Index(src, "x}") {
		t.Fatalf("errors %v; want one at the offset of 'x'", errs)
	}
}
