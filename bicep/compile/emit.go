package compile

import (
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/source"
)

// schemas are the $schema URLs Bicep writes for each target scope.
var schemas = map[string]string{
	"resourceGroup":   "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
	"subscription":    "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
	"managementGroup": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
	"tenant":          "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#",
}

// emit builds the template of the file.
func (c *fileCompiler) emit() {
	at := c.file.Pos()
	t := value.NewObject(at)
	c.out = t
	if _, ok := schemas[c.scope]; !ok {
		for _, d := range c.file.Decls {
			if ts, ok := d.(*ast.TargetScopeDecl); ok {
				c.errorf(ts.Value.Pos(), "BCP033", "targetScope must be 'resourceGroup', 'subscription', 'managementGroup', 'tenant' or 'desiredStateConfiguration'")
			}
		}
		c.scope = "resourceGroup"
	}
	c.symbolic = c.needsSymbolicNames()
	schemaPos := at
	for _, d := range c.file.Decls {
		if ts, ok := d.(*ast.TargetScopeDecl); ok {
			schemaPos = ts.Pos()
		}
	}
	t.Set("$schema", str(schemas[c.scope], schemaPos))
	if c.symbolic {
		t.Set("languageVersion", str("2.0", at))
	}
	t.Set("contentVersion", str("1.0.0.0", at))
	t.Set("metadata", c.metadata())

	// Lowering registers definitions, functions, variables and loaded
	// contents as it goes (imports, $fxv#), so build the parts first and
	// place them in Bicep's order afterwards.
	c.useAllImports()
	l := &lctx{c: c}
	params := c.parameters(l)
	vars := c.variables(l)
	resources := c.resources()
	outputs := c.outputs(l)
	funcs := c.functions()
	defs := c.definitions()
	// Definitions and functions that imports brought in.
	if c.extraDefs != nil {
		for _, m := range sortedImports(c.extraDefs) {
			defs.SetMember(m)
		}
	}
	if defs.Len() > 0 {
		t.Set("definitions", defs)
	}
	if funcs != nil {
		t.Set("functions", funcs)
	}
	if params.Len() > 0 {
		t.Set("parameters", params)
	}
	if len(c.fxv) > 0 || c.extraVars != nil {
		all := value.NewObject(vars.At)
		for i, v := range c.loadedContents() {
			all.Set("$fxv#"+itoa(i), v)
		}
		for _, m := range vars.Members() {
			all.SetMember(m)
		}
		if c.extraVars != nil {
			for _, m := range sortedImports(c.extraVars) {
				all.SetMember(m)
			}
		}
		vars = all
	}
	if len(c.extraCopies) > 0 {
		vars = withCopies(vars, c.extraCopies)
	}
	if vars.Len() > 0 {
		t.Set("variables", vars)
	}
	t.Set("resources", resources)
	if outputs.Len() > 0 {
		t.Set("outputs", outputs)
	}
}

// withCopies appends copy variables to the copy array of vars, which
// comes first as Bicep writes it.
func withCopies(vars *value.Object, copies []value.Value) *value.Object {
	arr, _ := vars.Get("copy")
	a, ok := arr.(*value.Array)
	if !ok {
		a = value.NewArray(vars.At)
	}
	a.Elems = append(a.Elems, copies...)
	out := value.NewObject(vars.At)
	out.Set("copy", a)
	for _, m := range vars.Members() {
		if m.Key != "copy" {
			out.SetMember(m)
		}
	}
	return out
}

// metadata is _generator followed by the file's metadata declarations.
func (c *fileCompiler) metadata() *value.Object {
	at := c.file.Pos()
	m := value.NewObject(at)
	g := value.NewObject(at)
	g.Set("name", str("bicep", at))
	v := c.b.opts.Version
	if v == "" {
		v = "dev"
	}
	g.Set("version", str("azrule-"+v, at))
	m.Set("_generator", g)
	l := &lctx{c: c}
	for _, d := range c.file.Decls {
		if md, ok := d.(*ast.MetadataDecl); ok && md.Name != nil {
			m.SetMember(value.Member{Key: md.Name.Name, KeyPos: md.Name.Pos(), Value: l.value(md.Value)})
		}
	}
	return m
}

