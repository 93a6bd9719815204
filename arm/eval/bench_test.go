package eval

import (
	"testing"

	"github.com/azrule/azrule/arm/expr"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/internal/testdir"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// benchMix is a small mix of the expressions real templates are made of.
var benchMix = []string{
	"[parameters('name')]",
	"[concat('mlw-', parameters('name'), '-', toLower(parameters('name')))]",
	"[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]",
	"[if(equals(parameters('obj').a, 1), createObject('enabled', true()), createObject())]",
	"[union(createObject('a', 1, 'b', createObject('c', 2)), parameters('obj'))]",
	"[map(range(0, 10), lambda('i', concat('snet-', string(lambdaVariables('i')))))]",
	"[filter(parameters('arr'), lambda('x', not(equals(lambdaVariables('x'), 'y'))))]",
	"[coalesce(tryGet(parameters('obj'), 'missing'), resourceGroup().location)]",
	"[length(split('a,b,c,d', ','))]",
	"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')]",
}

// mixInFile returns the mix as strings read from a JSON file, so that
// evaluation maps positions as it does for real templates.
func mixInFile(b *testing.B) []value.String {
	var buf []byte
	buf = append(buf, '[')
	for i, s := range benchMix {
		if i > 0 {
			buf = append(buf, ',', '\n')
		}
		buf = value.AppendJSON(buf, value.String{V: s})
	}
	buf = append(buf, ']')
	v, err := jsonc.Parse(source.NewFile("mix.json", buf))
	if err != nil {
		b.Fatal(err)
	}
	var out []value.String
	for _, e := range v.(*value.Array).Elems {
		out = append(out, e.(value.String))
	}
	return out
}

// BenchmarkEvalMix parses (from the cache after the first round) and
// evaluates the mix, read from a file; bytes are the expression text.
func BenchmarkEvalMix(b *testing.B) {
	env := newTestEnv()
	mix := mixInFile(b)
	size := 0
	for _, s := range mix {
		size += len(s.V)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range mix {
			if _, err := EvalString(s, env); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkParseEvalMixUncached parses every time, as the first sight of
// each expression does.
func BenchmarkParseEvalMixUncached(b *testing.B) {
	env := newTestEnv()
	size := 0
	for _, s := range benchMix {
		size += len(s)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, s := range benchMix {
			n, perr := expr.Parse(s)
			if perr != nil {
				b.Fatal(perr)
			}
			if _, err := Eval(n, value.String{V: s}, env); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkEvalCorpus evaluates every distinct expression of the
// corpora's compiled templates with nothing known.
func BenchmarkEvalCorpus(b *testing.B) {
	exprs := testdir.CorpusExpressions(b)
	env := openEnv{BaseEnv{Ctx: DefaultContext()}}
	size := 0
	for _, s := range exprs {
		size += len(s)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range exprs {
			_, _ = EvalString(value.String{V: s}, env)
		}
	}
}
