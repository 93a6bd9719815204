package params

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
)

// TestImportedFunctionsAndVariables evaluates parameters that use
// variables and functions imported from a .bicep file (by name and with
// *), including a function that calls an unexported helper.
func TestImportedFunctionsAndVariables(t *testing.T) {
	dir := files(t, map[string]string{
		"main.bicep": "param a string\nparam b int\nparam c string\nparam d bool\n",
		"lib.bicep": "var base = 'app'\n@export()\nvar prefix = '${base}-x'\n" +
			"func twice(n int) int => n * 2\n@export()\nfunc quad(n int) int => twice(twice(n))\n" +
			"@export()\nfunc label(s string) string => '${toUpper(s)}!'\n@export()\nvar yes = true\n",
		"main.bicepparam": "using 'main.bicep'\nimport {prefix, quad} from 'lib.bicep'\nimport * as lib from 'lib.bicep'\n" +
			"param a = prefix\nparam b = quad(3)\nparam c = lib.label('hi')\nparam d = lib.yes\n",
	})
	f := Load(filepath.Join(dir, "main.bicepparam"), Options{})
	if len(f.Errors) > 0 {
		t.Fatal(f.Errors)
	}
	ps, _ := f.JSON().Get("parameters")
	want := map[string]string{"a": `"app-x"`, "b": `12`, "c": `"HI!"`, "d": `true`}
	for name, w := range want {
		p, _ := ps.(*value.Object).Get(name)
		v, _ := p.(*value.Object).Get("value")
		if got := string(value.AppendJSON(nil, v)); got != w {
			t.Errorf("%s = %s, want %s", name, got, w)
		}
	}
}

// TestImportedFunctionErrors checks that a call with the wrong number of
// arguments is reported, not a crash.
func TestImportedFunctionErrors(t *testing.T) {
	dir := files(t, map[string]string{
		"main.bicep":      "param a int\n",
		"lib.bicep":       "@export()\nfunc f(n int) int => n\n",
		"main.bicepparam": "using 'main.bicep'\nimport {f} from 'lib.bicep'\nparam a = f(1, 2)\n",
	})
	f := Load(filepath.Join(dir, "main.bicepparam"), Options{})
	found := false
	for _, e := range f.Errors {
		found = found || strings.Contains(e.Message, "argument")
	}
	if !found {
		t.Errorf("want an argument-count error, got %v", f.Errors)
	}
}
