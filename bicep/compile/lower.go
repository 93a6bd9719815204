package compile

import (
	"strconv"
	"strings"

	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/bicep/token"
)

// binding maps a local name (loop item or index, lambda or function
// parameter) to the ARM expression that stands for it.
type binding struct {
	name string
	val  aexpr
	next *binding
}

func (b *binding) lookup(name string) (aexpr, bool) {
	for ; b != nil; b = b.next {
		if b.name == name {
			return b.val, true
		}
	}
	return nil, false
}

func (b *binding) with(name string, val aexpr) *binding {
	return &binding{name: name, val: val, next: b}
}

// lctx is the context of lowering one expression: the file and the local
// names in scope.
type lctx struct {
	c      *fileCompiler
	locals *binding
	depth  int
	// inFunc is set inside a user-defined function body, where Bicep
	// allows no reference to file-level variables or resources.
	inFunc bool
}

func (l *lctx) with(name string, val aexpr) *lctx {
	n := *l
	n.locals = l.locals.with(name, val)
	return &n
}

// opFuncs maps binary operators to the ARM function Bicep writes.
var opFuncs = map[token.Kind]string{
	token.Equal: "equals", token.Less: "less", token.LessEqual: "lessOrEquals",
	token.Greater: "greater", token.GreaterEqual: "greaterOrEquals",
	token.And: "and", token.Or: "or", token.Plus: "add", token.Minus: "sub",
	token.Asterisk: "mul", token.Slash: "div", token.Percent: "mod",
}

// lower turns a Bicep expression into an ARM expression tree.
func (l *lctx) lower(e ast.Expr) aexpr {
	l.depth++
	defer func() { l.depth-- }()
	if l.depth > maxLowerDepth {
		l.c.errorf(e.Pos(), CodeTooDeep, "the expression nests deeper than %d levels; split it with variables", maxLowerDepth)
		return aNull{}
	}
	switch e := e.(type) {
	case *ast.IntLit:
		return aInt{e.Text}
	case *ast.BoolLit:
		return aBool{e.Value}
	case *ast.NullLit:
		return aNull{}
	case *ast.StringLit:
		return l.str(e)
	case *ast.ParenExpr:
		return l.lower(e.X)
	case *ast.NonNullExpr:
		return l.lower(e.X)
	case *ast.UnaryExpr:
		if e.Op == token.Minus {
			if n, ok := e.X.(*ast.IntLit); ok {
				return aInt{"-" + n.Text}
			}
			return call("sub", aInt{"0"}, l.lower(e.X))
		}
		return call("not", l.lower(e.X))
	case *ast.BinaryExpr:
		return l.binary(e)
	case *ast.TernaryExpr:
		return call("if", l.lower(e.Cond), l.lower(e.Then), l.lower(e.Else))
	case *ast.ArrayLit:
		return l.array(e)
	case *ast.ObjectLit:
		return l.object(e)
	case *ast.Ident:
		return l.ident(e)
	case *ast.PropertyAccess, *ast.IndexExpr, *ast.ResourceAccess:
		return l.access(e)
	case *ast.CallExpr:
		return l.call(e)
	case *ast.Lambda:
		return l.lambda(e)
	case *ast.ForExpr:
		return l.forMap(e)
	case *ast.IfExpr:
		l.c.errorf(e.Pos(), CodeInvalidExpression, "an if-condition is allowed only as the body of a resource or module")
		return aNull{}
	case *ast.BadExpr:
		return aNull{}
	}
	l.c.errorf(e.Pos(), CodeUnsupported, "this expression cannot be compiled")
	return aNull{}
}

// str lowers a string: a literal, or format() with the holes.
func (l *lctx) str(s *ast.StringLit) aexpr {
	if v, ok := s.Value(); ok {
		return aStr{v}
	}
	var f strings.Builder
	args := []aexpr{nil}
	for i, part := range s.Parts {
		f.WriteString(strings.NewReplacer("{", "{{", "}", "}}").Replace(part))
		if i < len(s.Exprs) {
			f.WriteString("{" + strconv.Itoa(i) + "}")
			args = append(args, l.lower(s.Exprs[i]))
		}
	}
	args[0] = aStr{f.String()}
	return call("format", args...)
}

func (l *lctx) binary(e *ast.BinaryExpr) aexpr {
	switch e.Op {
	case token.NotEqual:
		return call("not", call("equals", l.lower(e.X), l.lower(e.Y)))
	case token.EqualI:
		return call("equals", call("toLower", l.lower(e.X)), call("toLower", l.lower(e.Y)))
	case token.NotEqualI:
		return call("not", call("equals", call("toLower", l.lower(e.X)), call("toLower", l.lower(e.Y))))
	case token.Coalesce:
		// a ?? b ?? c is one coalesce(a, b, c).
		var args []aexpr
		var walk func(x ast.Expr)
		walk = func(x ast.Expr) {
			if b, ok := x.(*ast.BinaryExpr); ok && b.Op == token.Coalesce {
				walk(b.X)
				walk(b.Y)
				return
			}
			args = append(args, l.lower(x))
		}
		walk(e)
		return call("coalesce", args...)
	}
	if fn, ok := opFuncs[e.Op]; ok {
		return call(fn, l.lower(e.X), l.lower(e.Y))
	}
	l.c.errorf(e.OpPos, CodeInvalidExpression, "unknown operator")
	return aNull{}
}

