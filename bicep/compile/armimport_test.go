package compile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/bicep/parser"
	"github.com/azrule/azrule/source"
)

// lib.json exports a type (using an unexported one), a variable (using an
// unexported variable and a copy variable) and a function, the way Bicep
// writes a file with @export() declarations.
const armLib = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "languageVersion": "2.0",
  "contentVersion": "1.0.0.0",
  "metadata": {"__bicep_exported_variables!": [{"name": "names"}, {"name": "not-an-ident"}]},
  "definitions": {
    "size": {"type": "string", "allowedValues": ["s", "m"]},
    "sku": {"type": "object", "properties": {"size": {"$ref": "#/definitions/size"}},
            "metadata": {"__bicep_export!": true, "description": "[not an expression]"}}
  },
  "functions": [{"namespace": "__bicep", "members": {
    "label": {"parameters": [{"type": "string", "name": "n"}],
              "output": {"type": "string", "value": "[format('x-{0}', parameters('n'))]"},
              "metadata": {"__bicep_export!": true}}}}],
  "variables": {
    "copy": [{"name": "items", "count": "[variables('n')]",
              "input": "[format('{0}-{1}', variables('prefix'), copyIndex('items'))]"}],
    "n": 2,
    "prefix": "p",
    "names": "[variables('items')]",
    "not-an-ident": "odd"
  },
  "resources": {}
}`

func TestImportFromARMTemplate(t *testing.T) {
	src := `import {names, sku as mySku, label, 'not-an-ident' as odd} from 'lib.json'
import * as lib from 'lib.json'
param s mySku
output a array = names
output b string = label('y')
output c array = lib.names
output d string = odd
`
	tpl, errs := compileSource(t, src, map[string]string{"lib.json": armLib})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tests := []struct{ path, want string }{
		{"variables/names", `"[variables('_1.items')]"`},
		{"variables/odd", `"odd"`},
		{"variables/_1.n", `2`},
		{"variables/_1.prefix", `"p"`},
		{"variables/copy", `[{"name":"_1.items","count":"[length(range(0, variables('_1.n')))]","input":"[format('{0}-{1}', variables('_1.prefix'), copyIndex('_1.items'))]"}]`},
		// Imported by name under another name: the original is recorded.
		{"definitions/mySku", `{"type":"object","properties":{"size":{"$ref":"#/definitions/_1.size"}},"metadata":{"description":"[not an expression]","__bicep_imported_from!":{"sourceTemplate":"lib.json","originalIdentifier":"sku"}}}`},
		{"definitions/_1.size/metadata", `{"__bicep_imported_from!":{"sourceTemplate":"lib.json"}}`},
		{"definitions/_1.size/allowedValues", `["s","m"]`},
		{"parameters/s", `{"$ref":"#/definitions/mySku"}`},
		{"functions", `[{"namespace":"__bicep","members":{"label":{"parameters":[{"type":"string","name":"n"}],"output":{"type":"string","value":"[format('x-{0}', parameters('n'))]"},"metadata":{"__bicep_imported_from!":{"sourceTemplate":"lib.json"}}}}}]`},
		{"outputs/b/value", `"[__bicep.label('y')]"`},
		// A wildcard member that is also imported by name is one variable.
		{"outputs/c/value", `"[variables('names')]"`},
		{"outputs/d/value", `"[variables('odd')]"`},
		{"languageVersion", `"2.0"`},
	}
	for _, tt := range tests {
		if got := jsonAt(tpl, tt.path); got != tt.want {
			t.Errorf("%s:\n got  %s\n want %s", tt.path, got, tt.want)
		}
	}
}

func TestImportFromARMTemplateErrors(t *testing.T) {
	tests := []struct{ src, code, msg string }{
		{"import {n} from 'lib.json'\n", CodeUndefinedSymbol, "does not export 'n'"},
		{"import {x} from 'missing.json'\n", CodeModuleNotFound, "cannot read 'missing.json'"},
		{"import {x} from 'bad.json'\n", CodeBadModule, "not valid JSON"},
		{"import * as lib from 'lib.json'\noutput o string = lib.nope\n", CodeUndefinedSymbol, "exports no variable 'nope'"},
		{"import * as lib from 'lib.json'\noutput o string = lib.names2()\n", CodeUndefinedFunction, "'names2' is not a function"},
	}
	files := map[string]string{"lib.json": armLib, "bad.json": "{"}
	for _, tt := range tests {
		_, errs := compileSource(t, tt.src, files)
		found := false
		for _, e := range errs {
			if e.Code == tt.code && strings.Contains(e.Message, tt.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %s %q, got %v", tt.src, tt.code, tt.msg, errs)
		}
	}
}

// FuzzImportARM imports from an arbitrary ARM template: no panic, always a
// template, whatever the JSON holds (cycles, bad expressions, deep values).
func FuzzImportARM(f *testing.F) {
	f.Add(armLib)
	f.Add(`{"metadata": {"__bicep_exported_variables!": [{"name": "a"}]}, "variables": {"a": "[variables('b')]", "b": "[variables('a')]"}}`)
	f.Add(`{"metadata": {"__bicep_exported_variables!": [{"name": "a"}]}, "variables": {"copy": [{"name": "a", "count": "[", "input": {}}]}}`)
	f.Add(`{"definitions": {"t": {"$ref": "#/definitions/t", "metadata": {"__bicep_export!": true}}}}`)
	f.Fuzz(func(t *testing.T, lib string) {
		src := "import * as ns from 'lib.json'\nimport {a, t, f} from 'lib.json'\noutput o object = {x: ns.a, y: a, z: f()}\nparam p t\n"
		file := source.NewFile("main.bicep", []byte(src))
		pf, _ := parser.ParseFile(file)
		read := func(p string) ([]byte, error) {
			if p == "lib.json" {
				return []byte(lib), nil
			}
			return nil, os.ErrNotExist
		}
		if r := Compile(pf, "main.bicep", Options{ReadFile: read}); r.Template == nil {
			t.Fatal("no template")
		}
	})
}

// TestImportFromRegistry imports from a br: artifact and a ts: template
// spec found in a local module cache laid out as `bicep restore` writes
// it; the copied declarations record the reference written in full.
func TestImportFromRegistry(t *testing.T) {
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache")
	write := func(path, content string) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(cache, "br", "example.azurecr.io", "lib$types", "1.0$", "main.json"), armLib)
	write(filepath.Join(cache, "ts", "sub1", "rg1", "lib", "v1", "main.json"), `{"properties": {"mainTemplate": `+armLib+`}}`)
	main := filepath.Join(dir, "main.bicep")
	write(main, `import {names, sku} from 'br:example.azurecr.io/lib/types:1.0'
