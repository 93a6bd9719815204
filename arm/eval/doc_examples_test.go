package eval

import (
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// The dogs of Microsoft's lambda function examples, with the outputs the
// documentation gives for them.
const dogsJSON = `[
  {"name": "Evie", "age": 5, "interests": ["Ball", "Frisbee"]},
  {"name": "Casper", "age": 3, "interests": ["Other dogs"]},
  {"name": "Indy", "age": 2, "interests": ["Butter"]},
  {"name": "Kira", "age": 8, "interests": ["Rubs"]}
]`

func TestDocumentedLambdaExamples(t *testing.T) {
	dogs, err := run(t, newTestEnv(), "[json('"+dogsJSON+"')]")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ expr, want string }{
		{"[filter(variables('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))]",
			`[{"name":"Evie","age":5,"interests":["Ball","Frisbee"]},{"name":"Kira","age":8,"interests":["Rubs"]}]`},
		{"[filter(range(0, 10), lambda('i', equals(0, mod(lambdaVariables('i'), 2))))]", "[0,2,4,6,8]"},
		{"[map(variables('dogs'), lambda('dog', lambdaVariables('dog').name))]", `["Evie","Casper","Indy","Kira"]`},
		{"[map(range(0, length(variables('dogs'))), lambda('i', createObject('i', lambdaVariables('i'), 'dog', variables('dogs')[lambdaVariables('i')].name)))]",
			`[{"i":0,"dog":"Evie"},{"i":1,"dog":"Casper"},{"i":2,"dog":"Indy"},{"i":3,"dog":"Kira"}]`},
		{"[reduce(map(variables('dogs'), lambda('dog', lambdaVariables('dog').age)), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))]", "18"},
		{"[reduce(map(variables('dogs'), lambda('dog', lambdaVariables('dog').age)), 1, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))]", "19"},
		{"[reduce(createArray(createObject('foo', 123), createObject('bar', 456), createObject('baz', 789)), createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))]",
			`{"foo":123,"bar":456,"baz":789}`},
		{"[map(sort(variables('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age))), lambda('d', lambdaVariables('d').name))]",
			`["Indy","Casper","Evie","Kira"]`},
		{"[objectKeys(toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name)))]", `["Evie","Casper","Indy","Kira"]`},
		{"[toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name), lambda('entry', lambdaVariables('entry').age))]",
			`{"Evie":5,"Casper":3,"Indy":2,"Kira":8}`},
	}
	for _, tc := range cases {
		env := newTestEnv()
		env.vars["dogs"] = dogs
		v, err := run(t, env, tc.expr)
		if err != nil {
			t.Errorf("%s: %v", tc.expr, err)
			continue
		}
		if got := render(v); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
		}
	}
}

// TestDocumentedUnion is the union example: later values win, first
// positions are kept.
func TestDocumentedUnion(t *testing.T) {
	runCases(t, []evalCase{
		{"[union(createObject('one', 'a', 'two', 'b', 'three', 'c1'), createObject('three', 'c2', 'four', 'd', 'five', 'e'))]",
			`{"one":"a","two":"b","three":"c2","four":"d","five":"e"}`, ""},
		{"[union(createArray('one', 'two', 'three'), createArray('three', 'four'))]", `["one","two","three","four"]`, ""},
	})
}

// TestValuesAreNotAliased checks that results built from a parameter do
// not share arrays with it in a way that lets a later change leak back.
func TestValuesAreNotAliased(t *testing.T) {
	env := newTestEnv()
	v, err := run(t, env, "[skip(parameters('arr'), 0)]")
	if err != nil {
		t.Fatal(err)
	}
	v.(*value.Array).Elems[0] = value.String{V: "changed", At: source.Pos{}}
	p, _ := env.Parameter("arr", source.Pos{})
	if s := p.(*value.Array).Elems[0].(value.String).V; s != "x" {
		t.Errorf("skip() result aliases the parameter: %q", s)
	}
}