// needsSymbolicNames decides languageVersion 2.0 the way the Bicep
// compiler's emitter settings do.
func (c *fileCompiler) needsSymbolicNames() bool {
	for _, d := range c.file.Decls {
		switch d := d.(type) {
		case *ast.ExtensionDecl, *ast.TypeDecl, *ast.FuncDecl, *ast.ImportDecl:
			return true
		case *ast.VarDecl:
			if d.Type != nil {
				return true
			}
		case *ast.OutputDecl:
			if d.Head().Decorator("secure") != nil || isSecureType(d.Type) {
				return true
			}
			if usesTypeSyntax(d.Type) {
				return true
			}
		case *ast.ParamDecl:
			if usesTypeSyntax(d.Type) {
				return true
			}
		case *ast.ModuleDecl:
			r := c.syms[identName(d.Name)]
			if r != nil && r.res != nil && r.res.body != nil && r.res.prop("name") == nil {
				return true
			}
		}
	}
	for _, r := range c.res {
		if r.module {
			continue
		}
		if r.existing && r.prop("dependsOn") != nil {
			return true
		}
		if r.decl.Head().Decorator("onlyIfNotExists") != nil {
			return true
		}
	}
	return false
}

// usesTypeSyntax reports type syntax that only languageVersion 2.0 can
// carry: object, array, tuple, union and nullable types, user-defined
// type names and resource-derived types.
func usesTypeSyntax(t ast.TypeExpr) bool {
	found := false
	if t == nil {
		return false
	}
	ast.Inspect(t, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ObjectType, *ast.ArrayType, *ast.TupleType, *ast.UnionType, *ast.NullableType, *ast.TypeCall:
			found = true
		case *ast.TypeRef:
			if _, ok := primitives[n.Name.Name]; !ok && n.Name.Name != "resource" {
				found = true
			}
		case *ast.ResourceType:
			found = true
		}
		return !found
	})
	return found
}

func isSecureType(t ast.TypeExpr) bool {
	r, ok := t.(*ast.TypeRef)
	return ok && (r.Name.Name == "securestring" || r.Name.Name == "secureObject")
}

// parameters emits the parameters object.
func (c *fileCompiler) parameters(l *lctx) *value.Object {
	out := value.NewObject(c.file.Pos())
	for _, s := range c.order {
		d, ok := s.decl.(*ast.ParamDecl)
		if !ok {
			continue
		}
		p := c.typeSpec(d.Type, 0)
		p.At = d.Pos()
		if d.Default != nil {
			p.Set("defaultValue", l.value(d.Default))
		}
		c.typeDecorators(p, d.Decorators)
		out.SetMember(value.Member{Key: d.Name.Name, KeyPos: d.Name.Pos(), Value: p})
	}
	return out
}

// variables emits the variables object; loops go to its copy array.
func (c *fileCompiler) variables(l *lctx) *value.Object {
	out := value.NewObject(c.file.Pos())
	var copies *value.Array
	for _, s := range c.order {
		d, ok := s.decl.(*ast.VarDecl)
		if !ok || c.inlined(s) {
			continue
		}
		if f, ok := d.Value.(*ast.ForExpr); ok {
			if copies == nil {
				copies = value.NewArray(d.Pos())
			}
			e := l.copyEntry(d.Name.Name, f)
			e.At = d.Pos()
			copies.Elems = append(copies.Elems, e)
			continue
		}
		var v value.Value
		if ce, ok := d.Value.(*ast.CallExpr); ok && ce.Name != nil && c.directLoad(ce.Name.Name) && (ce.Recv == nil || isSysNamespace(c, ce.Recv)) {
			// A variable that is just loaded text holds it directly; other
			// loads go to $fxv# variables.
			v = c.load(ce, ce.Name.Name, l)
		}
		if v == nil {
			v = l.value(d.Value)
		} else {
			v = escapeValue(v)
		}
		out.SetMember(value.Member{Key: d.Name.Name, KeyPos: d.Name.Pos(), Value: v})
	}
	if copies != nil {
		all := value.NewObject(out.At)
		all.Set("copy", copies)
		for _, m := range out.Members() {
			all.SetMember(m)
		}
		out = all
	}
	return out
}

// definitions emits the type declarations.
func (c *fileCompiler) definitions() *value.Object {
	out := value.NewObject(c.file.Pos())
	for _, s := range c.order {
		d, ok := s.decl.(*ast.TypeDecl)
		if !ok {
			continue
		}
		spec := c.typeSpec(d.Type, 0)
		spec.At = d.Pos()
		c.typeDecorators(spec, d.Decorators)
		out.SetMember(value.Member{Key: d.Name.Name, KeyPos: d.Name.Pos(), Value: spec})
	}
	return out
}

