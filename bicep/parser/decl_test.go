package parser

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/source"
)

func parseString(t *testing.T, name, src string) (*ast.File, source.ErrorList) {
	t.Helper()
	return ParseFile(source.NewFile(name, []byte(src)))
}

// TestDeclarations checks the tree of each kind of declaration.
func TestDeclarations(t *testing.T) {
	tests := []struct{ src, want string }{
		{"targetScope = 'subscription'", "(targetScope 'subscription')"},
		{"metadata owner = 'me'", "(metadata owner 'me')"},
		{"param p string", "(param p string _)"},
		{"param p int = 3", "(param p int 3)"},
		{"@secure()\n@sys.description('pw')\nparam p string", "@(call secure) @(call sys.description 'pw') (param p string _)"},
		{"@allowed([\n  'a'\n  'b'\n])\nparam p string = 'a'", "@(call allowed ['a' 'b']) (param p string 'a')"},
		{"param s resource 'Microsoft.Storage/storageAccounts@2023-01-01'", "(param s (resource 'Microsoft.Storage/storageAccounts@2023-01-01') _)"},
		{"param o {\n  a: string\n  b: int?\n  @minValue(1)\n  c: int\n  *: bool\n}", "(param o (object a:string b:(? int) @(call minValue 1) c:int *:bool) _)"},
		{"param u 'a' | 'b' = 'a'", "(param u (| 'a' 'b') 'a')"},
		{"param x string[]?", "(param x (? (array string)) _)"},
		{"var v = 1", "(var v _ 1)"},
		{"var v string = 'x'", "(var v string 'x')"},
		{"type t = 'a'|'b'\n|'c'", "(type t (| 'a' 'b' 'c'))"},
		{"type t = | 'alone'", "(type t (| 'alone'))"},
		{"type t = [\n  @description('x')\n  string\n  int\n]", "(type t (tuple @(call description 'x') string int))"},
		{"type t = foo.bar[*].baz[1].*", "(type t (.* ([] (. ([*] (. foo bar)) baz) 1)))"},
		{"type t = resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01'>.properties", "(type t (. (<> resourceInput 'Microsoft.Storage/storageAccounts@2023-01-01') properties))"},
		{"type t = (-10 | !true | null)[]", "(type t (array (paren (| (- 10) (! true) null))))"},
		{"type t = nullable!", "(type t (! nullable))"},
		{"@export()\nfunc f(a string, b int) string => '${a}${b}'", "@(call export) (func f (=> (a:string b:int) string (str '' a '' b '')))"},
		{"func g() array => [\n  1\n]", "(func g (=> () array [1]))"},
		{"resource r 'A.B/c@2020-01-01' = {\n  name: 'x'\n}", "(resource r 'A.B/c@2020-01-01' {name:'x'})"},
		{"resource r 'A.B/c@2020-01-01' existing = {\n  name: 'x'\n}", "(resource existing r 'A.B/c@2020-01-01' {name:'x'})"},
		{"resource r 'A.B/c@2020-01-01' = if (deploy) {\n  name: 'x'\n}", "(resource r 'A.B/c@2020-01-01' (if (paren deploy) {name:'x'}))"},
		{"resource r 'A.B/c@2020-01-01' =\n  if (deploy) {\n  name: 'x'\n}", "(resource r 'A.B/c@2020-01-01' (if (paren deploy) {name:'x'}))"},
		{"@batchSize(2)\nresource r 'A.B/c@2020-01-01' = [for (n, i) in names: if (i > 0) {\n  name: n\n}]", "@(call batchSize 2) (resource r 'A.B/c@2020-01-01' (for n i names (if (paren (> i 0)) {name:n})))"},
		{"resource p 'A.B/c@2020-01-01' = {\n  name: 'p'\n  resource child 'd' = {\n    name: 'c'\n  }\n  @description('x')\n  resource other 'e' = {\n    name: 'o'\n  }\n}", "(resource p 'A.B/c@2020-01-01' {name:'p' (resource child 'd' {name:'c'}) @(call description 'x') (resource other 'e' {name:'o'})})"},
		{"resource c 'A.B/c/d@2020-01-01' = {\n  parent: p\n  name: 'c'\n  resource: 'not a nested resource'\n}", "(resource c 'A.B/c/d@2020-01-01' {parent:p name:'c' resource:'not a nested resource'})"},
		{"module m './m.bicep' = {\n  name: 'm'\n  params: {\n    a: 1\n  }\n}", "(module m './m.bicep' {name:'m' params:{a:1}})"},
		{"module m 'br/public:avm/res/x:1.0.0' = [for i in range(0, 2): {\n  name: 'm${i}'\n}]", "(module m 'br/public:avm/res/x:1.0.0' (for i _ (call range 0 2) {name:(str 'm' i '')}))"},
		{"output o string = 'x'", "(output o string 'x')"},
		{"output r resource 'A.B/c@2020-01-01' = r", "(output r (resource 'A.B/c@2020-01-01') r)"},
		{"output ids array = [for x in xs: x.id]", "(output ids array (for x _ xs (. x id)))"},
		{"import {a, b as c} from './x.bicep'", "(import {a, b as c} './x.bicep')"},
		{"import {\n  'not-an-identifier' as n\n  d\n} from 'x.json'", "(import {'not-an-identifier' as n, d} 'x.json')"},
		{"import * as ns from './x.bicep'", "(import * as ns './x.bicep')"},
		{"extension az", "(extension az _ _)"},
		{"extension kubernetes with {\n  namespace: 'x'\n} as k8s", "(extension kubernetes {namespace:'x'} k8s)"},
		{"extension 'br:mcr.microsoft.com/bicep/extensions/x/v1:1.2.3' as x", "(extension 'br:mcr.microsoft.com/bicep/extensions/x/v1:1.2.3' _ x)"},
		{"provider microsoftGraph", "(provider microsoftGraph _ _)"},
		{"import 'az@1.0.0'", "(import 'az@1.0.0' _ _)"},
		{"assert a = length(x) > 0", "(assert a (> (call length x) 0))"},
		{"test t 'main.bicep' = {\n  params: {}\n}", "(test t 'main.bicep' {params:{}})"},
	}
	for _, tt := range tests {
		f, errs := parseString(t, "main.bicep", tt.src)
		if got := ast.Sprint(f); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
		if len(errs) > 0 {
			t.Errorf("%q: unexpected errors: %v", tt.src, errs)
		}
	}
}

