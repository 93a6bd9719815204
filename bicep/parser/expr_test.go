package parser

import (
	"testing"

	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/source"
)

func parseExprString(t *testing.T, src string) (string, source.ErrorList) {
	t.Helper()
	x, errs := ParseExpr(source.NewFile("x.bicep", []byte(src)))
	return ast.Sprint(x), errs
}

// TestPrecedence checks Bicep's operator table: * / % over + - over
// comparisons over equality over && over || over ??, all left-associative,
// and ?: lowest and right-associative.
func TestPrecedence(t *testing.T) {
	tests := []struct{ src, want string }{
		{"1 + 2 * 3", "(+ 1 (* 2 3))"},
		{"1 * 2 + 3", "(+ (* 1 2) 3)"},
		{"1 - 2 - 3", "(- (- 1 2) 3)"},
		{"8 / 4 / 2", "(/ (/ 8 4) 2)"},
		{"a % b * c", "(* (% a b) c)"},
		{"a + b < c - d", "(< (+ a b) (- c d))"},
		{"a < b == c >= d", "(== (< a b) (>= c d))"},
		{"a == b && c != d", "(&& (== a b) (!= c d))"},
		{"a =~ b || c !~ d", "(|| (=~ a b) (!~ c d))"},
		{"a && b || c && d", "(|| (&& a b) (&& c d))"},
		{"a || b ?? c", "(?? (|| a b) c)"},
		{"a ?? b ?? c", "(?? (?? a b) c)"},
		{"a ? b : c ? d : e", "(?: a b (?: c d e))"},
		{"a ? b ? c : d : e", "(?: a (?: b c d) e)"},
		{"a ?? b ? c : d", "(?: (?? a b) c d)"},
		{"!a && b", "(&& (! a) b)"},
		{"-a * b", "(* (- a) b)"},
		{"-1", "(- 1)"},
		{"!a.b", "(! (. a b))"},
		{"(1 + 2) * 3", "(* (paren (+ 1 2)) 3)"},
		{"a.b.c", "(. (. a b) c)"},
		{"a.?b", "(.? a b)"},
		{"a[0].b", "(. ([] a 0) b)"},
		{"a[?'k']", "([?] a 'k')"},
		{"a[^1]", "([^] a 1)"},
		{"a[?^1]", "([?^] a 1)"},
		{"a!.b", "(. (nonnull a) b)"},
		{"a::b::c.id", "(. (:: (:: a b) c) id)"},
		{"f(1, 'x')", "(call f 1 'x')"},
		{"sys.concat(a, b)", "(call sys.concat a b)"},
		{"az.resourceGroup().location", "(. (call az.resourceGroup) location)"},
		{"kv.getSecret('s')", "(call kv.getSecret 's')"},
		{"f(\n  1,\n  2\n)", "(call f 1 2)"},
		{"map(xs, x => x.name)", "(call map xs (=> (x) (. x name)))"},
		{"reduce(xs, 0, (cur, next) => cur + next)", "(call reduce xs 0 (=> (cur next) (+ cur next)))"},
		{"map(xs, () => null)", "(call map xs (=> () null))"},
		{"[1, 2, ...rest]", "[1 2 (... rest)]"},
		{"[\n  1\n  'a'\n]", "[1 'a']"},
		{"['a', 'b'\n'c']", "['a' 'b' 'c']"},
		{"{ a: 1, 'b-c': 2, ...o }", "{a:1 'b-c':2 (... o)}"},
		{"{\n  a: 1\n  b: {\n    c: true\n  }\n}", "{a:1 b:{c:true}}"},
		{"[for x in xs: x.id]", "(for x _ xs (. x id))"},
		{"[for (x, i) in range(0, 3): i]", "(for x i (call range 0 3) i)"},
		{"[\nfor x in xs: {\n  n: x\n}\n]", "(for x _ xs {n:x})"},
		{"'a${b}c${d.e}f'", "(str 'a' b 'c' (. d e) 'f')"},
		{"'${a ? 'x' : 'y'}'", "(str '' (?: a 'x' 'y') '')"},
		{`'it\'s \n\t\\ \$ \u{41}'`, `'it\'s \n\t\\ $ A'`},
		{"'''\nline1\nline2'''", "'line1\\nline2'"},
		{"'''no ${interp} \\n'''", "'no ${interp} \\\\n'"},
		{"$'''a${b}c'''", "(str 'a' b 'c')"},
		{"$$'''${a}$${b}'''", "(str '${a}' b '')"},
		{"18446744073709551616", "18446744073709551616"},
		{"true && null == false", "(&& true (== null false))"},
		{"a\n  ? b\n  : c", "(?: a b c)"},
	}
	for _, tt := range tests {
		got, errs := parseExprString(t, tt.src)
		if got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
		if len(errs) > 0 && tt.src != "18446744073709551616" {
			t.Errorf("%q: unexpected errors: %v", tt.src, errs)
		}
	}
}

// TestBigInteger keeps the text of an integer that does not fit 64 bits and
// reports BCP010 as Bicep does.
func TestBigInteger(t *testing.T) {
	x, errs := ParseExpr(source.NewFile("x.bicep", []byte("18446744073709551616")))
	lit, ok := x.(*ast.IntLit)
	if !ok || lit.Text != "18446744073709551616" || !lit.Overflow {
		t.Fatalf("got %#v", x)
	}
	if len(errs) != 1 || errs[0].Code != "BCP010" {
		t.Fatalf("errors = %v", errs)
	}
	x, _ = ParseExpr(source.NewFile("x.bicep", []byte("9223372036854775807")))
	if lit := x.(*ast.IntLit); lit.Value != 9223372036854775807 || lit.Overflow {
		t.Fatalf("got %#v", lit)
	}
}
