package compile

import (
	"sort"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/ast"
)

// bodySkip are the resource body properties that are not part of the
// emitted resource's own properties.
var bodySkip = map[string]bool{"name": true, "parent": true, "scope": true, "dependsOn": true}

// resources emits the resources, then the modules, as Bicep orders them:
// an array (classic) or an object keyed by symbolic name (2.0).
func (c *fileCompiler) resources() value.Value {
	at := c.file.Pos()
	var arr *value.Array
	var obj *value.Object
	if c.symbolic {
		obj = value.NewObject(at)
	} else {
		arr = value.NewArray(at)
	}
	add := func(r *resourceInfo, v *value.Object) {
		if v == nil {
			return
		}
		if c.symbolic {
			obj.SetMember(value.Member{Key: c.symbolicName(r), KeyPos: r.decl.Pos(), Value: v})
		} else {
			arr.Elems = append(arr.Elems, v)
		}
	}
	for _, r := range c.res {
		if !r.module {
			add(r, c.resource(r))
		}
	}
	for _, r := range c.res {
		if r.module {
			add(r, c.module(r))
		}
	}
	if c.symbolic {
		return obj
	}
	return arr
}

// symbolicName is a resource's key in languageVersion 2.0: its symbol,
// or parent::child for a nested declaration.
func (c *fileCompiler) symbolicName(r *resourceInfo) string {
	if r.nested && r.parent != nil {
		return c.symbolicName(r.parent) + "::" + r.sym
	}
	return r.sym
}

// head starts a resource object: condition, copy, existing, type,
// apiVersion.
func (c *fileCompiler) head(r *resourceInfo, l *lctx) *value.Object {
	d := r.decl
	o := value.NewObject(d.Pos())
	if r.loop != nil {
		cp := value.NewObject(r.loop.Pos())
		cp.Set("name", str(c.symbolicName(r), r.loop.Pos()))
		cp.Set("count", exprValue(call("length", (&lctx{c: c}).lower(r.loop.Iterable)), r.loop.Iterable.Pos()))
		if bd := d.Head().Decorator("batchSize"); bd != nil {
			cp.Set("mode", str("serial", bd.At))
			if args := bd.Args(); len(args) == 1 {
				cp.Set("batchSize", l.value(args[0]))
			}
		}
		o.Set("copy", cp)
	}
	if cond := c.condition(r, l, 0); cond != nil {
		at := d.Pos()
		if r.cond != nil {
			at = r.cond.Pos()
		}
		o.Set("condition", exprValue(cond, at))
	}
	if r.existing {
		o.Set("existing", value.Bool{V: true, At: d.Pos()})
	}
	tpos := d.Pos()
	if rd, ok := d.(*ast.ResourceDecl); ok && rd.TypeString != nil {
		tpos = rd.TypeString.Pos()
	}
	o.Set("type", str(r.typ, tpos))
	o.Set("apiVersion", str(r.api, tpos))
	return o
}

// declMetadata adds the @description and @metadata decorators of a
// resource or module as its metadata.
func (c *fileCompiler) declMetadata(o *value.Object, r *resourceInfo) {
	var ds []*ast.Decorator
	for _, d := range r.decl.Head().Decorators {
		if _, name := d.Name(); name == "description" || name == "metadata" {
			ds = append(ds, d)
		}
	}
	if len(ds) > 0 {
		c.typeDecorators(o, ds)
	}
}

// condition is a resource's condition: its own, and for a resource
// declared in its parent's body the parent's too (and(parent, own)).
func (c *fileCompiler) condition(r *resourceInfo, l *lctx, depth int) aexpr {
	var own aexpr
	if r.cond != nil {
		own = l.lower(r.cond)
	}
	if !r.nested || r.parent == nil || depth > maxParentDepth {
		return own
	}
	pc := c.condition(r.parent, c.declCtx(selfRef(r.parent)), depth+1)
	switch {
	case pc == nil:
		return own
	case own == nil:
		return pc
	}
	return call("and", pc, own)
}