// TestParamsFile checks the .bicepparam dialect.
func TestParamsFile(t *testing.T) {
	src := "using './main.bicep'\n\nparam a = 'x'\nparam b = readEnvironmentVariable('B', 'd')\nvar v = 1\nimport {t} from './types.bicep'\nextensionConfig k8s with {\n  ns: 'x'\n}\n"
	f, errs := parseString(t, "main.bicepparam", src)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := "(using './main.bicep' _)\n(param a = 'x')\n(param b = (call readEnvironmentVariable 'B' 'd'))\n(var v _ 1)\n(import {t} './types.bicep')\n(extensionConfig k8s {ns:'x'})"
	if got := ast.Sprint(f); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if !f.Params {
		t.Error("Params is false for a .bicepparam file")
	}
	for _, src := range []string{"using none", "extends 'base.bicepparam'", "using 'main.bicep' with {\n  mode: 'stack'\n}"} {
		if _, errs := parseString(t, "x.bicepparam", src); len(errs) > 0 {
			t.Errorf("%q: %v", src, errs)
		}
	}
}

// TestPositions checks start and end positions of declarations and nested
// nodes.
func TestPositions(t *testing.T) {
	src := "@description('d')\nparam p string = 'x'\n\nresource r 'A.B/c@1' = {\n  name: p\n}\n"
	f, errs := parseString(t, "main.bicep", src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	span := func(n ast.Node) string { return src[n.Pos().Offset:n.End().Offset] }
	p := f.Decls[0].(*ast.ParamDecl)
	if got := span(p); got != "@description('d')\nparam p string = 'x'" {
		t.Errorf("param span %q", got)
	}
	if got := span(p.Default); got != "'x'" {
		t.Errorf("default span %q", got)
	}
	r := f.Decls[1].(*ast.ResourceDecl)
	if got := span(r); got != "resource r 'A.B/c@1' = {\n  name: p\n}" {
		t.Errorf("resource span %q", got)
	}
	prop := r.Value.(*ast.ObjectLit).Items[0].(*ast.Property)
	if got := prop.Value.Pos().Position().String(); got != "main.bicep:5:9" {
		t.Errorf("name value at %s", got)
	}
	// Every node's span lies inside its parent's.
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if len(stack) > 0 {
			par := stack[len(stack)-1]
			if n.Pos().Offset < par.Pos().Offset || n.End().Offset > par.End().Offset {
				t.Errorf("%T [%d,%d) outside parent %T [%d,%d)", n, n.Pos().Offset, n.End().Offset, par, par.Pos().Offset, par.End().Offset)
			}
		}
		stack = append(stack, n)
		return true
	})
}

// TestDirectivesAndComments checks the side lists kept for suppression.
func TestDirectivesAndComments(t *testing.T) {
	src := "// lead\n#disable-next-line no-unused-params BCP037 /* why */\nparam p string\n  #disable-diagnostics  a b\nvar v = 1 /* tail */\n#restore-diagnostics a\n"
	f, errs := parseString(t, "main.bicep", src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, d := range f.Directives {
		codes := []string{}
		for _, c := range d.Codes {
			codes = append(codes, c.Text)
		}
		got = append(got, d.Pos.Position().String()+" "+d.Name+" "+strings.Join(codes, ","))
	}
	want := []string{"main.bicep:2:1 disable-next-line no-unused-params,BCP037", "main.bicep:4:3 disable-diagnostics a,b", "main.bicep:6:1 restore-diagnostics a"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("directives\n got %q\nwant %q", got, want)
	}
	if len(f.Comments) != 3 || f.Comments[0].Text != "// lead" || !f.Comments[1].Block || f.Comments[2].Text != "/* tail */" {
		t.Errorf("comments: %+v", f.Comments)
	}
	if len(f.Decls) != 2 {
		t.Errorf("decls: %s", ast.Sprint(f))
	}
}

// TestPartPos maps string parts back to where their text starts.
func TestPartPos(t *testing.T) {
	src := "var a = 'x${b}yz'\nvar m = '''\nline'''\n"
	f, errs := parseString(t, "main.bicep", src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	s := f.Decls[0].(*ast.VarDecl).Value.(*ast.StringLit)
	for i, want := range []string{"x", "yz"} {
		off := s.PartPos[i].Offset
		if got := src[off : off+len(want)]; got != want {
			t.Errorf("part %d at %d reads %q, want %q", i, off, got, want)
		}
	}
	m := f.Decls[1].(*ast.VarDecl).Value.(*ast.StringLit)
	if off := m.PartPos[0].Offset; src[off:off+4] != "line" || m.Parts[0] != "line" {
		t.Errorf("multi-line part at %d reads %q (value %q)", off, src[off:off+4], m.Parts[0])
	}
}
