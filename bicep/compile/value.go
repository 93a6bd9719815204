package compile

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/bicep/token"
	"github.com/azrule/azrule/source"
)

// value emits e where the template holds a JSON value: object and array
// literals stay JSON (with property copy loops), literals stay literals,
// and anything else becomes an expression string "[...]".
func (l *lctx) value(e ast.Expr) value.Value {
	at := e.Pos()
	l.depth++
	defer func() { l.depth-- }()
	if l.depth > maxLowerDepth {
		l.c.errorf(at, CodeTooDeep, "the value nests deeper than %d levels; split it with variables", maxLowerDepth)
		return value.Null{At: at}
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return value.WithPos(l.value(e.X), at)
	case *ast.NonNullExpr:
		return l.value(e.X)
	case *ast.ObjectLit:
		if !hasSpread(e.Items) {
			return l.objectValue(e, nil)
		}
	case *ast.ArrayLit:
		if !hasSpreadExpr(e.Items) {
			a := value.NewArray(at)
			for _, it := range e.Items {
				a.Elems = append(a.Elems, l.value(it))
			}
			return a
		}
	case *ast.StringLit:
		if v, ok := e.Value(); ok {
			return value.String{V: escapeLiteral(v), At: at}
		}
	case *ast.IntLit:
		return intVal(e.Text, false, at)
	case *ast.BoolLit:
		return value.Bool{V: e.Value, At: at}
	case *ast.NullLit:
		return value.Null{At: at}
	case *ast.Ident:
		// An inlined variable is written in place as JSON, the way its
		// declaration would have been.
		if _, local := l.locals.lookup(e.Name); !local {
			if s := l.c.lookup(e.Name); s != nil && s.kind == symVar && l.c.inlined(s) && !s.inlining {
				d := s.decl.(*ast.VarDecl)
				if _, loop := d.Value.(*ast.ForExpr); !loop {
					s.inlining = true
					v := (&lctx{c: l.c, depth: l.depth}).value(d.Value)
					s.inlining = false
					return v
				}
			}
		}
	case *ast.UnaryExpr:
		if n, ok := e.X.(*ast.IntLit); ok && e.Op == token.Minus {
			return intVal(n.Text, true, at)
		}
	case *ast.CallExpr:
		if e.Recv == nil || isSysNamespace(l.c, e.Recv) {
			if e.Name != nil && len(e.Args) == 1 && e.Name.Name == "any" && l.c.lookup("any") == nil {
				return value.WithPos(l.value(e.Args[0]), at)
			}
			if e.Name != nil && len(e.Args) > 0 && (e.Recv != nil || l.c.lookup(e.Name.Name) == nil) {
				switch e.Name.Name {
				case "subscription", "resourceGroup", "managementGroup":
					// A scope named by its arguments has no ARM
					// function to stand for it as a value: Bicep
					// writes an empty object.
					return value.NewObject(at)
				}
			}
		}
	}
	return exprValue(l.lower(e), at)
}

// exprValue renders a lowered expression as a template value: a literal
// when it is one, "[...]" otherwise.
func exprValue(x aexpr, at source.Pos) value.Value {
	switch x := x.(type) {
	case aStr:
		return value.String{V: escapeLiteral(x.v), At: at}
	case aInt:
		neg := strings.HasPrefix(x.text, "-")
		return intVal(strings.TrimPrefix(x.text, "-"), neg, at)
	case aBool:
		return value.Bool{V: x.v, At: at}
	case aNull:
		return value.Null{At: at}
	}
	return value.String{V: "[" + render(x) + "]", At: at}
}

// escapeLiteral doubles a leading '[' where ARM would read the string as
// an expression.
func escapeLiteral(s string) string {
	if strings.HasPrefix(s, "[") && (strings.HasSuffix(s, "]") || strings.HasPrefix(s, "[[")) {
		return "[" + s
	}
	return s
}

