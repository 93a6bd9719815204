package compile

import (
	"strconv"
	"strings"

	"github.com/azrule/azrule/bicep/ast"
)

// resRef is a reference to one resource or module instance: idx is the
// loop index for a resource or module loop (an ARM expression), nil
// otherwise.
type resRef struct {
	r   *resourceInfo
	idx aexpr
}

// maxParentDepth caps parent chains (a parent cycle is reported).
const maxParentDepth = 32

// declCtx is the lowering context of a resource's own expressions (name,
// scope, parent) for the instance ref: the loop item and index stand for
// the iterable's element at ref.idx and for ref.idx.
func (c *fileCompiler) declCtx(ref resRef) *lctx {
	l := &lctx{c: c}
	if ref.r.loop == nil || ref.idx == nil {
		return l
	}
	f := ref.r.loop
	iter := l.lower(f.Iterable)
	if f.Index != nil {
		l = l.with(f.Index.Name, ref.idx)
	}
	return l.with(identName(f.Item), &aIndex{x: iter, i: ref.idx})
}

// selfRef is a resource's reference to itself while it is emitted: inside
// a loop, the instance copyIndex().
func selfRef(r *resourceInfo) resRef {
	if r.loop != nil {
		return resRef{r: r, idx: call("copyIndex")}
	}
	return resRef{r: r}
}

// nestedRef resolves parent::child (parent possibly indexed).
func (c *fileCompiler) nestedRef(ra *ast.ResourceAccess, l *lctx) resRef {
	r, _ := c.resourceSymbolOf(ra)
	ref := resRef{r: r}
	// parents[i]::child shares the parent's index.
	if ix, ok := ra.X.(*ast.IndexExpr); ok {
		ref.idx = l.lower(ix.Index)
	}
	return ref
}

// parentRef returns ref's parent instance, if any.
func (c *fileCompiler) parentRef(ref resRef) (resRef, bool) {
	r := ref.r
	if r.parent != nil {
		// A resource nested in a looped parent is one per parent instance.
		return resRef{r: r.parent, idx: ref.idx}, true
	}
	p, idx := c.parentOf(r)
	if p == nil {
		return resRef{}, false
	}
	pr := resRef{r: p}
	if idx != nil {
		pr.idx = c.declCtx(ref).lower(idx)
	} else if p.loop != nil {
		c.errorf(r.parentExpr.Pos(), CodeInvalidExpression, "the parent '%s' is a resource loop; name one instance with an index, e.g. %s[i]", p.sym, p.sym)
	}
	return pr, true
}

// ownName lowers the resource's name property.
func (c *fileCompiler) ownName(ref resRef) aexpr {
	if !c.enter(ref.r) {
		return aStr{""}
	}
	defer c.leave()
	n := ref.r.prop("name")
	if n == nil {
		if ref.r.module {
			// An optional module name: Bicep derives a unique one.
			return call("format", aStr{ref.r.sym + "-{0}"}, call("uniqueString", aStr{ref.r.sym}, &aProp{x: call("deployment"), name: "name"}))
		}
		c.errorf(ref.r.decl.Pos(), "BCP035", "the resource '%s' has no name property; add name: '...'", ref.r.sym)
		return aStr{""}
	}
	return c.declCtx(ref).lower(n)
}

// nameSegs returns the name segments of a resource id: one per type
// segment after the provider namespace.
func (c *fileCompiler) nameSegs(ref resRef, depth int) []aexpr {
	if depth > maxParentDepth {
		c.errorf(ref.r.decl.Pos(), CodeTooDeep, "the parent chain of '%s' is longer than %d or loops on itself", ref.r.sym, maxParentDepth)
		return nil
	}
	own := c.ownName(ref)
	if ref.r.module {
		return []aexpr{own}
	}
	if p, ok := c.parentRef(ref); ok {
		return append(c.nameSegs(p, depth+1), own)
	}
	n := strings.Count(ref.r.typ, "/")
	if n <= 1 {
		return []aexpr{own}
	}
	if s, ok := own.(aStr); ok {
		parts := strings.Split(s.v, "/")
		if len(parts) == n {
			out := make([]aexpr, n)
			for i, p := range parts {
				out[i] = aStr{p}
			}
			return out
		}
	}
	out := make([]aexpr, n)
	for i := range out {
		out[i] = &aIndex{x: call("split", own, aStr{"/"}), i: intExpr(i)}
	}
	return out
}

