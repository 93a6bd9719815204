package compile

import (
	"strings"

	"github.com/azrule/azrule/bicep/ast"
)

// call lowers a function call: a built-in (sys. and az. namespaces
// dropped), a user-defined function (__bicep.name), an imported one, a
// compile-time function (load*Content, nameof), or a resource function
// (kv.getSecret, stg.listKeys).
func (l *lctx) call(e *ast.CallExpr) aexpr {
	c := l.c
	name := ""
	if e.Name != nil {
		name = e.Name.Name
	}
	if e.Recv != nil {
		e = &ast.CallExpr{Recv: unwrap(e.Recv), Name: e.Name, Lparen: e.Lparen, Rparen: e.Rparen, Args: e.Args}
		if isSysNamespace(c, e.Recv) {
			return l.builtin(e, name)
		}
		if id, ok := e.Recv.(*ast.Ident); ok {
			if s := c.lookup(id.Name); s != nil && s.kind == symNamespace {
				return c.importedCall(s, name, l.args(e.Args), e)
			}
		}
		if r := l.resourceBase(e.Recv); r != nil || isIndexedResource(l, e.Recv) {
			base, steps := chain(e.Recv)
			ref := resRef{r: l.resourceBase(base)}
			if ra, ok := base.(*ast.ResourceAccess); ok {
				ref = c.nestedRef(ra, l)
			} else if len(steps) > 0 && steps[0].index != nil {
				ref.idx = l.lower(steps[0].index)
			}
			return l.resourceFunc(ref, name, e)
		}
		c.errorf(e.Name.Pos(), CodeUndefinedFunction, "'%s' is not a function of this value", name)
		return aNull{}
	}
	if _, local := l.locals.lookup(name); !local {
		if s := c.lookup(name); s != nil {
			switch s.kind {
			case symFunc:
				c.checkArity(s, e)
				return call("__bicep."+c.emittedName(s), l.args(e.Args)...)
			case symImported:
				return c.importedCall(s, "", l.args(e.Args), e)
			}
		}
	}
	return l.builtin(e, name)
}

func isIndexedResource(l *lctx, e ast.Expr) bool {
	if ix, ok := e.(*ast.IndexExpr); ok {
		return l.resourceBase(ix.X) != nil
	}
	return false
}

func (l *lctx) args(xs []ast.Expr) []aexpr {
	out := make([]aexpr, len(xs))
	for i, x := range xs {
		out[i] = l.lower(x)
	}
	return out
}

// checkArity reports a call of a user function with the wrong number of
// arguments.
func (c *fileCompiler) checkArity(s *symbol, e *ast.CallExpr) {
	fd, ok := s.decl.(*ast.FuncDecl)
	if !ok || fd.Lambda == nil {
		return
	}
	if want := len(fd.Lambda.Params); want != len(e.Args) {
		c.errorf(e.Pos(), CodeWrongArgCount, "the function '%s' takes %d argument(s) but is called with %d", s.name, want, len(e.Args))
	}
}

// arity is the number of arguments a Bicep built-in accepts, for the
// functions a template commonly calls wrongly; max -1 means no limit.
var arity = map[string][2]int{
	"resourceGroup": {0, 2}, "subscription": {0, 1}, "tenant": {0, 0}, "managementGroup": {0, 1},
	"deployment": {0, 0}, "environment": {0, 0}, "uniqueString": {1, -1}, "guid": {1, -1},
	"concat": {1, -1}, "format": {1, -1}, "length": {1, 1}, "empty": {1, 1}, "contains": {2, 2},
	"toLower": {1, 1}, "toUpper": {1, 1}, "split": {2, 2}, "replace": {3, 3}, "substring": {1, 3},
	"first": {1, 1}, "last": {1, 1}, "union": {1, -1}, "intersection": {1, -1}, "range": {2, 2},
	"string": {1, 1}, "int": {1, 1}, "bool": {1, 1}, "json": {1, 1}, "any": {1, 1}, "take": {2, 2},
	"skip": {2, 2}, "join": {2, 2}, "map": {2, 2}, "filter": {2, 2}, "reduce": {3, 3}, "sort": {2, 2},
	"toObject": {2, 3}, "items": {1, 1}, "objectKeys": {1, 1}, "coalesce": {1, -1}, "base64": {1, 1},
	"loadTextContent": {1, 2}, "loadJsonContent": {1, 3}, "loadYamlContent": {1, 3}, "loadFileAsBase64": {1, 1},
	"nameof": {1, 1}, "startsWith": {2, 2}, "endsWith": {2, 2}, "indexOf": {2, 2}, "trim": {1, 1},
}

// builtin lowers a call of a system function.
func (l *lctx) builtin(e *ast.CallExpr, name string) aexpr {
	c := l.c
	if a, ok := arity[name]; ok && (len(e.Args) < a[0] || (a[1] >= 0 && len(e.Args) > a[1])) {
		want := "at least " + itoa(a[0])
		if a[0] == a[1] {
			want = itoa(a[0])
		} else if a[1] >= 0 {
			want = itoa(a[0]) + " to " + itoa(a[1])
		}
		c.errorf(e.Pos(), CodeWrongArgCount, "the function '%s' takes %s argument(s) but is called with %d", name, want, len(e.Args))
		return aNull{}
	}
	switch name {
	case "any":
		return l.lower(e.Args[0])
	case "loadTextContent", "loadFileAsBase64", "loadJsonContent", "loadYamlContent", "loadDirectoryFileInfo":
		return c.loadCall(e, name, l)
	case "readEnvironmentVariable":
		return l.readEnv(e)
	case "nameof":
		return aStr{nameOf(e.Args[0])}
	case "getSecret":
		c.errorf(e.Pos(), CodeInvalidExpression, "getSecret() can be called only on a Key Vault resource, as a module parameter value")
		return aNull{}
	}
	if name == "" {
		return aNull{}
	}
	return call(name, l.args(e.Args)...)
}

// nameOf returns the last name in x.y.z for nameof().
func nameOf(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.PropertyAccess:
		if e.Name != nil {
			return e.Name.Name
		}
	case *ast.ResourceAccess:
		if e.Name != nil {
			return e.Name.Name
		}
	case *ast.IndexExpr:
		if s, ok := e.Index.(*ast.StringLit); ok {
			v, _ := s.Value()
			return v
		}
	}
	return ""
}

// resourceFunc lowers a function called on a resource: list*() with the
// resource id and api version, getSecret() for a key vault.
func (l *lctx) resourceFunc(ref resRef, name string, e *ast.CallExpr) aexpr {
	c := l.c
	if strings.HasPrefix(strings.ToLower(name), "list") {
		args := []aexpr{c.resourceID(ref, l)}
		if len(e.Args) == 0 {
			args = append(args, aStr{ref.r.api})
		}
		args = append(args, l.args(e.Args)...)
		return call(name, args...)
	}
	if name == "getSecret" {
		c.errorf(e.Pos(), CodeInvalidExpression, "getSecret() can be used only as the value of a module parameter")
		return aNull{}
	}
	c.errorf(e.Name.Pos(), CodeUndefinedFunction, "the resource '%s' has no function '%s'", ref.r.sym, name)
	return aNull{}
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// unwrap removes parentheses and non-null assertions around e.
func unwrap(e ast.Expr) ast.Expr {
	for i := 0; i < maxLowerDepth; i++ {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.NonNullExpr:
			e = x.X
		default:
			return e
		}
	}
	return e
}