// resource emits one resource declaration (nil for an existing resource
// in a classic template, which ARM does not deploy).
func (c *fileCompiler) resource(r *resourceInfo) *value.Object {
	if r.existing && !c.symbolic {
		return nil
	}
	if r.body == nil {
		return nil
	}
	saved := c.curRes
	c.curRes = r
	defer func() { c.curRes = saved }()
	self := selfRef(r)
	l := c.declCtx(self)
	o := c.head(r, l)
	if r.extension == "" && (r.azPrefix || c.declaresAz()) {
		// Bicep names the Azure extension on each Azure resource once the
		// file declares it (extension az) or the type names it (az:),
		// after "existing".
		ext := value.NewObject(o.At)
		if v, ok := o.Get("existing"); ok {
			ext.Set("existing", v)
		}
		ext.Set("extension", str("az", r.decl.Pos()))
		for _, m := range o.Members() {
			if m.Key != "existing" {
				ext.SetMember(m)
			}
		}
		o = ext
	}
	sc := c.scopeOf(self)
	if sc.kind == "resource" {
		// Children of an extension resource share its scope.
		at := r.decl.Pos()
		if r.scope != nil {
			at = r.scope.Pos()
		}
		o.Set("scope", exprValue(c.scopeProperty(sc), at))
	} else if root := c.rootOf(self).r; root.scope != nil {
		// Children share their root's scope.
		switch sc.kind {
		case "resourceGroup", "subscription":
			if r.existing {
				c.crossScope(o, sc, root.scope)
			}
		default:
			c.crossScope(o, sc, root.scope)
		}
	}
	if r.extension != "" {
		o.Delete("apiVersion")
		ext := value.NewObject(r.decl.Pos())
		ext.Set("extension", str(r.extension, r.decl.Pos()))
		for _, m := range o.Members() {
			ext.SetMember(m)
		}
		ext.Set("properties", l.objectValue(r.body, map[string]bool{"dependsOn": true}))
		c.declMetadata(ext, r)
		c.dependsOn(ext, r, l)
		return ext
	}
	nameAt := r.decl.Pos()
	if n := r.prop("name"); n != nil {
		nameAt = n.Pos()
	}
	o.Set("name", exprValue(c.fullName(self, l), nameAt))
	if r.existing {
		c.dependsOn(o, r, l)
		return o
	}
	body := l.objectValue(r.body, bodySkip)
	for _, m := range body.Members() {
		o.SetMember(m)
	}
	c.declMetadata(o, r)
	c.dependsOn(o, r, l)
	return o
}

// crossScope sets resourceGroup/subscriptionId of a module or an existing
// resource deployed to another scope.
func (c *fileCompiler) crossScope(o *value.Object, sc scopeInfo, at ast.Expr) {
	switch sc.kind {
	case "resourceGroup":
		switch len(sc.args) {
		case 1:
			o.Set("resourceGroup", exprValue(sc.args[0], at.Pos()))
		case 2:
			o.Set("subscriptionId", exprValue(sc.args[0], at.Pos()))
			o.Set("resourceGroup", exprValue(sc.args[1], at.Pos()))
		}
	case "subscription":
		if len(sc.args) == 1 {
			o.Set("subscriptionId", exprValue(sc.args[0], at.Pos()))
		} else if c.scope == "resourceGroup" {
			// subscription() from a resource group: the deployment goes to
			// the subscription of the current one.
			o.Set("subscriptionId", exprValue(&aProp{x: call("subscription"), name: "subscriptionId"}, at.Pos()))
		}
	case "managementGroup":
		if len(sc.args) == 1 {
			o.Set("scope", exprValue(call("format", aStr{"Microsoft.Management/managementGroups/{0}"}, sc.args[0]), at.Pos()))
		}
	case "tenant":
		o.Set("scope", str("/", at.Pos()))
	}
}

// depRef is one resource or module a declaration refers to; idx is the
// index expression of an indexed reference to a loop (nil for a reference
// to a whole loop or to a single resource).
type depRef struct {
	r   *resourceInfo
	idx ast.Expr
}