import * as spec from 'ts:sub1/rg1/lib:v1'
param p sku
output a array = names
output b string = spec.label('z')
`)
	r := BuildFile(main, Options{CacheRoot: cache})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	tests := []struct{ path, want string }{
		{"variables/names", `"[variables('_1.items')]"`},
		{"definitions/sku/metadata/__bicep_imported_from!/sourceTemplate", `"br:example.azurecr.io/lib/types:1.0"`},
		{"functions/0/members/_2_label/metadata/__bicep_imported_from!/sourceTemplate", `"ts:sub1/rg1/lib:v1"`},
		{"outputs/b/value", `"[__bicep._2_label('z')]"`},
	}
	for _, tt := range tests {
		if got := jsonAt(r.Template, tt.path); got != tt.want {
			t.Errorf("%s:\n got  %s\n want %s", tt.path, got, tt.want)
		}
	}
	// Not restored: one error naming the cache.
	r = BuildFile(main, Options{CacheRoot: filepath.Join(dir, "empty")})
	n := 0
	for _, e := range r.Errors {
		if e.Code == CodeRegistryNotCached {
			n++
		}
	}
	if n != 2 {
		t.Errorf("want 2 %s errors without a cache, got %v", CodeRegistryNotCached, r.Errors)
	}
}

// TestImportDiagnostics checks Bicep's import errors: one symbol under two
// names, and names that an ARM template gives to two exports.
func TestImportDiagnostics(t *testing.T) {
	dup := `{"metadata": {"__bicep_exported_variables!": [{"name": "foo"}]},
  "variables": {"foo": "v"},
  "definitions": {"foo": {"type": "string", "metadata": {"__bicep_export!": true}}}}`
	files := map[string]string{"lib.json": armLib, "dup.json": dup, "mod.bicep": "@export()\ntype foo = string\n"}
	tests := []struct{ src, code string }{
		{"import {names} from 'lib.json'\nimport {names as n2} from 'lib.json'\n", CodeImportedTwice},
		{"import {foo} from 'mod.bicep'\nimport {foo as fizz} from 'mod.bicep'\n", CodeImportedTwice},
		{"import {foo} from 'dup.json'\n", CodeAmbiguousExport},
		{"import * as d from 'dup.json'\n", CodeAmbiguousWildcard},
	}
	for _, tt := range tests {
		_, errs := compileSource(t, tt.src, files)
		found := false
		for _, e := range errs {
			found = found || e.Code == tt.code
		}
		if !found {
			t.Errorf("%q: want %s, got %v", tt.src, tt.code, errs)
		}
	}
	// Importing the same symbol twice under one name is not an error.
	if _, errs := compileSource(t, "import {names} from 'lib.json'\nimport * as lib from 'lib.json'\n", files); len(errs) > 0 {
		t.Errorf("a named and a wildcard import of one template: %v", errs)
	}
}
