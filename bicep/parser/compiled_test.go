package parser

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/source"
)

// TestCorpusAgainstCompiled compares each parsed main.bicep with the
// compiler's own main.json next to it: the parameter and output names the
// tree declares must be exactly those of the compiled template. This checks
// that declarations are neither lost nor invented by recovery or by the
// newline rules.
func TestCorpusAgainstCompiled(t *testing.T) {
	c := testdir.Corpus(t)
	var files []string
	for _, f := range globFiles(t, filepath.Join(c, "bicep-samples", "baselines"), "/main.bicep") {
		if !strings.HasPrefix(filepath.Base(filepath.Dir(f)), "Invalid") {
			files = append(files, f)
		}
	}
	files = append(files, globFiles(t, filepath.Join(c, "bicep-samples", "user_submitted"), "/main.bicep")...)
	files = append(files, globFiles(t, filepath.Join(c, "carml"), "/main.bicep")...)
	compared := 0
	for _, path := range files {
		raw, err := os.ReadFile(strings.TrimSuffix(path, ".bicep") + ".json")
		if err != nil {
			continue
		}
		var tmpl struct {
			Parameters map[string]json.RawMessage `json:"parameters"`
			Outputs    map[string]json.RawMessage `json:"outputs"`
		}
		if err := json.Unmarshal(raw, &tmpl); err != nil {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := ParseFile(source.NewFile(path, b))
		var params, outputs []string
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.ParamDecl:
				params = append(params, d.Name.Name)
			case *ast.OutputDecl:
				outputs = append(outputs, d.Name.Name)
			}
		}
		compared++
		if got, want := sortedJoin(params), sortedKeys(tmpl.Parameters); got != want {
			t.Errorf("%s: parameters\n got %s\nwant %s", path, got, want)
		}
		if got, want := sortedJoin(outputs), sortedKeys(tmpl.Outputs); got != want {
			t.Errorf("%s: outputs\n got %s\nwant %s", path, got, want)
		}
	}
	if compared == 0 {
		t.Skip("no main.json files next to the corpus main.bicep files")
	}
	t.Logf("compared the parameters and outputs of %d files with their compiled main.json", compared)
}

func sortedJoin(xs []string) string {
	sort.Strings(xs)
	return strings.Join(xs, ",")
}

func sortedKeys[V any](m map[string]V) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return sortedJoin(ks)
}