// dependsOn adds the resources and modules r refers to (explicitly or in
// its expressions) as dependencies, the way Bicep lists them: sorted by
// symbolic name; in languageVersion 2.0 by symbolic name (a resource
// nested in an existing parent by that parent), in classic templates by
// resource id, a loop as a whole by its copy name and an indexed loop
// reference by the instance's id. Existing resources are not deployed in
// classic templates: a dependency on one is a dependency on what it
// depends on.
func (c *fileCompiler) dependsOn(o *value.Object, r *resourceInfo, l *lctx) {
	at := r.decl.Pos()
	seen := map[*resourceInfo]bool{r: true}
	var deps []depRef
	var visit func(d depRef, depth int)
	visit = func(d depRef, depth int) {
		x := d.r
		if x == nil || depth > maxParentDepth {
			return
		}
		if c.symbolic && x.existing && x.nested {
			for x.nested && x.parent != nil && x.parent.existing {
				x = x.parent
			}
			d = depRef{r: x}
		}
		if x == r || (seen[x] && d.idx == nil) {
			return
		}
		if x.existing && !c.symbolic {
			if seen[x] {
				return
			}
			seen[x] = true
			for _, y := range c.references(x) {
				visit(y, depth+1)
			}
			return
		}
		if d.idx == nil {
			seen[x] = true
		}
		deps = append(deps, d)
	}
	if r.parent != nil {
		visit(depRef{r: r.parent}, 0)
	}
	for _, y := range c.references(r) {
		if y.idx != nil && !c.resolvable(y.idx, l) {
			// The index uses a name local to where it was written (a
			// property loop, a lambda): depend on the whole loop.
			y.idx = nil
		}
		visit(y, 0)
	}
	if len(deps) == 0 {
		return
	}
	sort.SliceStable(deps, func(i, j int) bool { return c.symbolicName(deps[i].r) < c.symbolicName(deps[j].r) })
	arr := value.NewArray(at)
	done := map[string]bool{}
	for _, d := range deps {
		var v aexpr
		switch {
		case c.symbolic && d.r.loop != nil && d.idx != nil:
			v = call("format", aStr{c.symbolicName(d.r) + "[{0}]"}, l.lower(d.idx))
		case c.symbolic:
			v = aStr{c.symbolicName(d.r)}
		case d.r.loop != nil && d.idx != nil:
			v = c.resourceID(resRef{r: d.r, idx: l.lower(d.idx)}, l)
		case d.r.loop != nil:
			if seen[d.r] && d.idx != nil {
				continue
			}
			v = aStr{c.symbolicName(d.r)}
		default:
			v = c.resourceID(resRef{r: d.r}, l)
		}
		ev := exprValue(v, at)
		key := string(value.AppendJSON(nil, ev))
		if done[key] {
			continue
		}
		done[key] = true
		arr.Elems = append(arr.Elems, ev)
	}
	o.Set("dependsOn", arr)
}

// references lists the resources and modules that r's declaration names,
// in the order written.
func (c *fileCompiler) references(r *resourceInfo) []depRef {
	var out []depRef
	add := func(x *resourceInfo, idx ast.Expr) {
		if x != nil && x != r {
			out = append(out, depRef{r: x, idx: idx})
		}
	}
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		inspectValues(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				// kv.getSecret() of an existing vault is a Key Vault
				// reference resolved at deployment, not a dependency.
				if n.Recv != nil && n.Name != nil && n.Name.Name == "getSecret" {
					if x, idx := c.resourceSymbolOf(n.Recv); x != nil && x.existing {
						if idx != nil {
							walk(idx)
						}
						for _, a := range n.Args {
							walk(a)
						}
						return false
					}
				}
			case *ast.IndexExpr:
				if x, idx := c.resourceSymbolOf(n); x != nil && idx != nil {
					add(x, idx)
					walk(idx)
					return false
				}
			case *ast.ResourceAccess:
				if x, _ := c.resourceSymbolOf(n); x != nil {
					add(x, nil)
				}
				return false
			case *ast.Ident:
				if s := c.lookup(n.Name); s != nil {
					switch {
					case s.res != nil:
						add(s.res, nil)
					case s.kind == symVar:
						// Dependencies through variables.
						if d, ok := s.decl.(*ast.VarDecl); ok && !s.inlining {
							s.inlining = true
							walk(d.Value)
							s.inlining = false
						}
					}
				}
			}
			return true
		})
	}
	if r.loop != nil {
		walk(r.loop.Iterable)
	}
	if r.cond != nil {
		walk(r.cond)
	}
	if r.body != nil {
		walk(r.body)
	}
	return out
}

