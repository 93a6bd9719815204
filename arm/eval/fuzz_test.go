package eval

import (
	"testing"

	"github.com/azrule/azrule/arm/value"
)

// FuzzEval evaluates arbitrary template strings: whatever the text, the
// evaluator returns a value or an error, and never panics or hangs.
func FuzzEval(f *testing.F) {
	for _, s := range benchMix {
		f.Add(s)
	}
	for _, s := range []string{
		"[substring('abc', 1, 5)]",
		"[range(0, 10001)]",
		"[parameters('missing').a[0]]",
		"[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]",
		"[reduce(range(0, 5), '', lambda('c', 'n', concat(lambdaVariables('c'), string(lambdaVariables('n')))))]",
		"[json('{\"a\":[1,2,{\"b\":null}]}').a[2].b]",
		"[[escaped]",
	} {
		f.Add(s)
	}
	env := newTestEnv()
	f.Fuzz(func(t *testing.T, s string) {
		v, err := EvalString(value.String{V: s}, env)
		if err == nil && v == nil {
			t.Fatalf("EvalString(%q) returned neither a value nor an error", s)
		}
	})
}