func (l *lctx) array(a *ast.ArrayLit) aexpr {
	var groups []aexpr
	var cur []aexpr
	spread := false
	for _, it := range a.Items {
		if s, ok := it.(*ast.Spread); ok {
			spread = true
			if len(cur) > 0 {
				groups = append(groups, call("createArray", cur...))
				cur = nil
			}
			groups = append(groups, l.lower(s.X))
			continue
		}
		cur = append(cur, l.lower(it))
	}
	if !spread {
		return call("createArray", cur...)
	}
	if len(cur) > 0 {
		groups = append(groups, call("createArray", cur...))
	}
	return call("flatten", call("createArray", groups...))
}

func (l *lctx) object(o *ast.ObjectLit) aexpr {
	var groups []aexpr
	var cur []aexpr
	spread := false
	for _, it := range o.Items {
		switch it := it.(type) {
		case *ast.Spread:
			spread = true
			if len(cur) > 0 {
				groups = append(groups, call("createObject", cur...))
				cur = nil
			}
			groups = append(groups, l.lower(it.X))
		case *ast.Property:
			cur = append(cur, l.key(it.Key), l.lower(it.Value))
		}
	}
	if !spread {
		return call("createObject", cur...)
	}
	if len(cur) > 0 {
		groups = append(groups, call("createObject", cur...))
	}
	return call("shallowMerge", call("createArray", groups...))
}

// key lowers a property key.
func (l *lctx) key(k ast.Expr) aexpr {
	switch k := k.(type) {
	case *ast.Ident:
		return aStr{k.Name}
	case *ast.StringLit:
		return l.str(k)
	}
	return l.lower(k)
}

// ident lowers a name: a local, a parameter, a variable, or a resource or
// module used as a whole.
func (l *lctx) ident(id *ast.Ident) aexpr {
	if v, ok := l.locals.lookup(id.Name); ok {
		return v
	}
	s := l.c.lookup(id.Name)
	if s == nil && l.c.isExtensionAlias(id.Name) {
		// An extension used as a value: its configuration is
		// extensions('alias').config.
		return call("extensions", aStr{id.Name})
	}
	if s == nil {
		l.c.errorf(id.Pos(), CodeUndefinedSymbol, "the name '%s' does not exist in the current context; declare it or fix the spelling", id.Name)
		return aNull{}
	}
	switch s.kind {
	case symParam:
		return call("parameters", aStr{id.Name})
	case symVar:
		return l.c.varRef(s, l)
	case symImported:
		return l.c.importedRef(s, id)
	case symResource, symModule:
		if s.res.loop != nil {
			return l.c.collectionRef(s.res, id)
		}
		return l.c.wholeResource(resRef{r: s.res}, l)
	}
	l.c.errorf(id.Pos(), CodeInvalidExpression, "'%s' is not a value", id.Name)
	return aNull{}
}

// lambda lowers x => body to lambda('x', body).
func (l *lctx) lambda(f *ast.Lambda) aexpr {
	n := l
	var args []aexpr
	for _, p := range f.Params {
		if p.Name == nil {
			continue
		}
		args = append(args, aStr{p.Name.Name})
		n = n.with(p.Name.Name, call("lambdaVariables", aStr{p.Name.Name}))
	}
	args = append(args, n.lower(f.Body))
	return call("lambda", args...)
}

// forMap lowers a for-expression met inside another expression to map()
// over the items (or over their indexes when the index is named).
func (l *lctx) forMap(f *ast.ForExpr) aexpr {
	iter := l.lower(f.Iterable)
	body := f.Body
	var cond ast.Expr
	if i, ok := body.(*ast.IfExpr); ok {
		cond, body = i.Cond, i.Body
	}
	if f.Index == nil && cond == nil {
		name := identName(f.Item)
		n := l.with(name, call("lambdaVariables", aStr{name}))
		return call("map", iter, call("lambda", aStr{name}, n.lower(body)))
	}
	idx := "__i"
	if f.Index != nil {
		idx = f.Index.Name
	}
	iv := call("lambdaVariables", aStr{idx})
	n := l.with(idx, iv).with(identName(f.Item), &aIndex{x: iter, i: iv})
	rng := call("range", aInt{"0"}, call("length", iter))
	if cond != nil {
		rng = call("filter", rng, call("lambda", aStr{idx}, n.lower(cond)))
	}
	return call("map", rng, call("lambda", aStr{idx}, n.lower(body)))
}

func identName(id *ast.Ident) string {
	if id == nil {
		return ""
	}
	return id.Name
}

// lookup finds a name: a resource declared in the body of the resource
// being lowered or of one of its parents, else a top-level symbol.
func (c *fileCompiler) lookup(name string) *symbol {
	for a, i := c.curRes, 0; a != nil && i < maxParentDepth; a, i = a.parent, i+1 {
		if x := c.lookupNested(a, name); x != nil {
			return &symbol{kind: symResource, name: name, decl: x.decl, res: x}
		}
	}
	return c.syms[name]
}