// module emits a module as a nested deployment.
func (c *fileCompiler) module(r *resourceInfo) *value.Object {
	if r.body == nil {
		return nil
	}
	self := selfRef(r)
	l := c.declCtx(self)
	o := c.head(r, l)
	nameAt := r.decl.Pos()
	if n := r.prop("name"); n != nil {
		nameAt = n.Pos()
	}
	o.Set("name", exprValue(c.ownName(self), nameAt))
	tmpl, modScope := c.moduleTemplate(r)
	if r.scope != nil {
		c.crossScope(o, c.scopeOf(self), r.scope)
	}
	if modScope != "" && modScope != "resourceGroup" {
		// A deployment above a resource group needs a location: Bicep
		// takes the resource group's from a resource group deployment.
		loc := &aProp{x: call("deployment"), name: "location"}
		if c.scope == "resourceGroup" {
			loc = &aProp{x: call("resourceGroup"), name: "location"}
		}
		o.Set("location", exprValue(loc, r.decl.Pos()))
	}
	props := value.NewObject(r.body.Pos())
	eo := value.NewObject(r.body.Pos())
	eo.Set("scope", str("inner", r.body.Pos()))
	props.Set("expressionEvaluationOptions", eo)
	props.Set("mode", str("Incremental", r.body.Pos()))
	if ec := r.prop("extensionConfigs"); ec != nil {
		props.Set("extensionConfigs", c.extensionConfigs(ec, l))
	}
	if pe := r.prop("params"); pe != nil {
		props.Set("parameters", c.moduleParams(pe, l))
	}
	if r.specID != "" && (!c.b.opts.InlineTemplateSpecs || tmpl == nil) {
		link := value.NewObject(r.decl.Pos())
		link.Set("id", str(r.specID, r.decl.Pos()))
		props.Set("templateLink", link)
	} else if tmpl != nil {
		props.Set("template", tmpl)
	}
	o.Set("properties", props)
	c.declMetadata(o, r)
	c.dependsOn(o, r, l)
	return o
}

// moduleParams emits {"name": {"value": ...}} for each module parameter,
// and a Key Vault reference for kv.getSecret('name').
func (c *fileCompiler) moduleParams(e ast.Expr, l *lctx) value.Value {
	o, ok := e.(*ast.ObjectLit)
	if !ok || hasSpread(o.Items) {
		// Parameters computed as a whole (a spread): wrap each value as
		// {value: ...} at deployment.
		item := call("lambdaVariables", aStr{"p"})
		v := call("toObject", call("items", l.lower(e)),
			call("lambda", aStr{"p"}, &aProp{x: item, name: "key"}),
			call("lambda", aStr{"p"}, call("createObject", aStr{"value"}, &aProp{x: item, name: "value"})))
		return exprValue(v, e.Pos())
	}
	out := value.NewObject(o.Pos())
	for _, it := range o.Items {
		p, ok := it.(*ast.Property)
		if !ok {
			continue
		}
		key, _ := propKey(p)
		w := value.NewObject(p.Value.Pos())
		if ref := c.secretReference(p.Value, l); ref != nil {
			w.Set("reference", ref)
		} else if t, ok := p.Value.(*ast.TernaryExpr); ok {
			// A condition: Bicep moves it out, choosing between whole
			// parameter objects ({value: a} or {reference: secret}).
			out.SetMember(value.Member{Key: key, KeyPos: p.Key.Pos(), Value: exprValue(c.paramChoice(t, l), t.Pos())})
			continue
		} else if f, ok := p.Value.(*ast.ForExpr); ok {
			inner := value.NewObject(f.Pos())
			cp := value.NewArray(f.Pos(), l.copyEntry("value", f))
			inner.Set("copy", cp)
			w = inner
		} else {
			w.Set("value", l.value(p.Value))
		}
		out.SetMember(value.Member{Key: key, KeyPos: p.Key.Pos(), Value: w})
	}
	return out
}

