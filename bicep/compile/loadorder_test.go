package compile

import "testing"

// TestLoadNumbering checks that hoisted loads are numbered in declaration
// order (a module between two variables takes the number in between),
// that a variable holding loaded text holds it directly while loaded JSON
// is hoisted, as the current Bicep writes them.
func TestLoadNumbering(t *testing.T) {
	files := map[string]string{"a.txt": "A", "b.txt": "B", "c.json": `{"k": 1}`, "m.bicep": "param t string\n"}
	src := `var a = 'x${loadTextContent('a.txt')}'
module m 'm.bicep' = {
  name: 'm'
  params: {
    t: loadTextContent('b.txt')
  }
}
var c = loadJsonContent('c.json')
var d = loadTextContent('a.txt')
output o object = c
output p string = d
output q string = a
`
	tpl, errs := compileSource(t, src, files)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tests := []struct{ path, want string }{
		{"variables/$fxv#0", `"A"`},
		{"variables/$fxv#1", `"B"`},
		{"variables/$fxv#2", `{"k":1}`},
		{"variables/a", `"[format('x{0}', variables('$fxv#0'))]"`},
		{"resources/0/properties/parameters/t/value", `"[variables('$fxv#1')]"`},
		{"variables/c", `"[variables('$fxv#2')]"`},
		{"variables/d", `"A"`},
	}
	for _, tt := range tests {
		if got := jsonAt(tpl, tt.path); got != tt.want {
			t.Errorf("%s:\n got  %s\n want %s", tt.path, got, tt.want)
		}
	}
}

// TestLiteralIndexAsProperty checks that x['name'] is written x.name
// when name is an identifier, and stays an index otherwise.
func TestLiteralIndexAsProperty(t *testing.T) {
	tpl, errs := compileSource(t, "param o object\nvar a = o['foo']\nvar b = o['foo-bar']\nvar c = o['$x']\noutput x array = [a, b, c]\n", nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for path, want := range map[string]string{
		"variables/a": `"[parameters('o').foo]"`,
		"variables/b": `"[parameters('o')['foo-bar']]"`,
		"variables/c": `"[parameters('o')['$x']]"`,
	} {
		if got := jsonAt(tpl, path); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
}

// TestBigIntegerLiterals checks that an integer beyond 32 bits is a JSON
// number as a whole value and json('n') inside an expression.
func TestBigIntegerLiterals(t *testing.T) {
	tpl, errs := compileSource(t, "param p int\nvar a = 2199023255552\nvar b = 2199023255552 * p\nvar c = 2147483647 * p\noutput x array = [a, b, c]\n", nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for path, want := range map[string]string{
		"variables/a": `2199023255552`,
		"variables/b": `"[mul(json('2199023255552'), parameters('p'))]"`,
		"variables/c": `"[mul(2147483647, parameters('p'))]"`,
	} {
		if got := jsonAt(tpl, path); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
}

// TestCopyPropertyName checks that a property named copy is written as an
// expression name, so that ARM does not read it as a copy loop.
func TestCopyPropertyName(t *testing.T) {
	tpl, errs := compileSource(t, "var v = {\n  copy: [\n    1\n  ]\n  Copy2: 2\n}\noutput o object = v\n", nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got, want := jsonAt(tpl, "variables/v"), `{"[string('copy')]":[1],"Copy2":2}`; got != want {
		t.Errorf("v = %s, want %s", got, want)
	}
}

// TestCopyInputs checks how a variable loop's body is written: objects
// and strings as values, other values as expressions.
func TestCopyInputs(t *testing.T) {
	src := "var a = [for i in range(0, 2): 3]\nvar b = [for i in range(0, 2): false]\nvar c = [for i in range(0, 2): [i, 'x']]\nvar d = [for i in range(0, 2): 'hi']\nvar e = [for i in range(0, 2): {v: i}]\noutput o array = [a, b, c, d, e]\n"
	tpl, errs := compileSource(t, src, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for path, want := range map[string]string{
		"variables/copy/0/input": `"[int(3)]"`,
		"variables/copy/1/input": `"[false()]"`,
		"variables/copy/2/input": `"[createArray(range(0, 2)[copyIndex('c')], 'x')]"`,
		"variables/copy/3/input": `"hi"`,
		"variables/copy/4/input": `{"v":"[range(0, 2)[copyIndex('e')]]"}`,
	} {
		if got := jsonAt(tpl, path); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
}

// TestScopeValues checks that a scope named by arguments, used as a
// value, is an empty object (it has no ARM function), while the current
// scopes are their functions.
func TestScopeValues(t *testing.T) {
	src := "var resourceGroup = 'x'\nvar v = {\n  a: subscription('s1')\n  b: az.resourceGroup('s1', 'rg')\n  c: subscription()\n}\noutput o object = v\noutput r string = resourceGroup\n"
	tpl, errs := compileSource(t, src, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got, want := jsonAt(tpl, "variables/v"), `{"a":{},"b":{},"c":"[subscription()]"}`; got != want {
		t.Errorf("v = %s, want %s", got, want)
	}
}
