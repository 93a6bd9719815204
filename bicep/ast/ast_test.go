package ast_test

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/bicep/parser"
	"github.com/azrule/azrule/source"
)

func parse(t *testing.T, src string) *ast.File {
	t.Helper()
	f, errs := parser.ParseFile(source.NewFile("main.bicep", []byte(src)))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return f
}

// TestInspectOrder visits nodes in source order and calls f(nil) after
// each node's children.
func TestInspectOrder(t *testing.T) {
	f := parse(t, "@description('d')\nvar v = a + f(b)\n")
	var got []string
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil:
			got = append(got, ")")
		case *ast.Ident:
			got = append(got, n.Name)
		case *ast.StringLit:
			got = append(got, "'"+n.Parts[0]+"'")
		default:
			got = append(got, typeName(n))
		}
		return true
	})
	want := "File VarDecl Decorator CallExpr description ) 'd' ) ) ) v ) BinaryExpr a ) CallExpr f ) b ) ) ) ) )"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

func typeName(n ast.Node) string {
	switch n.(type) {
	case *ast.File:
		return "File"
	case *ast.Decorator:
		return "Decorator"
	case *ast.CallExpr:
		return "CallExpr"
	case *ast.VarDecl:
		return "VarDecl"
	case *ast.BinaryExpr:
		return "BinaryExpr"
	}
	return "?"
}

// TestInspectPrune skips the children of a node when f returns false.
func TestInspectPrune(t *testing.T) {
	f := parse(t, "var v = [for x in xs: x.id]\nvar w = 1\n")
	idents := 0
	ast.Inspect(f, func(n ast.Node) bool {
		if _, ok := n.(*ast.ForExpr); ok {
			return false
		}
		if _, ok := n.(*ast.Ident); ok {
			idents++
		}
		return true
	})
	if idents != 2 { // v and w only
		t.Errorf("visited %d identifiers, want 2", idents)
	}
	if got := len(ast.Children(f.Decls[0])); got != 2 {
		t.Errorf("var has %d children, want 2 (name and value)", got)
	}
}

// TestDecoratorHelpers checks Name, Args and DeclHead.Decorator.
func TestDecoratorHelpers(t *testing.T) {
	f := parse(t, "@sys.description('x')\n@secure()\n@export\nparam p string\n")
	h := f.Decls[0].Head()
	tests := []struct{ ns, name string }{{"sys", "description"}, {"", "secure"}, {"", "export"}}
	for i, tt := range tests {
		ns, name := h.Decorators[i].Name()
		if ns != tt.ns || name != tt.name {
			t.Errorf("decorator %d: got %q.%q want %q.%q", i, ns, name, tt.ns, tt.name)
		}
	}
	d := h.Decorator("description")
	if d == nil || len(d.Args()) != 1 {
		t.Fatalf("description decorator: %v", d)
	}
	if v, ok := d.Args()[0].(*ast.StringLit).Value(); !ok || v != "x" {
		t.Errorf("description value %q %v", v, ok)
	}
	if h.Decorator("minValue") != nil {
		t.Error("found a decorator that is not there")
	}
	if h.Pos().Offset != 0 {
		t.Errorf("declaration starts at %d, want its first decorator", h.Pos().Offset)
	}
}

// TestStringValue reports interpolated strings as having no constant value.
func TestStringValue(t *testing.T) {
	f := parse(t, "var a = 'x'\nvar b = 'x${a}'\n")
	if v, ok := f.Decls[0].(*ast.VarDecl).Value.(*ast.StringLit).Value(); !ok || v != "x" {
		t.Errorf("got %q %v", v, ok)
	}
	if _, ok := f.Decls[1].(*ast.VarDecl).Value.(*ast.StringLit).Value(); ok {
		t.Error("interpolated string has a constant value")
	}
}
