package parser

import (
	"testing"

	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/source"
)

// FuzzParse checks that parsing never panics or hangs, that errors are
// capped and positioned inside the file, and that every node's span lies
// inside the file and inside its parent's span.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"param p string = 'x'\nvar v = p == 'x' ? [1, 2] : {a: 1}\n",
		"resource r 'A.B/c@1' = [for (x, i) in xs: if (i > 0) {\n  name: x\n  resource c 'd' = {}\n}]\n",
		"type t = {\n  @minValue(1)\n  a: int?\n  *: string\n} | 'x'\nfunc f(a int) int => a + 1\n",
		"import {a as b} from 'x'\nextension k8s with {} as k\noutput o array = map(xs, x => x.?y[^1]!)\n",
		"@description('x'\nparam\nvar = [\n",
		"using 'main.bicep'\nparam a = $'''${b}'''\n",
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, src string, params bool) {
		file, errs := Parse(source.NewFile("f.bicep", []byte(src)), params)
		if len(errs) > MaxErrors+1 {
			t.Fatalf("%d errors", len(errs))
		}
		for _, e := range errs {
			if e.Pos.Offset < 0 || e.Pos.Offset > len(src) || e.Code == "" || e.Message == "" {
				t.Fatalf("bad error %+v", e)
			}
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if n == nil {
				return true
			}
			if n.Pos().Offset < 0 || n.End().Offset > len(src) || n.End().Offset < n.Pos().Offset {
				t.Fatalf("%T span [%d,%d) in %d bytes", n, n.Pos().Offset, n.End().Offset, len(src))
			}
			return true
		})
		checkSpans(t, file)
		_ = ast.Sprint(file)
	})
}
