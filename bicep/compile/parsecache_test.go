package compile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/parser"
	"github.com/azrule/azrule/source"
)

// TestParseCacheSharesModules builds two files that use one module with a
// shared cache: the module is parsed once, both builds give the same
// template as without the cache, and an edited module is parsed again.
func TestParseCacheSharesModules(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("mod.bicep", "param n string\noutput o string = n\n")
	write("a.bicep", "module m 'mod.bicep' = {\n  name: 'm'\n  params: { n: 'a' }\n}\n")
	write("b.bicep", "module m 'mod.bicep' = {\n  name: 'm'\n  params: { n: 'b' }\n}\n")
	cache := parser.NewCache()
	for _, name := range []string{"a.bicep", "b.bicep"} {
		path := filepath.Join(dir, name)
		plain := BuildFile(path, Options{})
		cached := BuildFile(path, Options{Parsed: cache})
		if len(plain.Errors) > 0 || len(cached.Errors) > 0 {
			t.Fatalf("%s: errors %v / %v", name, plain.Errors, cached.Errors)
		}
		if p, c := string(value.AppendJSON(nil, plain.Template)), string(value.AppendJSON(nil, cached.Template)); p != c {
			t.Errorf("%s: the cache changed the template:\n%s\n%s", name, p, c)
		}
	}
	// The module was parsed once for both builds: a third parse of the
	// same name and content returns the cached tree.
	modPath := filepath.ToSlash(filepath.Join(dir, "mod.bicep"))
	content, _ := os.ReadFile(modPath)
	first, _, _ := cache.Parse(source.NewFile(modPath, content))
	again, _, _ := cache.Parse(source.NewFile(modPath, content))
	if first != again {
		t.Error("the module was parsed again")
	}
	// An edited module is parsed again, and the build sees the edit.
	write("mod.bicep", "param n string\noutput o string = '${n}!'\n")
	edited := BuildFile(filepath.Join(dir, "a.bicep"), Options{Parsed: cache})
	if !strings.Contains(string(value.AppendJSON(nil, edited.Template)), "!") {
		t.Error("an edited module was served from the cache")
	}
}
