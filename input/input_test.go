package input

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const tmpl = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": []}`
const params = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": {}}`

// write lays out files under a temporary root and returns it.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// units renders the plan as "kind input[<-template]" lines, sorted.
func units(s *Set) []string {
	var out []string
	for _, u := range s.Units {
		line := u.Kind.String() + " " + u.Input.Rel
		if u.Template != nil {
			line += " <- " + u.Template.Rel
		}
		out = append(out, line)
	}
	sort.Strings(out)
	return out
}

func errorsOf(s *Set) []string {
	var out []string
	for _, e := range s.Errors {
		out = append(out, e.Error())
	}
	return out
}

func TestPlan(t *testing.T) {
	root := write(t, map[string]string{
		"app/main.json":                 tmpl,
		"app/main.parameters.json":      params,
		"app/main.prod.parameters.json": params,
		"alone/solo.json":               tmpl,
		"linked/caller.json":            `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "x", "properties": {"mode": "Incremental", "templateLink": {"relativePath": "nested/child.json"}}}]}`,
		"linked/nested/child.json":      tmpl,
		"meta/p.json":                   `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "metadata": {"template": "../alone/other.json"}, "parameters": {}}`,
		"alone/other.json":              tmpl,
		"exported/res.json":             `[{"type": "Microsoft.MachineLearningServices/workspaces", "name": "w"}]`,
		"exported/one.json":             `{"type": "Microsoft.MachineLearningServices/workspaces", "name": "w"}`,
		"misc/package.json":             `{"name": "x", "version": "1.0.0"}`,
		"misc/notes.txt":                "not json",
		".hidden/skipped.json":          tmpl,
		"node/.git/x.json":              tmpl,
		"bicep/main.bicep":              "import { t } from 'types.bicep'\nparam x string\n@description('d')\nmodule m './mod.bicep' = {\n  name: 'm'\n}\nmodule r 'br/public:avm/res/x:1.0.0' = {\n  name: 'r'\n}\nmodule j 'nested/t.json' = if (true) {\n  name: 'j'\n}\n",
		"bicep/types.bicep":             "@export()\ntype t = string\n",
		"bicep/nested/t.json":           tmpl,
		"bicep/mod.bicep":               "param y string\n",
		"bicep/main.bicepparam":         "using './main.bicep'\nparam x = 'a'\n",
	})
	s := Load([]string{root}, Options{Root: root})
	if len(s.Errors) != 0 {
		t.Fatalf("errors: %v", errorsOf(s))
	}
	want := []string{
		"bicepparam bicep/main.bicepparam",
		"parameters app/main.parameters.json <- app/main.json",
		"parameters app/main.prod.parameters.json <- app/main.json",
		"parameters meta/p.json <- alone/other.json",
		"resources exported/one.json",
		"resources exported/res.json",
		"template alone/solo.json",
		"template linked/caller.json",
	}
	if got := units(s); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestStandalone(t *testing.T) {
	root := write(t, map[string]string{"main.json": tmpl, "main.parameters.json": params})
	s := Load([]string{root}, Options{Root: root, Standalone: true})
	want := "parameters main.parameters.json <- main.json\ntemplate main.json"
	if got := strings.Join(units(s), "\n"); got != want {
		t.Errorf("standalone plan:\n%s\nwant:\n%s", got, want)
	}
}

func TestBrokenJSONIsReportedAndOthersGoOn(t *testing.T) {
	root := write(t, map[string]string{
		"a.json":      tmpl,
		"broken.json": "{\n  \"$schema\": \"x\",\n  \"resources\": [\n}\n",
	})
	s := Load([]string{root}, Options{Root: root})
	if got := errorsOf(s); len(got) != 1 || !strings.HasPrefix(got[0], "broken.json:4:1:") {
		t.Fatalf("errors = %v, want one at broken.json:4:1", got)
	}
	if got := units(s); len(got) != 1 || got[0] != "template a.json" {
		t.Fatalf("units = %v", got)
	}
}

func TestParameterFileWithoutTemplate(t *testing.T) {
	root := write(t, map[string]string{
		"orphan.parameters.json": params,
		"bad.parameters.json":    `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "metadata": {"template": "nope.json"}, "parameters": {}}`,
	})
	s := Load([]string{root}, Options{Root: root})
	got := errorsOf(s)
	sort.Strings(got)
	if len(got) != 2 {
		t.Fatalf("errors = %v", got)
	}
	if !strings.HasPrefix(got[0], "bad.parameters.json:1:") || !strings.Contains(got[0], "does not exist") {
		t.Errorf("missing metadata.template: %q", got[0])
	}
	if !strings.HasPrefix(got[1], "orphan.parameters.json: ") || !strings.Contains(got[1], "no template found") {
		t.Errorf("no template: %q", got[1])
	}
}

func TestResolveRefusesLeavingTheTree(t *testing.T) {
	root := write(t, map[string]string{"in/a.json": tmpl, "outside.json": tmpl})
	s := Load([]string{filepath.Join(root, "in")}, Options{Root: filepath.Join(root, "in")})
	_, err := s.Resolve(s.Files[0].File, "../outside.json")
	if err == nil || !strings.Contains(err.Message, "leaves the scanned folder") {
		t.Fatalf("Resolve outside = %v", err)
	}
}

func TestIgnore(t *testing.T) {
	root := write(t, map[string]string{"keep.json": tmpl, "out/skip.json": tmpl, "skip.json": tmpl})
	s := Load([]string{root}, Options{Root: root, Ignore: func(rel string, isDir bool) bool { return (isDir && rel == "out") || rel == "skip.json" }})
	if got := units(s); len(got) != 1 || got[0] != "template keep.json" {
		t.Fatalf("units = %v", got)
	}
}

func TestMissingPath(t *testing.T) {
	s := Load([]string{"does-not-exist"}, Options{})
	if got := errorsOf(s); len(got) != 1 || !strings.Contains(got[0], "no such file or folder") {
		t.Fatalf("errors = %v", got)
	}
}

func TestConventionNames(t *testing.T) {
	tests := map[string]string{
		"main.parameters.json":        "main.json",
		"main.dev.parameters.json":    "main.dev.json main.json",
		"Main.Parameters.JSON":        "Main.json",
		"main.json":                   "",
		"azuredeploy.parameters.json": "azuredeploy.json",
	}
	for in, want := range tests {
		if got := strings.Join(conventionNames(in), " "); got != want {
			t.Errorf("conventionNames(%q) = %q, want %q", in, got, want)
		}
	}
}
