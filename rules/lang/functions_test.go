package lang

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

func TestFunctions(t *testing.T) {
	f := mustParse(t, "fn.Rule.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Selector
metadata: {name: Fn.Substring}
spec:
  if:
    value:
      $:
        substring:
          path: name
        length: 7
    equals: TestObj
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Selector
metadata: {name: Fn.Configuration}
spec:
  if:
    value: {$: {configuration: ConfigArray}}
    count: 5
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Selector
metadata: {name: Fn.Boolean}
spec:
  if: {value: {$: {boolean: 'true'}}, equals: true}
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Selector
metadata: {name: Fn.Concat}
spec:
  if:
    value:
      $:
        concat:
        - path: name
        - string: '-'
        - path: name
    equals: TestObject1-TestObject1
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Selector
metadata: {name: Fn.Integer}
spec:
  if: {value: {$: {integer: '6'}}, greater: 5}
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Selector
metadata: {name: Fn.InArgument}
spec:
  if:
    value: TestObject1-TestObject1
    equals:
      $:
        concat:
        - path: name
        - string: '-'
        - path: name
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Selector
metadata: {name: Fn.ConfiguredThreshold}
spec:
  if:
    field: count
    greaterOrEquals: {$: {configuration: MinCount}}
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Selector
metadata: {name: Fn.Unknown}
spec:
  if: {value: {$: {path: secret}}, equals: x}
`)
	set, errs := Compile(f)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	cfg := value.NewObject(source.Pos{})
	cfg.Set("ConfigArray", value.NewArray(source.Pos{}, value.Int{V: 1}, value.Int{V: 2}, value.Int{V: 3}, value.Int{V: 4}, value.Int{V: 5}))
	cfg.Set("MinCount", value.Int{V: 3})
	set.Configure(cfg)
	tg := target(t, "T", `{"name": "TestObject1", "count": 3, "secret": "{{unknown:secret}}"}`)
	for name, want := range map[string]bool{
		"Fn.Substring": true, "Fn.Configuration": true, "Fn.Boolean": true, "Fn.Concat": true,
		"Fn.Integer": true, "Fn.InArgument": true, "Fn.ConfiguredThreshold": true,
	} {
		ok, err := set.Selectors[strings.ToLower(name)].Match(tg)
		if ok != want || err != nil {
			t.Errorf("%s: %v %v, want %v", name, ok, err, want)
		}
	}
	ok, err := set.Selectors["fn.unknown"].Match(tg)
	if ok || err == nil || !strings.Contains(err.Error(), "parameter 'secret'") {
		t.Errorf("unknown path function: %v %v", ok, err)
	}
	cfg2 := value.NewObject(source.Pos{})
	cfg2.Set("MinCount", value.Int{V: 4})
	set.Configure(cfg2)
	if ok, _ := set.Selectors["fn.configuredthreshold"].Match(tg); ok {
		t.Error("Configure did not replace the values")
	}
}

func TestFunctionErrors(t *testing.T) {
	cases := []struct{ expr, want string }{
		{"{value: {$: {nope: 1}}, equals: 1}", "no function named"},
		{"{value: {$: {substring: {path: name}}}, equals: 1}", "substring needs length"},
		{"{value: {$: {concat: x}}, equals: 1}", "concat takes a list"},
		{"{value: {$: {path: 'a['}}, equals: 1}", "field path"},
		{"{field: a, startsWith: {$: {string: x}}}", "startsWith does not take a function"},
		{"{value: {$: {string: a, length: 1}}, equals: 1}", `string does not take "length"`},
	}
	for _, c := range cases {
		_, errs := parseYAMLExpr(c.expr)
		if len(errs) == 0 || !strings.Contains(errs.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.expr, errs, c.want)
		}
	}
}