// fullName is the value of r.name: the name as written, or for a child
// declared with a parent, parent/child.
func (c *fileCompiler) fullName(ref resRef, l *lctx) aexpr {
	if ref.r.module {
		return c.ownName(ref)
	}
	if _, ok := c.parentRef(ref); !ok {
		return c.ownName(ref)
	}
	segs := c.nameSegs(ref, 0)
	var f strings.Builder
	for i := range segs {
		if i > 0 {
			f.WriteByte('/')
		}
		f.WriteString("{" + strconv.Itoa(i) + "}")
	}
	return call("format", append([]aexpr{aStr{f.String()}}, segs...)...)
}

// rootOf returns the top of ref's parent chain.
func (c *fileCompiler) rootOf(ref resRef) resRef {
	for i := 0; i < maxParentDepth; i++ {
		p, ok := c.parentRef(ref)
		if !ok {
			break
		}
		ref = p
	}
	return ref
}

// scopeKind classifies a scope: property.
type scopeInfo struct {
	kind string  // "", resourceGroup, subscription, managementGroup, tenant, resource
	args []aexpr // the scope function's arguments
	res  resRef  // for kind "resource"
}

// scopeOf lowers the scope: of ref's root resource.
func (c *fileCompiler) scopeOf(ref resRef) scopeInfo {
	root := c.rootOf(ref)
	e := root.r.scope
	if e == nil {
		return scopeInfo{}
	}
	return c.classifyScope(e, c.declCtx(root))
}

func (c *fileCompiler) classifyScope(e ast.Expr, l *lctx) scopeInfo {
	for {
		if p, ok := e.(*ast.ParenExpr); ok {
			e = p.X
			continue
		}
		break
	}
	if call, ok := e.(*ast.CallExpr); ok && call.Name != nil && (call.Recv == nil || isSysNamespace(c, call.Recv)) {
		switch call.Name.Name {
		case "resourceGroup", "subscription", "managementGroup", "tenant":
			s := scopeInfo{kind: call.Name.Name}
			for _, a := range call.Args {
				s.args = append(s.args, l.lower(a))
			}
			return s
		}
	}
	if r, idx := c.resourceSymbolOf(e); r != nil {
		ref := resRef{r: r}
		if ra, ok := e.(*ast.ResourceAccess); ok {
			ref = c.nestedRef(ra, l)
		} else if idx != nil {
			ref.idx = l.lower(idx)
		}
		if strings.EqualFold(r.typ, "Microsoft.Resources/resourceGroups") {
			return scopeInfo{kind: "resourceGroup", args: []aexpr{c.fullName(ref, l)}}
		}
		if strings.EqualFold(r.typ, "Microsoft.Management/managementGroups") {
			return scopeInfo{kind: "managementGroup", args: []aexpr{c.fullName(ref, l)}}
		}
		if strings.EqualFold(r.typ, "Microsoft.Resources/subscriptions") {
			return scopeInfo{kind: "subscription", args: []aexpr{c.fullName(ref, l)}}
		}
		return scopeInfo{kind: "resource", res: ref}
	}
	// Any other expression is a scope value computed at deployment time
	// (e.g. a resource group from a module output): treat it as the
	// deployment's own scope.
	l.lower(e)
	return scopeInfo{}
}

// isSysNamespace reports whether recv is sys or az (not shadowed).
func isSysNamespace(c *fileCompiler, recv ast.Expr) bool {
	id, ok := recv.(*ast.Ident)
	if !ok {
		return false
	}
	if c.lookup(id.Name) != nil {
		return false
	}
	return id.Name == "sys" || id.Name == "az"
}

// resourceID lowers r.id.
func (c *fileCompiler) resourceID(ref resRef, l *lctx) aexpr {
	if !c.enter(ref.r) {
		return aStr{""}
	}
	defer c.leave()
	r := ref.r
	args := []aexpr{aStr{r.typ}}
	args = append(args, c.nameSegs(ref, 0)...)
	sc := c.scopeOf(ref)
	return c.idAtScope(sc, args)
}