// intVal makes an integer value; integers beyond int64 become floats, as
// JSON readers would read them.
func intVal(text string, neg bool, at source.Pos) value.Value {
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		if neg {
			n = -n
		}
		return value.Int{V: n, At: at}
	}
	f, _, _ := big.ParseFloat(text, 10, 64, big.ToNearestEven)
	if f == nil {
		return value.Int{At: at}
	}
	v, _ := f.Float64()
	if neg {
		v = -v
	}
	return value.Float{V: v, At: at}
}

func hasSpread(items []ast.ObjectItem) bool {
	for _, it := range items {
		if _, ok := it.(*ast.Spread); ok {
			return true
		}
	}
	return false
}

func hasSpreadExpr(items []ast.Expr) bool {
	for _, it := range items {
		if _, ok := it.(*ast.Spread); ok {
			return true
		}
	}
	return false
}

// objectValue emits an object literal as JSON. skip names properties left
// out (a resource's name, parent, scope, dependsOn). A property whose
// value is a for-expression becomes an entry of the object's "copy".
func (l *lctx) objectValue(o *ast.ObjectLit, skip map[string]bool) *value.Object {
	out := value.NewObject(o.Pos())
	var copies *value.Array
	for _, it := range o.Items {
		p, ok := it.(*ast.Property)
		if !ok {
			continue
		}
		key, lit := propKey(p)
		if lit && skip[key] {
			continue
		}
		if lit {
			// ARM evaluates property names too.
			key = escapeLiteral(key)
			if strings.EqualFold(key, "copy") {
				// A property named copy would be read as a copy loop:
				// Bicep writes the name as an expression.
				key = "[string(" + render(aStr{key}) + ")]"
			}
		}
		if !lit {
			k := exprValue(l.key(p.Key), p.Key.Pos())
			if s, ok := k.(value.String); ok {
				key = s.V
			}
		}
		if f, ok := p.Value.(*ast.ForExpr); ok {
			if copies == nil {
				copies = value.NewArray(f.Pos())
			}
			copies.Elems = append(copies.Elems, l.copyEntry(key, f))
			continue
		}
		out.SetMember(value.Member{Key: key, KeyPos: p.Key.Pos(), Value: l.value(p.Value)})
	}
	if copies != nil {
		// Bicep writes the copy array first.
		all := value.NewObject(out.At)
		all.SetMember(value.Member{Key: "copy", KeyPos: copies.At, Value: copies})
		for _, m := range out.Members() {
			all.SetMember(m)
		}
		out = all
	}
	return out
}

// copyEntry emits {"name", "count", "input"} for a property or variable
// loop named name.
func (l *lctx) copyEntry(name string, f *ast.ForExpr) *value.Object {
	at := f.Pos()
	e := value.NewObject(at)
	e.Set("name", value.String{V: name, At: at})
	iter := l.lower(f.Iterable)
	e.Set("count", exprValue(call("length", iter), f.Iterable.Pos()))
	idx := call("copyIndex", aStr{name})
	n := l.loopCtx(f, iter, idx)
	body := f.Body
	if i, ok := body.(*ast.IfExpr); ok {
		l.c.errorf(i.Pos(), CodeInvalidExpression, "a filter (if) is allowed only in resource and module loops")
		body = i.Body
	}
	e.Set("input", copyInput(n.value(body)))
	return e
}

// copyInput is a copy loop's input as Bicep writes it: an object or a
// string as the value; anything else as an expression (an integer as
// int(n), a boolean as true()/false(), an array as createArray(...)).
func copyInput(v value.Value) value.Value {
	switch x := v.(type) {
	case *value.Object, value.String:
		return v
	case value.Int:
		return value.String{V: "[" + render(call("int", aInt{strconv.FormatInt(x.V, 10)})) + "]", At: x.At}
	case value.Bool, value.Null, *value.Array:
		return value.String{V: "[" + render(emittedExpr(v)) + "]", At: v.Pos()}
	}
	return v
}

// loopCtx binds a loop's item and index for the iteration idx.
func (l *lctx) loopCtx(f *ast.ForExpr, iter, idx aexpr) *lctx {
	n := l
	if f.Index != nil {
		n = n.with(f.Index.Name, idx)
	}
	return n.with(identName(f.Item), &aIndex{x: iter, i: idx})
}
