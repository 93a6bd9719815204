package compile

import (
	"strings"

	"github.com/azrule/azrule/bicep/ast"
)

// varRef lowers a use of a variable: variables('x'), or the value itself
// when the variable is inlined.
func (c *fileCompiler) varRef(s *symbol, l *lctx) aexpr {
	if c.inlined(s) {
		d := s.decl.(*ast.VarDecl)
		if s.inlining {
			c.errorf(d.Name.Pos(), "BCP080", "the variable '%s' refers to itself; break the cycle", s.name)
			return aNull{}
		}
		s.inlining = true
		defer func() { s.inlining = false }()
		return (&lctx{c: c, depth: l.depth}).lower(d.Value)
	}
	return call("variables", aStr{c.emittedName(s)})
}

// inlined reports whether the variable's value needs deployment-time
// state, which ARM forbids in variables: Bicep writes such a value at each
// use instead of declaring it.
func (c *fileCompiler) inlined(s *symbol) bool {
	if s.kind != symVar {
		return false
	}
	if s.inline || s.inlining {
		return s.inline
	}
	d, ok := s.decl.(*ast.VarDecl)
	if !ok {
		return false
	}
	s.inlining = true
	s.inline = c.runtimeValue(d.Value)
	s.inlining = false
	return s.inline
}

// runtimeValue reports whether e reads deployment-time state: reference(),
// list*(), a resource's runtime properties or a module's outputs, directly
// or through another inlined variable.
func (c *fileCompiler) runtimeValue(e ast.Expr) bool {
	found := false
	inspectValues(e, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if n.Name != nil && (n.Recv == nil || isSysNamespace(c, n.Recv)) {
				name := strings.ToLower(n.Name.Name)
				if name == "nameof" {
					// nameof(x) is x's name, known when compiling.
					return false
				}
				if name == "reference" || strings.HasPrefix(name, "list") || name == "references" {
					found = true
				}
			}
			if n.Recv != nil && c.isResourceExpr(n.Recv) {
				found = true
			}
		case *ast.PropertyAccess, *ast.IndexExpr:
			base, steps := chain(n.(ast.Expr))
			if c.isResourceExpr(base) {
				i := 0
				if r, _ := c.resourceSymbolOf(base); r != nil && r.loop != nil && len(steps) > 0 && steps[0].index != nil {
					i = 1
				}
				if len(steps) > i {
					switch steps[i].name {
					case "id", "name", "type", "apiVersion":
						return false
					}
				}
				found = true
				return false
			}
		case *ast.Ident:
			if s := c.lookup(n.Name); s != nil {
				switch s.kind {
				case symVar:
					if c.inlined(s) {
						found = true
					}
				case symResource, symModule:
					found = true
				}
			}
		}
		return true
	})
	return found
}

// isResourceExpr reports whether e names a resource or module.
func (c *fileCompiler) isResourceExpr(e ast.Expr) bool {
	r, _ := c.resourceSymbolOf(e)
	return r != nil
}

// inspectValues is ast.Inspect without the names of object properties
// and of lambda parameters, which are not references: {name: 1} does not
// use a resource called name.
func inspectValues(root ast.Node, f func(ast.Node) bool) {
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.Property:
			if _, ok := x.Key.(*ast.StringLit); ok {
				ast.Inspect(x.Key, visit)
			}
			ast.Inspect(x.Value, visit)
			return false
		case *ast.LambdaParam:
			return false
		case *ast.ResourceDecl:
			if n != root {
				// A nested declaration is a resource of its own.
				return false
			}
		}
		return f(n)
	}
	ast.Inspect(root, visit)
}