// functions emits user-defined functions in the __bicep namespace.
func (c *fileCompiler) functions() *value.Array {
	members := value.NewObject(c.file.Pos())
	for _, s := range c.order {
		d, ok := s.decl.(*ast.FuncDecl)
		if !ok || d.Lambda == nil {
			continue
		}
		members.SetMember(value.Member{Key: d.Name.Name, KeyPos: d.Name.Pos(), Value: c.function(d)})
	}
	if c.extraFuncs != nil {
		for _, m := range sortedImports(c.extraFuncs) {
			members.SetMember(m)
		}
	}
	if members.Len() == 0 {
		return nil
	}
	ns := value.NewObject(c.file.Pos())
	ns.Set("namespace", str("__bicep", c.file.Pos()))
	ns.Set("members", members)
	return value.NewArray(c.file.Pos(), ns)
}

// function emits one user-defined function.
func (c *fileCompiler) function(d *ast.FuncDecl) *value.Object {
	at := d.Pos()
	f := value.NewObject(at)
	params := value.NewArray(at)
	l := &lctx{c: c, inFunc: true}
	for _, p := range d.Lambda.Params {
		if p.Name == nil {
			continue
		}
		var spec *value.Object
		if p.Type != nil {
			spec = c.typeSpec(p.Type, 0)
		} else {
			spec = value.NewObject(p.Pos())
		}
		withName := value.NewObject(p.Pos())
		for _, m := range spec.Members() {
			withName.SetMember(m)
		}
		withName.Set("name", str(p.Name.Name, p.Name.Pos()))
		params.Elems = append(params.Elems, withName)
		l = l.with(p.Name.Name, call("parameters", aStr{p.Name.Name}))
	}
	f.Set("parameters", params)
	var out *value.Object
	if d.Lambda.ReturnType != nil {
		out = c.typeSpec(d.Lambda.ReturnType, 0)
	} else {
		out = value.NewObject(at)
	}
	var body value.Value
	if ce, ok := unwrap(d.Lambda.Body).(*ast.CallExpr); ok && ce.Name != nil && isLoad(ce.Name.Name) && (ce.Recv == nil || isSysNamespace(c, ce.Recv)) {
		// A function that returns loaded content returns it as JSON.
		if v := c.load(ce, ce.Name.Name, l); v != nil {
			body = escapeValue(v)
		}
	}
	if body == nil {
		body = l.value(d.Lambda.Body)
	}
	out.Set("value", body)
	f.Set("output", out)
	c.typeDecorators(f, d.Decorators)
	return f
}

// outputs emits the outputs object.
func (c *fileCompiler) outputs(l *lctx) *value.Object {
	out := value.NewObject(c.file.Pos())
	for _, d := range c.file.Decls {
		d, ok := d.(*ast.OutputDecl)
		if !ok || d.Name == nil {
			continue
		}
		o := c.typeSpec(d.Type, 0)
		o.At = d.Pos()
		if rt, ok := d.Type.(*ast.ResourceType); ok {
			o = c.resourceOutputType(rt, d.Pos())
		}
		// Decorators first: Bicep writes metadata before the value.
		c.typeDecorators(o, d.Decorators)
		if f, ok := d.Value.(*ast.ForExpr); ok {
			cp := value.NewObject(f.Pos())
			iter := l.lower(f.Iterable)
			cp.Set("count", exprValue(call("length", iter), f.Iterable.Pos()))
			n := l.loopCtx(f, iter, call("copyIndex"))
			cp.Set("input", n.value(f.Body))
			o.Set("copy", cp)
		} else if _, ok := d.Type.(*ast.ResourceType); ok {
			o.Set("value", c.resourceOutputValue(d.Value, l))
		} else {
			o.Set("value", l.value(d.Value))
		}
		out.SetMember(value.Member{Key: d.Name.Name, KeyPos: d.Name.Pos(), Value: o})
	}
	return out
}

// resourceOutputType is the type of output x resource 'T@v': a string
// (the resource id) with the resource type in metadata.
func (c *fileCompiler) resourceOutputType(rt *ast.ResourceType, at source.Pos) *value.Object {
	o := value.NewObject(at)
	o.Set("type", str("string", at))
	if rt.TypeString != nil {
		if v, ok := rt.TypeString.Value(); ok {
			meta(o, at).Set("resourceType", str(v, rt.TypeString.Pos()))
		}
	}
	return o
}

// resourceOutputValue is the id of the resource a resource-typed output
// returns.
func (c *fileCompiler) resourceOutputValue(e ast.Expr, l *lctx) value.Value {
	if r, idx := c.resourceSymbolOf(e); r != nil {
		ref := resRef{r: r}
		if idx != nil {
			ref.idx = l.lower(idx)
		}
		return exprValue(c.resourceID(ref, l), e.Pos())
	}
	return l.value(e)
}
