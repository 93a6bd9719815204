package compile

import (
	"github.com/azrule/azrule/bicep/ast"
)

// step is one link of a property-access or index chain.
type step struct {
	name    string   // x.name ("" for an index)
	index   ast.Expr // x[index]
	safe    bool     // .? or [?
	fromEnd bool     // [^i]
	node    ast.Expr
}

// chain splits a.b[c].d into the base a and its steps.
func chain(e ast.Expr) (ast.Expr, []step) {
	var rev []step
	for {
		switch x := e.(type) {
		case *ast.PropertyAccess:
			name := ""
			if x.Name != nil {
				name = x.Name.Name
			}
			rev = append(rev, step{name: name, safe: x.Safe, node: x})
			e = x.X
			continue
		case *ast.IndexExpr:
			rev = append(rev, step{index: x.Index, safe: x.Safe, fromEnd: x.FromEnd, node: x})
			e = x.X
			continue
		case *ast.NonNullExpr:
			e = x.X
			continue
		}
		break
	}
	steps := make([]step, len(rev))
	for i := range rev {
		steps[i] = rev[len(rev)-1-i]
	}
	return e, steps
}

// access lowers a property-access or index chain.
func (l *lctx) access(e ast.Expr) aexpr {
	base, steps := chain(e)
	if r := l.resourceBase(base); r != nil {
		ref := resRef{r: r}
		if ra, ok := base.(*ast.ResourceAccess); ok {
			ref = l.c.nestedRef(ra, l)
		}
		if r.loop != nil && ref.idx == nil {
			if len(steps) == 0 || steps[0].index == nil {
				return l.applySteps(l.c.collectionRef(r, base), steps)
			}
			ref.idx = l.lower(steps[0].index)
			steps = steps[1:]
		}
		return l.resourceAccess(ref, steps)
	}
	if id, ok := base.(*ast.Ident); ok && len(steps) > 0 && steps[0].name != "" {
		if s := l.c.lookup(id.Name); s != nil && s.kind == symNamespace {
			if _, local := l.locals.lookup(id.Name); !local {
				return l.applySteps(l.c.namespaceMember(s, steps[0].name, id), steps[1:])
			}
		}
	}
	return l.applySteps(l.lower(base), steps)
}

// resourceBase returns the resource or module a chain starts from, when
// its base names one that no local shadows.
func (l *lctx) resourceBase(base ast.Expr) *resourceInfo {
	switch b := base.(type) {
	case *ast.Ident:
		if _, local := l.locals.lookup(b.Name); local {
			return nil
		}
		if s := l.c.lookup(b.Name); s != nil && s.res != nil {
			return s.res
		}
	case *ast.ResourceAccess:
		r, _ := l.c.resourceSymbolOf(b)
		if r == nil {
			l.c.errorf(b.Name.Pos(), CodeUndefinedSymbol, "no resource named '%s' is declared inside the parent's body", b.Name.Name)
		}
		return r
	}
	return nil
}

// applySteps applies accesses to cur. After the first safe access the
// rest of the chain joins one tryGet(), as Bicep writes it.
func (l *lctx) applySteps(cur aexpr, steps []step) aexpr {
	var tg *aCall
	for _, s := range steps {
		var key aexpr
		if s.index != nil {
			key = l.lower(s.index)
		} else {
			key = aStr{s.name}
		}
		switch {
		case s.fromEnd && tg != nil && !s.safe:
			tg.args = append(tg.args, call("createObject", aStr{"value"}, key, aStr{"fromEnd"}, aBool{true}))
		case s.fromEnd && s.safe:
			cur, tg = call("tryIndexFromEnd", cur, key), nil
		case s.fromEnd:
			cur = call("indexFromEnd", cur, key)
		case tg != nil:
			tg.args = append(tg.args, key)
		case s.safe:
			tg = call("tryGet", cur, key)
			cur = tg
		case s.index != nil:
			// x['name'] is written x.name when the name can follow a dot.
			if k, ok := key.(aStr); ok && isBicepIdent(k.v) {
				cur = &aProp{x: cur, name: k.v}
			} else {
				cur = &aIndex{x: cur, i: key}
			}
		default:
			cur = &aProp{x: cur, name: s.name}
		}
	}
	return cur
}

// resourceAccess lowers r.id, r.name, r.properties.x, m.outputs.x and
// the other accesses of a resource or module.
func (l *lctx) resourceAccess(ref resRef, steps []step) aexpr {
	c := l.c
	r := ref.r
	if len(steps) == 0 {
		return c.wholeResource(ref, l)
	}
	first := steps[0]
	if first.name == "" {
		return l.applySteps(c.wholeResource(ref, l), steps)
	}
	rest := steps[1:]
	if r.extension != "" {
		// An extension resource's reference() is the whole resource.
		return l.applySteps(c.reference(ref, false, l), steps)
	}
	switch first.name {
	case "id":
		return l.applySteps(c.resourceID(ref, l), rest)
	case "name":
		// The name property as written: for a child, its own segment.
		return l.applySteps(c.ownName(ref), rest)
	case "type":
		return l.applySteps(aStr{r.typ}, rest)
	case "apiVersion":
		return l.applySteps(aStr{r.api}, rest)
	}
	if r.module {
		if first.name == "outputs" {
			out := &aProp{x: c.reference(ref, false, l), name: "outputs"}
			if len(rest) == 0 {
				return out
			}
			o := rest[0]
			key := aexpr(aStr{o.name})
			if o.index != nil {
				key = l.lower(o.index)
			}
			if o.safe {
				cur := call("tryGet", out, key)
				more := append([]step{{name: "value", safe: true}}, rest[1:]...)
				return l.applySteps(cur, more)
			}
			var cur aexpr
			if o.index != nil {
				cur = &aIndex{x: out, i: key}
			} else {
				cur = &aProp{x: out, name: o.name}
			}
			return l.applySteps(&aProp{x: cur, name: "value"}, rest[1:])
		}
		return l.applySteps(&aProp{x: c.reference(ref, true, l), name: first.name}, rest)
	}
	if first.name == "properties" {
		return l.applySteps(c.reference(ref, false, l), rest)
	}
	return l.applySteps(c.reference(ref, true, l), steps)
}

// isBicepIdent reports whether s is a Bicep identifier: a letter or _,
// then letters, digits and _.
func isBicepIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
		case i > 0 && c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return true
}