// secretReference lowers kv.getSecret('name'[, 'version']) to a Key Vault
// parameter reference.
func (c *fileCompiler) secretReference(e ast.Expr, l *lctx) *value.Object {
	ce, ok := e.(*ast.CallExpr)
	if !ok || ce.Recv == nil || ce.Name == nil || ce.Name.Name != "getSecret" {
		return nil
	}
	r, idx := c.resourceSymbolOf(ce.Recv)
	if r == nil {
		return nil
	}
	if !strings.EqualFold(r.typ, "Microsoft.KeyVault/vaults") {
		c.errorf(ce.Name.Pos(), CodeUndefinedFunction, "getSecret() is a function of Microsoft.KeyVault/vaults resources only")
	}
	ref := resRef{r: r}
	if idx != nil {
		ref.idx = l.lower(idx)
	}
	at := e.Pos()
	out := value.NewObject(at)
	kv := value.NewObject(at)
	kv.Set("id", exprValue(c.resourceID(ref, l), at))
	out.Set("keyVault", kv)
	if len(ce.Args) > 0 {
		out.Set("secretName", l.value(ce.Args[0]))
	}
	if len(ce.Args) > 1 {
		out.Set("secretVersion", l.value(ce.Args[1]))
	}
	return out
}

// hasSecret reports whether a ternary has a getSecret() branch.
func (c *fileCompiler) hasSecret(e ast.Expr) bool {
	switch x := unwrap(e).(type) {
	case *ast.TernaryExpr:
		return c.hasSecret(x.Then) || c.hasSecret(x.Else)
	case *ast.CallExpr:
		return x.Recv != nil && x.Name != nil && x.Name.Name == "getSecret"
	}
	return false
}

// paramChoice lowers cond ? a : b for a module parameter to
// if(cond, {value|reference: a}, {value|reference: b}).
func (c *fileCompiler) paramChoice(e ast.Expr, l *lctx) aexpr {
	switch x := unwrap(e).(type) {
	case *ast.TernaryExpr:
		return call("if", l.lower(x.Cond), c.paramChoice(x.Then, l), c.paramChoice(x.Else, l))
	case *ast.CallExpr:
		if ref := c.secretReference(x, l); ref != nil {
			return call("createObject", aStr{"reference"}, emittedExpr(ref))
		}
	}
	return call("createObject", aStr{"value"}, l.lower(e))
}

// resolvable reports whether every name in e means something in l's
// scope.
func (c *fileCompiler) resolvable(e ast.Expr, l *lctx) bool {
	ok := true
	inspectValues(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if _, local := l.locals.lookup(n.Name); !local && c.lookup(n.Name) == nil && n.Name != "sys" && n.Name != "az" {
				ok = false
			}
		case *ast.PropertyAccess:
			// Only the base of x.name is a name.
			ast.Inspect(n.X, func(m ast.Node) bool {
				if id, isID := m.(*ast.Ident); isID {
					if _, local := l.locals.lookup(id.Name); !local && c.lookup(id.Name) == nil {
						ok = false
					}
				}
				return ok
			})
			return false
		case *ast.CallExpr:
			for _, a := range n.Args {
				if !c.resolvable(a, l) {
					ok = false
				}
			}
			return false
		case *ast.Lambda:
			return false
		}
		return ok
	})
	return ok
}
