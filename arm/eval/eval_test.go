package eval

import (
	"errors"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// testEnv has two parameters, one with no value, and a copy loop.
type testEnv struct {
	BaseEnv
	params map[string]value.Value
	vars   map[string]value.Value
	index  int64
}

func (e *testEnv) Parameter(name string, at source.Pos) (value.Value, error) {
	if v, ok := e.params[strings.ToLower(name)]; ok {
		return v, nil
	}
	return e.BaseEnv.Parameter(name, at)
}

func (e *testEnv) Variable(name string, at source.Pos) (value.Value, error) {
	if v, ok := e.vars[strings.ToLower(name)]; ok {
		return v, nil
	}
	return e.BaseEnv.Variable(name, at)
}

func (e *testEnv) CopyIndex(loop string, at source.Pos) (int64, error) {
	if loop == "" || loop == "loop" {
		return e.index, nil
	}
	return e.BaseEnv.CopyIndex(loop, at)
}

func newTestEnv() *testEnv {
	f := source.NewFile("params.json", []byte(`{"name": "MyName", "obj": {"a": 1, "b": [1, 2, 3], "c": {"d": "x"}}, "arr": ["x", "y", "z"]}`))
	v, err := jsonc.Parse(f)
	if err != nil {
		panic(err)
	}
	o := v.(*value.Object)
	params := map[string]value.Value{}
	for _, m := range o.Members() {
		params[strings.ToLower(m.Key)] = m.Value
	}
	params["missing"] = value.NewUnknown("parameter 'missing' has no value", "parameters('missing')", source.Pos{})
	return &testEnv{BaseEnv: BaseEnv{Ctx: DefaultContext()}, params: params, vars: map[string]value.Value{"v": value.String{V: "var"}}, index: 2}
}

// run evaluates text as a template string in a file, so positions are real.
func run(t *testing.T, env Env, text string) (value.Value, error) {
	t.Helper()
	js := string(value.AppendJSON(nil, value.String{V: text}))
	f := source.NewFile("t.json", []byte(`{"x": `+js+`}`))
	v, err := jsonc.Parse(f)
	if err != nil {
		t.Fatalf("bad test input %q: %v", text, err)
	}
	s, _ := v.(*value.Object).Get("x")
	return EvalString(s.(value.String), env)
}

func render(v value.Value) string {
	if s, ok := v.(value.String); ok {
		return "'" + s.V + "'"
	}
	if u, ok := v.(value.Unknown); ok {
		return "unknown:" + u.Text
	}
	return string(value.AppendJSON(nil, v))
}

// evalCase is one expression and what it must give: want is the rendered
// value (strings in quotes, unknowns as unknown:TEXT), or err a substring
// of the error message.
type evalCase struct {
	expr string
	want string
	err  string
}

func runCases(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, tc := range cases {
		env := newTestEnv()
		v, err := run(t, env, tc.expr)
		if tc.err != "" {
			if err == nil {
				t.Errorf("%s = %s, want error containing %q", tc.expr, render(v), tc.err)
				continue
			}
			if !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %q, want it to contain %q", tc.expr, err, tc.err)
			}
			var se *source.Error
			if !errors.As(err, &se) || !se.Pos.IsValid() {
				t.Errorf("%s: error %v has no position", tc.expr, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: unexpected error %v", tc.expr, err)
			continue
		}
		if got := render(v); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
		}
	}
}

func TestLiteralsAndEscapes(t *testing.T) {
	runCases(t, []evalCase{
		{"plain", "'plain'", ""},
		{"[[notexpr]", "'[notexpr]'", ""},
		{"[['a']", "'['a']'", ""},
		{"['it''s']", "'it's'", ""},
		{"[42]", "42", ""},
		{"[-7]", "-7", ""},
		{"[true]", "true", ""},
		{"[null]", "null", ""},
		{"[ concat( 'a' , 'b' ) ]", "'ab'", ""},
		{"[]", "", "the expression is empty"},
		{"[concat('a']", "", "expected ',' or ')'"},
		{"[foo()]", "", "unknown function 'foo'"},
		{"[toLowr('A')]", "", "unknown function 'toLowr'; did you mean 'toLower'?"},
		{"[CONCAT('a', 'b')]", "'ab'", ""},
		{"[zzzzzzzz()]", "", "unknown function 'zzzzzzzz'"},
		{"[ns.foo()]", "", "unknown function 'ns.foo'"},
		{"[not()]", "", "'not' takes 1 argument, but 0 were given"},
		{"[and(true)]", "", "'and' takes at least 2 arguments, but 1 was given"},
		{"[lambda('x', 1)]", "", "lambda() can only be written as an argument"},
	})
}

func TestParametersAndAccess(t *testing.T) {
	runCases(t, []evalCase{
		{"[parameters('name')]", "'MyName'", ""},
		{"[parameters('NAME')]", "'MyName'", ""},
		{"[parameters('obj').a]", "1", ""},
		{"[parameters('obj').A]", "1", ""},
		{"[parameters('obj')['c'].d]", "'x'", ""},
		{"[parameters('obj').b[2]]", "3", ""},
		{"[parameters('arr')[0]]", "'x'", ""},
		{"[parameters('obj').nope]", "", "property 'nope' does not exist; available properties are 'a, b, c'"},
		{"[parameters('arr')[3]]", "", "array index 3 is out of bounds: the array has 3 elements"},
		{"[parameters('name').x]", "", "cannot access property 'x' of a String value"},
		{"[parameters('nope')]", "", "parameter 'nope' is not declared"},
		{"[variables('v')]", "'var'", ""},
		{"[parameters('missing')]", "unknown:{{parameters('missing')}}", ""},
		{"[parameters('missing').properties.id]", "unknown:{{parameters('missing').properties.id}}", ""},
		{"[parameters('missing')[0]]", "unknown:{{parameters('missing')[0]}}", ""},
		{"[parameters('arr')[parameters('missing')]]", "unknown:{{json('[\"x\",\"y\",\"z\"]')[parameters('missing')]}}", ""},
	})
}

func TestUnknownPropagation(t *testing.T) {
	runCases(t, []evalCase{
		{"[concat('mlw-', parameters('missing'))]", "unknown:mlw-{{parameters('missing')}}", ""},
		{"[not(parameters('missing'))]", "unknown:{{not(parameters('missing'))}}", ""},
		{"[not(concat('a', parameters('missing')))]", "unknown:{{not(concat('a', parameters('missing')))}}", ""},
		{"[if(parameters('missing'), 'a', 'b')]", "unknown:{{if(parameters('missing'), 'a', 'b')}}", ""},
		{"[and(parameters('missing'), false)]", "false", ""},
		{"[if(parameters('missing'), 'same', 'same')]", "'same'", ""},
		{"[if(parameters('missing'), parameters('obj').nope, 'b')]", "unknown:{{if(parameters('missing'), parameters('obj').nope, 'b')}}", ""},
		{"[and(parameters('missing'), parameters('obj').nope)]", "unknown:{{and(parameters('missing'), parameters('obj').nope)}}", ""},
		{"[and(true, parameters('obj').nope)]", "", "property 'nope' does not exist"},
		{"[coalesce(parameters('missing'), parameters('nope'))]", "unknown:{{coalesce(parameters('missing'), parameters('nope'))}}", ""},
		{"[or(parameters('missing'), true)]", "true", ""},
		{"[and(parameters('missing'), true)]", "unknown:{{and(parameters('missing'), true)}}", ""},
		{"[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2023-01-01').keys[0].value]",
			"unknown:{{listKeys('/subscriptions/ffffffff-ffff-ffff-ffff-ffffffffffff/resourceGroups/ps-rule-test-rg/providers/Microsoft.Storage/storageAccounts/sa', '2023-01-01').keys[0].value}}", ""},
	})
}

func TestUnknownOrigin(t *testing.T) {
	v, err := run(t, newTestEnv(), "[not(parameters('missing')).x]")
	if err != nil {
		t.Fatal(err)
	}
	u, ok := v.(value.Unknown)
	if !ok || u.Origin != "parameter 'missing' has no value" {
		t.Fatalf("got %#v, want an Unknown keeping the parameter's origin", v)
	}
}

func TestPositions(t *testing.T) {
	env := newTestEnv()
	// A value from a parameter keeps the position it was written at.
	v, err := run(t, env, "[parameters('name')]")
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Pos().String(); got != "params.json:1:10" {
		t.Errorf("parameter value at %s, want params.json:1:10", got)
	}
	// A computed value is at its call, inside the JSON string.
	v, err = run(t, env, "[concat('a', 'b')]")
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Pos().String(); got != "t.json:1:9" {
		t.Errorf("concat result at %s, want t.json:1:9", got)
	}
	// A context default has no file position: it gets the access's.
	v, err = run(t, env, "[resourceGroup().location]")
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Pos().String(); got != "t.json:1:25" {
		t.Errorf("resourceGroup().location at %s, want t.json:1:25", got)
	}
	// Errors point at the offending name, through JSON escapes.
	_, err = run(t, env, "[concat('\"', foo())]")
	var se *source.Error
	if !errors.As(err, &se) {
		t.Fatalf("want *source.Error, got %v", err)
	}
	if got := se.Pos.String(); got != "t.json:1:22" {
		t.Errorf("error at %s, want t.json:1:22 (%v)", got, err)
	}
	// Syntax errors too.
	_, err = run(t, env, "[concat('a' 'b')]")
	if !errors.As(err, &se) || se.Pos.String() != "t.json:1:20" {
		t.Errorf("syntax error %v, want it at t.json:1:20", err)
	}
}

// TestNilEnvironment: a nil Env, or an Env without a context, still
// evaluates, with PSRule's defaults.
func TestNilEnvironment(t *testing.T) {
	v, err := EvalString(value.String{V: "[resourceGroup().name]"}, nil)
	if err != nil || render(v) != "'ps-rule-test-rg'" {
		t.Errorf("nil env: %s %v", render(v), err)
	}
	v, err = EvalString(value.String{V: "[subscription().subscriptionId]"}, BaseEnv{})
	if err != nil || render(v) != "'ffffffff-ffff-ffff-ffff-ffffffffffff'" {
		t.Errorf("env without context: %s %v", render(v), err)
	}
}

// nilEnv answers every question with a nil value and no error.
type nilEnv struct{ BaseEnv }

func (nilEnv) Parameter(string, source.Pos) (value.Value, error) { return nil, nil }

func (nilEnv) Reference(value.Value, string, bool, source.Pos) (value.Value, error) { return nil, nil }

func (nilEnv) CallUserFunction(string, []value.Value, source.Pos) (value.Value, bool, error) {
	return nil, true, nil
}

// TestNilValuesFromEnv: an Env that returns no value gives null, never a
// crash further on.
func TestNilValuesFromEnv(t *testing.T) {
	cases := []struct{ expr, want, err string }{
		{"[length(string(parameters('x')))]", "0", ""},
		{"[toLower(reference('x').name)]", "", "cannot access property 'name' of null"},
		{"[empty(ns.fn(1))]", "true", ""},
	}
	for _, tc := range cases {
		v, err := EvalString(value.String{V: tc.expr}, nilEnv{})
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.expr, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.expr, err)
		case render(v) != tc.want:
			t.Errorf("%s = %s, want %s", tc.expr, render(v), tc.want)
		}
	}
}
