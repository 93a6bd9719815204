package params

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/compile"
)

// files writes name -> content into a temporary directory.
func files(t *testing.T, fs map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range fs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLoad checks values, positions, Key Vault references, environment
// variables and the parameters.json shape.
func TestLoad(t *testing.T) {
	dir := files(t, map[string]string{
		"main.bicep": "param name string\nparam count int\nparam tags object\nparam secret string\nparam fromEnv string\n",
		"main.bicepparam": "using 'main.bicep'\n" +
			"var prefix = 'app'\n" +
			"param name = '${prefix}-${count}'\n" +
			"param count = 1 + 2\n" +
			"param tags = {\n  env: toUpper('dev')\n}\n" +
			"param secret = az.getSecret('sub', 'rg', 'kv', 'pw')\n" +
			"param fromEnv = readEnvironmentVariable('AZRULE_TEST_UNSET_VAR', 'fallback')\n",
	})
	f := Load(filepath.Join(dir, "main.bicepparam"), Options{Compile: compile.Options{LookupEnv: func(string) (string, bool) { return "", false }}})
	if len(f.Errors) > 0 {
		t.Fatal(f.Errors)
	}
	p := f.Parameters()
	want := map[string]string{"name": `"app-3"`, "count": "3", "tags": `{"env":"DEV"}`, "fromEnv": `"fallback"`}
	for k, w := range want {
		if got := string(value.AppendJSON(nil, p[k])); got != w {
			t.Errorf("%s = %s, want %s", k, got, w)
		}
	}
	if _, ok := p["secret"].(value.Unknown); !ok {
		t.Errorf("secret = %v, want an Unknown", p["secret"])
	}
	if got := p["count"].Pos().String(); !strings.HasSuffix(got, "main.bicepparam:4:15") {
		t.Errorf("count at %s, want main.bicepparam:4:15", got)
	}
	doc := string(value.AppendJSON(nil, f.JSON()))
	if !strings.Contains(doc, `"secret":{"reference":{"keyVault":{"id":"/subscriptions/sub/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"},"secretName":"pw"}}`) {
		t.Errorf("parameters.json: %s", doc)
	}
	if f.Template == nil || f.TemplateFile == nil {
		t.Error("the template named by using was not compiled")
	}
}

// TestErrors checks the diagnostics of parameter files.
func TestErrors(t *testing.T) {
	tests := []struct{ bicepparam, code, msg string }{
		{"param x = 1\n", CodeNoUsing, "has no using declaration"},
		{"using 'main.bicep'\nparam nope = 1\n", CodeUndeclared, "declares no parameter 'nope'"},
		{"using 'main.bicep'\nparam a = b\nparam b = a\n", CodeCycle, "refers to itself"},
		{"using 'main.bicep'\nparam a = undefinedThing\n", compile.CodeUndefinedSymbol, "'undefinedThing' does not exist"},
		{"using 'missing.bicep'\nparam a = 1\n", compile.CodeFileRead, ""},
	}
	for _, tt := range tests {
		dir := files(t, map[string]string{"main.bicep": "param a int = 0\nparam b int = 0\nparam x int = 0\n", "p.bicepparam": tt.bicepparam})
		f := Load(filepath.Join(dir, "p.bicepparam"), Options{})
		found := false
		for _, e := range f.Errors {
			if e.Code == tt.code && strings.Contains(e.Message, tt.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no %s error with %q; got %v", tt.bicepparam, tt.code, tt.msg, f.Errors)
		}
	}
}
