package azure

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/bicep/parser"
	"github.com/azrule/azrule/source"
)

// TestBicepExamplesParse parses the ```bicep example of every rule doc and
// every file in examples/bicep with azrule's Bicep parser: users copy
// these, so they must at least be valid Bicep. (Compiling them and running
// the rules on the result is the next step, once the Bicep compiler is in.)
func TestBicepExamplesParse(t *testing.T) {
	b, err := LoadBuiltin()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	n := 0
	for _, r := range b.Rules {
		info := r.Info()
		meta := b.Meta[info.Name]
		for i, ex := range info.Doc.Examples {
			if ex.Language != "bicep" {
				continue
			}
			name := fmt.Sprintf("%s/ml/docs/%s.md (example at line %d)", Root, info.Name, meta.ExampleLines[i])
			if _, errs := parser.ParseFile(source.NewFile(name+".bicep", []byte(ex.Code))); len(errs) > 0 {
				t.Errorf("%s: %v", name, errs.Err())
			}
			n++
		}
	}
	dir := filepath.Join(testdir.ModuleRoot(t), "examples", "bicep")
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".bicep") || strings.HasSuffix(p, ".bicepparam")) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(testdir.ModuleRoot(t), p)
		if _, errs := parser.ParseFile(source.NewFile(filepath.ToSlash(rel), data)); len(errs) > 0 {
			t.Errorf("%v", errs.Err())
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < len(b.Rules)+10 {
		t.Errorf("parsed %d Bicep files, want the %d doc examples and the 10 in examples/bicep", n, len(b.Rules))
	}
	t.Logf("%d Bicep files checked", n)
}
