package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/azrule/azrule/bicep/ast"
)

// TestRecovery checks the errors (code and line:col) of broken files and
// that parsing goes on after each: the declarations after a broken one are
// still in the tree.
func TestRecovery(t *testing.T) {
	tests := []struct {
		name, src string
		errs      []string // "line:col CODE"
		tree      string   // Sprint of the file, when set
	}{
		{"unknown declaration", "foo bar\nparam p string\n", []string{"1:1 BCP007"}, "<baddecl>\n(param p string _)"},
		{"missing param name", "param\nvar v = 1\n", []string{"1:6 BCP013"}, ""},
		{"missing type", "param p = 1\n", []string{"1:9 BCP279"}, ""},
		{"missing value", "var v =\nvar w = 2\n", []string{"1:8 BCP009"}, "(var v _ <bad>)\n(var w _ 2)"},
		{"junk after declaration", "var v = 1 2\nvar w = 2\n", []string{"1:11 BCP019"}, "(var v _ 1)\n(var w _ 2)"},
		{"bad property keeps others", "var o = {\n  a: 1\n  b 2\n  c: 3\n}\n", []string{"3:5 BCP018"}, "(var o _ {a:1 b:<bad> c:3})"},
		{"unclosed object", "var o = {\n  a: 1\n", []string{"3:1 BCP018"}, ""},
		{"unclosed object before declaration", "var o = {\n  a: 1\n\nparam p string\n", []string{"4:1 BCP018"}, "(var o _ {a:1})\n(param p string _)"},
		{"unclosed paren before declaration", "resource r 'a@1' = if (\n\nresource s 'b@1' = {}\n", []string{"1:23 BCP243", "3:1 BCP018"}, "(resource r 'a@1' (if (paren <bad>) <bad>))\n(resource s 'b@1' {})"},
		{"unclosed call", "var x = concat('a',\nvar y = 1\n", []string{"2:1 BCP018"}, "(var x _ (call concat 'a'))\n(var y _ 1)"},
		{"separator", "var a = [1 2]\n", []string{"1:12 BCP236"}, "(var a _ [1 2])"},
		{"comma then newline", "var a = [1,\n2]\n", []string{"1:12 BCP238"}, ""},
		{"unterminated string", "var s = 'abc\nvar t = 1\n", []string{"1:9 BCP004"}, "(var s _ 'abc')\n(var t _ 1)"},
		{"bad escape", "var s = 'a\\qb'\n", []string{"1:11 BCP006"}, ""},
		{"double quote", "var s = \"a\"\n", []string{"1:9 BCP103", "1:9 BCP009", "1:11 BCP103"}, ""},
		{"unterminated multiline", "var s = '''abc\n", []string{"1:9 BCP140"}, ""},
		{"unterminated comment", "var s = 1 /* x\n", []string{"1:11 BCP002"}, ""},
		{"decorator without declaration", "@description('x')\n\n", []string{"3:1 BCP132"}, ""},
		{"decorator on same line", "@secure() param p string\n", []string{"1:11 BCP019", "2:1 BCP132"}, ""},
		{"empty index", "var x = a[]\n", []string{"1:11 BCP117"}, ""},
		{"directive without codes", "#disable-next-line\nparam p string\n", []string{"1:19 BCP226"}, "(param p string _)"},
		{"unknown hash", "#madeup\nparam p string\n", []string{"1:1 BCP001", "1:1 BCP007"}, "<baddecl>\n(param p string _)"},
		{"resource body", "resource r 'a@1' = 3\n", []string{"1:20 BCP118"}, ""},
		{"loop block size", "var x = [for (a, b, c) in y: a]\n", []string{"1:14 BCP249"}, ""},
		{"loop without in", "var x = [for a y: a]\n", []string{"1:16 BCP012"}, ""},
		{"newline in interpolation", "var s = 'a${b\nvar t = 1\n", []string{"1:14 BCP004"}, ""},
		{"complex literal in interpolation", "var s = '${[1]}'\n", []string{"1:12 BCP087"}, ""},
		{"parens with two items", "var x = (1, 2)\n", []string{"1:9 BCP243"}, ""},
		{"union ends with pipe", "type t = 'a' |\nparam p string\n", []string{"1:15 BCP279"}, "(type t (| 'a' <badtype>))\n(param p string _)"},
		{"import needs from", "import {a} 'x.bicep'\n", []string{"1:12 BCP012"}, ""},
		{"illegal char", "var x = 1 & 2\n", []string{"1:11 BCP001", "1:11 BCP019"}, ""},
	}
	for _, tt := range tests {
		f, errs := parseString(t, "main.bicep", tt.src)
		var got []string
		for _, e := range errs {
			p := e.Pos.Position()
			got = append(got, fmt.Sprintf("%d:%d %s", p.Line, p.Column, e.Code))
		}
		if strings.Join(got, "|") != strings.Join(tt.errs, "|") {
			t.Errorf("%s: errors\n got %q\nwant %q\n(%v)", tt.name, got, tt.errs, errs)
		}
		if tt.tree != "" {
			if s := ast.Sprint(f); s != tt.tree {
				t.Errorf("%s: tree\n got %s\nwant %s", tt.name, s, tt.tree)
			}
		}
		for _, e := range errs {
			if e.Message == "" {
				t.Errorf("%s: empty message for %s", tt.name, e.Code)
			}
		}
	}
}

// TestErrorCap stops reporting at MaxErrors.
func TestErrorCap(t *testing.T) {
	src := strings.Repeat("foo\n", 500)
	_, errs := parseString(t, "main.bicep", src)
	if len(errs) != MaxErrors+1 || errs[MaxErrors].Code != CodeTooManyErrors {
		t.Fatalf("got %d errors, last %v", len(errs), errs[len(errs)-1])
	}
}

// TestDepthCap reports deep nesting instead of recursing without bound.
func TestDepthCap(t *testing.T) {
	for _, src := range []string{
		"var x = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000),
		"var x = " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000),
		"var x = " + strings.Repeat("{a:", 5000) + "1" + strings.Repeat("}", 5000),
		"type t = " + strings.Repeat("(", 5000) + "int" + strings.Repeat(")", 5000),
		"var x = " + strings.Repeat("'${", 3000) + "1" + strings.Repeat("}'", 3000),
	} {
		_, errs := parseString(t, "main.bicep", src)
		found := false
		for _, e := range errs {
			found = found || e.Code == CodeTooDeep
		}
		if !found {
			t.Errorf("%.20s...: no %s error in %v", src, CodeTooDeep, errs)
		}
	}
}