// idAtScope builds the id of a resource (type and name segments in args)
// at a scope.
func (c *fileCompiler) idAtScope(sc scopeInfo, args []aexpr) aexpr {
	switch sc.kind {
	case "":
		switch c.scope {
		case "subscription":
			return call("subscriptionResourceId", args...)
		case "tenant":
			return call("tenantResourceId", args...)
		case "managementGroup":
			return call("extensionResourceId", append([]aexpr{&aProp{x: call("managementGroup"), name: "id"}}, args...)...)
		}
		return call("resourceId", args...)
	case "resourceGroup":
		switch len(sc.args) {
		case 0:
			return call("resourceId", args...)
		case 1, 2:
			// resourceGroup([sub, ]rg): Bicep extends the group's id.
			sub, rg := aexpr(&aProp{x: call("subscription"), name: "subscriptionId"}), sc.args[0]
			if len(sc.args) == 2 {
				sub, rg = sc.args[0], sc.args[1]
			}
			id := call("format", aStr{"/subscriptions/{0}/resourceGroups/{1}"}, sub, rg)
			return call("extensionResourceId", append([]aexpr{id}, args...)...)
		}
		return call("resourceId", append(append([]aexpr{}, sc.args...), args...)...)
	case "subscription":
		return call("subscriptionResourceId", append(append([]aexpr{}, sc.args...), args...)...)
	case "tenant":
		return call("tenantResourceId", args...)
	case "managementGroup":
		var mg aexpr = &aProp{x: call("managementGroup"), name: "id"}
		if len(sc.args) > 0 {
			mg = call("tenantResourceId", aStr{"Microsoft.Management/managementGroups"}, sc.args[0])
		}
		return call("extensionResourceId", append([]aexpr{mg}, args...)...)
	case "resource":
		return call("extensionResourceId", append([]aexpr{c.resourceID(sc.res, nil)}, args...)...)
	}
	return call("resourceId", args...)
}

// reference lowers the runtime state of a resource or module:
// reference(<id or symbol>[, apiVersion[, 'full']]).
func (c *fileCompiler) reference(ref resRef, full bool, l *lctx) aexpr {
	var target aexpr
	if c.symbolic {
		target = aStr{c.symbolicName(ref.r)}
		if ref.r.loop != nil && ref.idx != nil {
			target = call("format", aStr{c.symbolicName(ref.r) + "[{0}]"}, ref.idx)
		}
	} else {
		target = c.resourceID(ref, l)
	}
	args := []aexpr{target}
	if ref.r.extension != "" {
		return call("reference", args...)
	}
	if full || !c.symbolic {
		args = append(args, aStr{ref.r.api})
	}
	if full {
		args = append(args, aStr{"full"})
	}
	return call("reference", args...)
}

// wholeResource lowers a resource or module used as a value.
func (c *fileCompiler) wholeResource(ref resRef, l *lctx) aexpr {
	return c.reference(ref, true, l)
}

// collectionRef lowers a resource or module loop used as a whole:
// references() of languageVersion 2.0.
func (c *fileCompiler) collectionRef(r *resourceInfo, at ast.Node) aexpr {
	if !c.symbolic {
		c.errorf(at.Pos(), CodeUnsupported, "the resource loop '%s' is used as a whole; index it (e.g. %s[0]) or use a for-expression over it", r.sym, r.sym)
	}
	return call("references", aStr{c.symbolicName(r)}, aStr{"full"})
}

// scopeProperty returns the "scope" value of an extension resource: the
// id of the resource it extends, as current Bicep writes it (older
// versions wrote it relative to the deployment, Options.Legacy).
func (c *fileCompiler) scopeProperty(sc scopeInfo) aexpr {
	ref := sc.res
	if !c.legacy {
		return c.resourceID(ref, nil)
	}
	segs := c.nameSegs(ref, 0)
	types := strings.Split(ref.r.typ, "/")
	if len(segs) != len(types)-1 {
		return c.resourceID(ref, nil)
	}
	var f strings.Builder
	f.WriteString(types[0])
	for i := 1; i < len(types); i++ {
		f.WriteString("/" + types[i] + "/{" + strconv.Itoa(i-1) + "}")
	}
	return call("format", append([]aexpr{aStr{f.String()}}, segs...)...)
}

// maxNameNesting caps how deeply resource names and ids may refer to
// other resources' names and ids (a cycle is reported).
const maxNameNesting = 64

// enter guards the lowering of a resource's name or id against cycles
// (a name that refers to itself, scopes that extend each other).
func (c *fileCompiler) enter(r *resourceInfo) bool {
	if c.nameCycle {
		// After a cycle, names are not lowered any more: the template is
		// broken and exploring it further can take exponential time.
		return false
	}
	c.nameNesting++
	if c.nameNesting > maxNameNesting || c.naming[r] > 2 {
		if !c.nameCycle {
			c.nameCycle = true
			c.errorf(r.decl.Pos(), "BCP080", "the name, parent or scope of '%s' refers to itself through other resources; break the cycle", r.sym)
		}
		c.nameNesting--
		return false
	}
	c.naming[r]++
	c.namingStack = append(c.namingStack, r)
	return true
}

func (c *fileCompiler) leave() {
	c.nameNesting--
	if n := len(c.namingStack); n > 0 {
		c.naming[c.namingStack[n-1]]--
		c.namingStack = c.namingStack[:n-1]
	}
}
