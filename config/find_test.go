package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFindOrder(t *testing.T) {
	dir := t.TempDir()
	if _, ok := Find(dir); ok {
		t.Fatal("found an options file in an empty directory")
	}
	// Each name is found on its own, and an earlier name wins over every
	// later one.
	for i := len(FileNames) - 1; i >= 0; i-- {
		write(t, dir, FileNames[i], "output:\n  format: json\n")
		p, ok := Find(dir)
		if !ok || filepath.Base(p) != FileNames[i] {
			t.Fatalf("with %v present, Find = %q, %v; want %s", FileNames[i:], p, ok, FileNames[i])
		}
	}
	// A directory with an options file's name is not an options file.
	dir2 := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir2, "ps-rule.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, dir2, "ps-rule.yml", "")
	if p, _ := Find(dir2); filepath.Base(p) != "ps-rule.yml" {
		t.Fatalf("Find = %q, want ps-rule.yml", p)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "ps-rule.yaml", "output:\n  outcome: Nope\n")
	c, errs := Load(p)
	if c.Path != filepath.ToSlash(p) {
		t.Errorf("Path = %q", c.Path)
	}
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), filepath.ToSlash(p)+":2:12: CFG002") {
		t.Errorf("errors = %v", errs)
	}
	c, errs = Load(filepath.Join(dir, "missing.yaml"))
	if c == nil || len(errs) != 1 || errs[0].Code != CodeRead || !strings.Contains(errs[0].Error(), "missing.yaml: CFG007 cannot read the options file: no such file or directory") {
		t.Errorf("missing file: %v", errs)
	}
}

func obj(t *testing.T, src string) *value.Object {
	t.Helper()
	v, err := jsonc.Parse(source.NewFile("t.json", []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	return v.(*value.Object)
}

func TestOverlay(t *testing.T) {
	base := obj(t, `{"name":"ps-rule-test-rg","location":"eastus","tags":{},"properties":{"provisioningState":"Succeeded"}}`)
	over := obj(t, `{"LOCATION":"australiaeast","properties":{"extra":1},"tags":{"env":"dev"},"managedBy":"x"}`)
	got := string(value.AppendJSON(nil, Overlay(base, over)))
	want := `{"name":"ps-rule-test-rg","location":"australiaeast","tags":{"env":"dev"},"properties":{"provisioningState":"Succeeded","extra":1},"managedBy":"x"}`
	if got != want {
		t.Errorf("Overlay:\n got %s\nwant %s", got, want)
	}
	// Neither input changes.
	if s := string(value.AppendJSON(nil, base)); !strings.Contains(s, `"eastus"`) || strings.Contains(s, "extra") {
		t.Errorf("base modified: %s", s)
	}
	// A scalar replaces an object and the other way round.
	got = string(value.AppendJSON(nil, Overlay(obj(t, `{"a":{"b":1},"c":2}`), obj(t, `{"a":3,"c":{"d":4}}`))))
	if got != `{"a":3,"c":{"d":4}}` {
		t.Errorf("replace kinds: %s", got)
	}
	if Overlay(nil, nil) != nil {
		t.Error("Overlay(nil, nil) must be nil")
	}
	if got := string(value.AppendJSON(nil, Overlay(nil, over))); !strings.Contains(got, "australiaeast") {
		t.Errorf("Overlay(nil, over) = %s", got)
	}
}

func TestAzureAccessors(t *testing.T) {
	c, errs := Parse(source.NewFile("ps-rule.yaml", []byte(`configuration:
  AZURE_SUBSCRIPTION: {subscriptionId: 00000000-0000-0000-0000-000000000000}
  AZURE_TENANT: {displayName: Contoso}
  AZURE_MANAGEMENT_GROUP: {name: mg-1}
  AZURE_DEPLOYMENT: {name: deploy-web}
  AZURE_DEPLOYER: {objectId: 11111111-1111-1111-1111-111111111111}
  AZURE_RESOURCE_GROUP: ~
`)))
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	for name, o := range map[string]*value.Object{
		"subscription": c.Subscription(), "tenant": c.Tenant(), "managementGroup": c.ManagementGroup(),
		"deployment": c.Deployment(), "deployer": c.Deployer(),
	} {
		if o == nil || o.Len() != 1 {
			t.Errorf("%s = %v", name, o)
		}
	}
	if c.ResourceGroup() != nil {
		t.Error("a null AZURE_RESOURCE_GROUP keeps the defaults: ResourceGroup() must be nil")
	}
	var nilCfg *Config
	if _, ok := nilCfg.Value("x"); ok {
		t.Error("nil Config has no values")
	}
}

func TestIgnoreMatcher(t *testing.T) {
	c, errs := Parse(source.NewFile("ps-rule.yaml", []byte("input:\n  pathIgnore: ['out/', '!README.md', '[bad']\n")))
	if len(errs) != 1 {
		t.Fatalf("errors = %v", errs)
	}
	m := c.IgnoreMatcher()
	for path, want := range map[string]bool{
		".git/config":                  true,
		"sub/.git/HEAD":                true,
		"LICENSE":                      true,
		"README.md":                    false, // re-included by the user's negation
		".vscode/settings.json":        true,
		".github/workflows/ci.md":      true,
		"out/main.json":                true,
		"modules/app/main.bicep":       false,
		".github/workflows/azure.json": false,
	} {
		if got := m.Match(path, false); got != want {
			t.Errorf("Match(%q) = %v, want %v", path, got, want)
		}
	}
	c.Input.IgnoreGitPath, c.Input.IgnoreRepositoryCommon = false, false
	if m := c.IgnoreMatcher(); m.Match(".git/config", false) || m.Match("LICENSE", false) || !m.Match("out/x", false) {
		t.Error("with both defaults off only pathIgnore applies")
	}
}

func TestConfigurationDuplicateKey(t *testing.T) {
	c, errs := Parse(source.NewFile("ps-rule.yaml", []byte("configuration:\n  AZURE_TENANT: {}\n  azure_tenant: {}\n  x:\n    a: 1\n    A: 2\n")))
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if v, _ := c.Value("x"); string(value.AppendJSON(nil, v)) != `{"a":2}` {
		t.Errorf("the later duplicate must win: %s", value.AppendJSON(nil, v))
	}
	var got []string
	for _, e := range c.Warnings {
		got = append(got, diag(e))
	}
	want := []string{
		"3:3 CFG005 'azure_tenant' is set twice in this mapping (first on line 2); the later value is used",
		"6:5 CFG005 'A' is set twice in this mapping (first on line 5); the later value is used",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestLoadRoot(t *testing.T) {
	dir := t.TempDir()
	c, errs := LoadRoot(dir, []string{"PSRULE_OUTPUT_FORMAT=csv"})
	if len(errs) != 0 || c.Path != "" || c.Output.Format != "csv" || c.Output.Outcome != OutcomeProcessed {
		t.Fatalf("no file: %+v %v", c, errs)
	}
	write(t, dir, "ps-rule.yml", "output:\n  format: json\n  outcome: Bad\n")
	c, errs = LoadRoot(dir, []string{"PSRULE_OUTPUT_FORMAT=sarif", "PSRULE_RULE_INCLUDELOCAL=maybe"})
	if len(errs) != 2 || errs[0].Code != CodeType || !strings.HasPrefix(errs[1].Error(), "$PSRULE_RULE_INCLUDELOCAL:1:1") {
		t.Fatalf("errors = %v", errs)
	}
	if !strings.HasSuffix(c.Path, "ps-rule.yml") || c.Output.Format != "sarif" {
		t.Errorf("the environment must override the file: %q %q", c.Path, c.Output.Format)
	}
}
