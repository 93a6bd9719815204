package compile

import (
	"strconv"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
)

// jsonAt renders the value at a slash-separated path of tpl.
func jsonAt(tpl *value.Object, path string) string {
	var v value.Value = tpl
	for _, k := range strings.Split(path, "/") {
		switch x := v.(type) {
		case *value.Array:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(x.Elems) {
				return "<missing>"
			}
			v = x.Elems[i]
		case *value.Object:
			var ok bool
			if v, ok = x.Get(k); !ok {
				return "<missing>"
			}
		default:
			return "<missing>"
		}
	}
	return string(value.AppendJSON(nil, v))
}

// TestImportClosureNames checks Bicep's naming of what imports copy in:
// a symbol imported by name keeps its alias, what it uses from its file
// is _<n>.<name> (so it cannot collide with the importing file's own
// names), files are numbered by path, and a wildcard import copies every
// export whether it is used or not.
func TestImportClosureNames(t *testing.T) {
	files := map[string]string{
		"b.bicep": `var bar = 'inner'
@export()
var foo = '${bar}-x'
@export()
type t = { n: u }
type u = int
func twice(x int) int => x * 2
@export()
func four() int => twice(2)
`,
		"a.bicep": `@export()
var unused = 1
@export()
var used = 2
`,
	}
	src := `import {foo as f, t, four} from 'b.bicep'
import * as a from 'a.bicep'
var bar = 'outer'
param p t
output o1 string = f
output o2 string = bar
output o3 int = a.used
output o4 int = four()
`
	tpl, errs := compileSource(t, src, files)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tests := []struct{ path, want string }{
		{"variables/bar", `"outer"`},
		{"variables/f", `"[format('{0}-x', variables('_2.bar'))]"`},
		{"variables/_2.bar", `"inner"`},
		{"variables/_1.used", `2`},
		{"variables/_1.unused", `1`},
		{"outputs/o3/value", `"[variables('_1.used')]"`},
		{"definitions/t/properties/n/$ref", `"#/definitions/_2.u"`},
		{"definitions/t/metadata", `{"__bicep_imported_from!":{"sourceTemplate":"b.bicep"}}`},
		{"definitions/_2.u/type", `"int"`},
		{"functions/0/members/four/output/value", `"[__bicep._2_twice(2)]"`},
		{"functions/0/members/_2_twice/output/value", `"[mul(parameters('x'), 2)]"`},
		{"outputs/o4/value", `"[__bicep.four()]"`},
	}
	for _, tt := range tests {
		if got := jsonAt(tpl, tt.path); got != tt.want {
			t.Errorf("%s:\n got  %s\n want %s", tt.path, got, tt.want)
		}
	}
	// Imported declarations follow the file's own, sorted by name.
	vars, _ := tpl.Get("variables")
	if got := strings.Join(vars.(*value.Object).Keys(), " "); got != "bar _1.unused _1.used _2.bar f" {
		t.Errorf("variables in order %s", got)
	}
}

// TestImportCycle imports a name that two files import from each other:
// the binder sees that neither declares it (a file being bound has not
// declared its imports yet), so the cycle ends in an error, not in
// endless recursion.
func TestImportCycle(t *testing.T) {
	files := map[string]string{
		"a.bicep": "import {x} from 'b.bicep'\n",
		"b.bicep": "import {x} from 'a.bicep'\n",
	}
	_, errs := compileSource(t, "import {x} from 'a.bicep'\noutput o string = x\n", files)
	found := false
	for _, e := range errs {
		if e.Code == CodeUndefinedSymbol && strings.Contains(e.Message, "does not declare 'x'") {
			found = true
		}
	}
	if !found {
		t.Errorf("want a %s error, got %v", CodeUndefinedSymbol, errs)
	}
}

// TestCultureLess checks the string order Bicep sorts imported names in.
func TestCultureLess(t *testing.T) {
	sorted := []string{"_1.bar", "_1.baz", "_2.x", "a", "A", "ab", "b", "B1", "foo", "Foo", "fooBar"}
	for i := 0; i+1 < len(sorted); i++ {
		if !cultureLess(sorted[i], sorted[i+1]) || cultureLess(sorted[i+1], sorted[i]) {
			t.Errorf("want %q before %q", sorted[i], sorted[i+1])
		}
	}
	if cultureLess("x", "x") {
		t.Error("a string is not before itself")
	}
}
