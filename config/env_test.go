package config

import (
	"fmt"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

func applyEnv(t *testing.T, file string, env ...string) (*Config, []string) {
	t.Helper()
	c, errs := Parse(source.NewFile("ps-rule.yaml", []byte(file)))
	if len(errs) != 0 {
		t.Fatalf("parse: %v", errs)
	}
	var out []string
	for _, e := range c.ApplyEnv(env) {
		out = append(out, e.Error())
	}
	return c, out
}

func TestApplyEnvOptions(t *testing.T) {
	file := "input:\n  pathIgnore: [from-file]\nrule:\n  include: [A.B]\noutput:\n  format: json\n"
	c, errs := applyEnv(t, file,
		"PATH=/usr/bin",
		"PSRULE_INPUT_PATHIGNORE=*.md; out/ ;;!docs/keep.md",
		"PSRULE_INPUT_IGNOREGITPATH=false",
		"PSRULE_INPUT_IGNOREREPOSITORYCOMMON=0",
		"PSRULE_INPUT_TARGETTYPE=Microsoft.Storage/storageAccounts",
		"PSRULE_RULE_INCLUDE=Azure.ML.PublicAccess;AZR-000407",
		"PSRULE_RULE_EXCLUDE=Azure.ML.ComputeVnet",
		"PSRULE_RULE_INCLUDELOCAL=TRUE",
		"PSRULE_RULE_BASELINE=@latest",
		"PSRULE_BASELINE_GROUP=latest=Azure.GA_2024_12;preview=Azure.Preview",
		"PSRULE_OUTPUT_FORMAT=Sarif",
		"PSRULE_OUTPUT_PATH=reports/out.sarif",
		"PSRULE_OUTPUT_OUTCOME=Fail;Error",
		"PSRULE_OUTPUT_SARIFPROBLEMSONLY=false",
		"PSRULE_OUTPUT_JSONINDENT=4",
		"PSRULE_OUTPUT_CULTURE=en-AU;en-US",
		"PSRULE_EXECUTION_RULESUPPRESSED=Error",
		"psrule_execution_noMatchingRules=warn",
		"PSRULE_EXECUTION_BREAK=Never",
		"PSRULE_OUTPUT_STYLE=GitHubActions", // PSRule's, ignored
		"PSRULE_OUTPUT_PATH_EXTRA=x",        // not an option, ignored
		"PSRULE_OUTPUT_FORMAT_EMPTY=",
		"PSRULE_RULE_EXCLUDE_=",
	)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	checks := []struct{ name, got, want string }{
		{"pathIgnore replaces the file's", ats(c.Input.PathIgnore), "*.md@1:1 out/@1:7 !docs/keep.md@1:14"},
		{"pathIgnore file name", c.Input.PathIgnore[0].Pos.Position().File, "$PSRULE_INPUT_PATHIGNORE"},
		{"ignoreGitPath", fmt.Sprint(c.Input.IgnoreGitPath), "false"},
		{"ignoreRepositoryCommon", fmt.Sprint(c.Input.IgnoreRepositoryCommon), "false"},
		{"targetType", strings.Join(c.Input.TargetType.Strings(), ","), "Microsoft.Storage/storageAccounts"},
		{"include", strings.Join(c.Rule.Include.Strings(), ","), "Azure.ML.PublicAccess,AZR-000407"},
		{"exclude", strings.Join(c.Rule.Exclude.Strings(), ","), "Azure.ML.ComputeVnet"},
		{"includeLocal", fmt.Sprint(c.Rule.IncludeLocal), "true"},
		{"baseline", c.Rule.Baseline.Value, "@latest"},
		{"groups", fmt.Sprintf("%d %s %s", len(c.Baseline.Group), c.Baseline.Group[1].Name, c.Baseline.Group[1].Baseline), "2 preview Azure.Preview"},
		{"format", c.Output.Format, "sarif"},
		{"path", c.Output.Path, "reports/out.sarif"},
		{"outcome", c.Output.Outcome.String(), "Problem"},
		{"sarifProblemsOnly", fmt.Sprint(c.Output.SarifProblemsOnly), "false"},
		{"jsonIndent", fmt.Sprint(c.Output.JSONIndent), "4"},
		{"culture", strings.Join(c.Output.Culture.Strings(), ","), "en-AU,en-US"},
		{"ruleSuppressed", c.Execution.RuleSuppressed.String(), "Error"},
		{"noMatchingRules", c.Execution.NoMatchingRules.String(), "Warn"},
		{"break", c.Execution.Break.String(), "Never"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s: got %q, want %q", ch.name, ch.got, ch.want)
		}
	}
	if b, ok := c.Baseline.ResolveBaseline(c.Rule.Baseline.Value); !ok || b != "Azure.GA_2024_12" {
		t.Errorf("ResolveBaseline = %q %v", b, ok)
	}
}

func TestApplyEnvConfiguration(t *testing.T) {
	file := "configuration:\n  AZURE_RESOURCE_GROUP:\n    name: from-file\n  KEEP: 1\n"
	c, errs := applyEnv(t, file,
		`PSRULE_CONFIGURATION_AZURE_RESOURCE_GROUP={"name":"rg-env","location":"westeurope"}`,
		"PSRULE_CONFIGURATION_AZURE_AKS_CLUSTER_MINIMUM_VERSION=1.27.7",
		"PSRULE_CONFIGURATION_LOCAL_COUNT=2",
		"PSRULE_CONFIGURATION_FLAG=true",
		"PSRULE_CONFIGURATION_Option2_Name=value2",
		`PSRULE_CONFIGURATION_QUOTED="x y"`,
		"PSRULE_CONFIGURATION_LIST=[1,2]",
		"PSRULE_CONFIGURATION_=ignored",
	)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	got := string(value.AppendJSON(nil, c.Configuration))
	want := `{"AZURE_RESOURCE_GROUP":{"name":"rg-env","location":"westeurope"},"KEEP":1,"AZURE_AKS_CLUSTER_MINIMUM_VERSION":"1.27.7","LOCAL_COUNT":2,"FLAG":true,"Option2_Name":"value2","QUOTED":"x y","LIST":[1,2]}`
	if got != want {
		t.Errorf("configuration:\n got %s\nwant %s", got, want)
	}
	if v, ok := c.Value("option2_name"); !ok || v.(value.String).V != "value2" {
		t.Errorf("option2_name = %v %v", v, ok)
	}
	loc, _ := c.ResourceGroup().Get("location")
	if p := loc.Pos().Position(); p.File != "$PSRULE_CONFIGURATION_AZURE_RESOURCE_GROUP" || p.Column != 29 {
		t.Errorf("location position %v", p)
	}
}

func TestApplyEnvErrors(t *testing.T) {
	tests := []struct {
		env  string
		want string
	}{
		{"PSRULE_OUTPUT_OUTCOME=Fail;Nope", "$PSRULE_OUTPUT_OUTCOME:1:1: CFG002 unknown outcome 'Nope'; expected one of Pass, Fail, Error, None, Processed, Problem, All"},
		{"PSRULE_OUTPUT_FORMAT=html", "$PSRULE_OUTPUT_FORMAT:1:1: CFG002 unknown output format 'html'; expected one of text, json, sarif, junit, nunit3, markdown, csv"},
		{"PSRULE_INPUT_IGNOREGITPATH=nope", "$PSRULE_INPUT_IGNOREGITPATH:1:1: CFG002 expected true, false or a number, not 'nope'"},
		{"PSRULE_OUTPUT_JSONINDENT=9", "$PSRULE_OUTPUT_JSONINDENT:1:1: CFG002 expected a whole number from 0 to 4, not '9'"},
		{"PSRULE_EXECUTION_BREAK=Soon", "$PSRULE_EXECUTION_BREAK:1:1: CFG002 unknown break level 'Soon'; expected one of Never, OnError, OnWarning, OnInformation, None"},
		{"PSRULE_EXECUTION_RULEEXCLUDED=Loud", "$PSRULE_EXECUTION_RULEEXCLUDED:1:1: CFG002 unknown preference 'Loud'; expected one of Ignore, Warn, Error, Debug, None"},
		{"PSRULE_BASELINE_GROUP=latest=A;broken", "$PSRULE_BASELINE_GROUP:1:10: CFG002 expected group=baseline, not 'broken'"},
		{"PSRULE_INPUT_PATHIGNORE=ok;[bad", `$PSRULE_INPUT_PATHIGNORE:1:4: CFG002 input.pathIgnore: path pattern "[bad": has a '[' with no closing ']'; write '\[' for a literal one`},
		{`PSRULE_CONFIGURATION_AZURE_TENANT={"tenantId": 1`, "$PSRULE_CONFIGURATION_AZURE_TENANT:1:1: JSON009 object is not closed"},
		{"PSRULE_CONFIGURATION_AZURE_TENANT=[1]", "$PSRULE_CONFIGURATION_AZURE_TENANT:1:1: CFG002 configuration.AZURE_TENANT must be an object of properties, not a list"},
		{`PSRULE_CONFIGURATION_AZURE_DEPLOYER={"objectId": true}`, "$PSRULE_CONFIGURATION_AZURE_DEPLOYER:1:14: CFG002 configuration.AZURE_DEPLOYER.objectId must be a string, not true/false"},
	}
	for _, tt := range tests {
		_, errs := applyEnv(t, "", tt.env)
		if len(errs) != 1 || !strings.HasPrefix(errs[0], tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.env, errs, tt.want)
		}
	}
}

func TestApplyEnvKeepsFileWhenBad(t *testing.T) {
	c, errs := applyEnv(t, "output:\n  outcome: Fail\n", "PSRULE_OUTPUT_OUTCOME=Bogus")
	if len(errs) != 1 || c.Output.Outcome != OutcomeFail {
		t.Fatalf("outcome %v, errors %v", c.Output.Outcome, errs)
	}
}

func TestApplyEnvUnsupportedFormat(t *testing.T) {
	c, errs := applyEnv(t, "output:\n  format: csv\n", "PSRULE_OUTPUT_FORMAT=Yaml")
	if len(errs) != 0 || c.Output.Format != "csv" || len(c.Warnings) != 1 || c.Warnings[0].Code != CodeUnsupported {
		t.Fatalf("format %q, errors %v, warnings %v", c.Output.Format, errs, c.Warnings)
	}
}
