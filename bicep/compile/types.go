package compile

import (
	"sort"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/bicep/token"
	"github.com/azrule/azrule/source"
)

// primitive type names and the ARM type each one is written as.
var primitives = map[string]string{
	"string": "string", "int": "int", "bool": "bool", "object": "object", "array": "array", "any": "",
}

// typeSpec lowers a type expression to an ARM type object ({"type": ...},
// {"$ref": ...}, with allowedValues, items, properties, nullable ...).
func (c *fileCompiler) typeSpec(t ast.TypeExpr, depth int) *value.Object {
	at := t.Pos()
	o := value.NewObject(at)
	if depth > maxLowerDepth {
		c.errorf(at, CodeTooDeep, "the type nests deeper than %d levels", maxLowerDepth)
		o.Set("type", str("object", at))
		return o
	}
	switch t := t.(type) {
	case *ast.TypeRef:
		name := t.Name.Name
		if s := c.lookup(name); s != nil && (s.kind == symType || (s.kind == symImported && s.imp != nil)) {
			o.Set("$ref", str("#/definitions/"+c.typeRefName(s, t.Name), at))
			return o
		}
		if p, ok := primitives[name]; ok {
			if p != "" {
				o.Set("type", str(p, at))
			}
			return o
		}
		if name == "resource" {
			o.Set("type", str("string", at))
			return o
		}
		c.errorf(t.Name.Pos(), "BCP302", "the name '%s' is not a valid type; declare it with type %s = ... or use string, int, bool, object or array", name, name)
		o.Set("type", str("object", at))
		return o
	case *ast.ParenType:
		return c.typeSpec(t.X, depth+1)
	case *ast.NullableType:
		o = c.typeSpec(t.X, depth+1)
		o.Set("nullable", value.Bool{V: true, At: t.Question})
		return o
	case *ast.NonNullType:
		return c.typeSpec(t.X, depth+1)
	case *ast.StringLit:
		v, _ := t.Value()
		o.Set("type", str("string", at))
		o.Set("allowedValues", value.NewArray(at, str(v, at)))
		return o
	case *ast.IntLit:
		o.Set("type", str("int", at))
		o.Set("allowedValues", value.NewArray(at, intVal(t.Text, false, at)))
		return o
	case *ast.BoolLit:
		o.Set("type", str("bool", at))
		o.Set("allowedValues", value.NewArray(at, value.Bool{V: t.Value, At: at}))
		return o
	case *ast.UnaryType:
		if n, ok := t.X.(*ast.IntLit); ok && t.Op == token.Minus {
			o.Set("type", str("int", at))
			o.Set("allowedValues", value.NewArray(at, intVal(n.Text, true, at)))
			return o
		}
		if b, ok := t.X.(*ast.BoolLit); ok && t.Op == token.Not {
			o.Set("type", str("bool", at))
			o.Set("allowedValues", value.NewArray(at, value.Bool{V: !b.Value, At: at}))
			return o
		}
	case *ast.UnionType:
		return c.unionSpec(t, depth)
	case *ast.ArrayType:
		o.Set("type", str("array", at))
		elem := c.typeSpec(t.Elem, depth+1)
		if av, ok := elem.Get("allowedValues"); ok && !elem.Has("$ref") {
			o.Set("allowedValues", av)
		} else {
			o.Set("items", elem)
		}
		return o
	case *ast.TupleType:
		o.Set("type", str("array", at))
		items := value.NewArray(at)
		for _, it := range t.Items {
			spec := c.typeSpec(it.Type, depth+1)
			c.typeDecorators(spec, it.Decorators)
			items.Elems = append(items.Elems, spec)
		}
		o.Set("prefixItems", items)
		o.Set("items", value.Bool{V: false, At: at})
		return o
	case *ast.ObjectType:
		o.Set("type", str("object", at))
		props := value.NewObject(at)
		var additional *value.Object
		for _, p := range t.Props {
			spec := c.typeSpec(p.Value, depth+1)
			c.typeDecorators(spec, p.Decorators)
			if p.Key == nil {
				additional = spec
				continue
			}
			key := ""
			switch k := p.Key.(type) {
			case *ast.Ident:
				key = k.Name
			case *ast.StringLit:
				key, _ = k.Value()
			}
			props.SetMember(value.Member{Key: key, KeyPos: p.Key.Pos(), Value: spec})
		}
		o.Set("properties", props)
		if additional != nil {
			o.Set("additionalProperties", additional)
		}
		return o
	case *ast.ResourceType:
		o.Set("type", str("string", at))
		return o
	case *ast.TypeProperty:
		if r, ok := t.X.(*ast.TypeRef); ok && (r.Name.Name == "sys" || r.Name.Name == "az") && c.lookup(r.Name.Name) == nil {
			// sys.string is the built-in type even where a user type
			// shadows the name.
			if p, ok := primitives[t.Name.Name]; ok {
				if p != "" {
					o.Set("type", str(p, at))
				}
				return o
			}
			return c.typeSpec(&ast.TypeRef{Name: t.Name}, depth+1)
		}
		// ns.t names a type of a wildcard import.
		if r, ok := t.X.(*ast.TypeRef); ok {
			if s := c.lookup(r.Name.Name); s != nil && s.kind == symNamespace {
				o.Set("$ref", str("#/definitions/"+c.namespaceType(s, t.Name.Name, t.Name), at))
				return o
			}
		}
		// A property of a declared type: {"$ref": "#/definitions/t/properties/p"}.
		if base := c.typeSpec(t.X, depth+1); base.Has("$ref") {
			ref, _ := base.Get("$ref")
			o.Set("$ref", str(ref.(value.String).V+"/properties/"+t.Name.Name, at))
			return o
		}
		o.Set("type", str("object", at))
		return o
	case *ast.TypeIndex, *ast.TypeItems, *ast.TypeAdditional:
		// Navigation into a declared type: t[0], t[*], t.*.
		var base ast.TypeExpr
		suffix := ""
		switch n := t.(type) {
		case *ast.TypeIndex:
			base = n.X
			if lit, ok := n.Index.(*ast.IntLit); ok {
				suffix = "/prefixItems/" + lit.Text
			}
		case *ast.TypeItems:
			base, suffix = n.X, "/items"
		case *ast.TypeAdditional:
			base, suffix = n.X, "/additionalProperties"
		}
		if suffix != "" {
			if b := c.typeSpec(base, depth+1); b.Has("$ref") {
				ref, _ := b.Get("$ref")
				o.Set("$ref", str(ref.(value.String).V+suffix, at))
				return o
			}
		}
		o.Set("type", str("object", at))
		return o
	case *ast.TypeCall:
		// Resource-derived types and type navigation: the value is an
		// object whose shape the resource provider defines.
		o.Set("type", str("object", at))
		return o
	case *ast.BadType:
		o.Set("type", str("object", at))
		return o
	}
	o.Set("type", str("object", at))
	return o
}

// unionSpec lowers 'a' | 'b' | null to allowedValues (and nullable).
func (c *fileCompiler) unionSpec(t *ast.UnionType, depth int) *value.Object {
	at := t.Pos()
	o := value.NewObject(at)
	allowed := value.NewArray(at)
	var members []*value.Object
	typ := ""
	nullable := false
	for _, m := range t.Members {
		if r, ok := m.(*ast.TypeRef); ok && r.Name.Name == "null" {
			nullable = true
			continue
		}
		spec := c.typeSpec(m, depth+1)
		members = append(members, spec)
		if ref, ok := spec.Get("$ref"); ok {
			// A declared union used as a member contributes its values.
			if def := c.definitionSpec(ref.(value.String).V, depth+1); def != nil && def.Has("allowedValues") {
				spec = def
			}
		}
		if av, ok := spec.Get("allowedValues"); ok {
			if a, ok := av.(*value.Array); ok {
				allowed.Elems = append(allowed.Elems, a.Elems...)
			}
			if tv, ok := spec.Get("type"); ok && typ == "" {
				typ = tv.(value.String).V
			}
			continue
		}
		// A union of object types (tagged unions) has no static
		// allowedValues: keep the object type.
		if tv, ok := spec.Get("type"); ok && typ == "" {
			typ = tv.(value.String).V
		}
	}
	if typ == "" {
		typ = "object"
	}
	o.Set("type", str(typ, at))
	if len(allowed.Elems) > 0 {
		// Bicep lists a union's members in sorted order.
		sort.SliceStable(allowed.Elems, func(i, j int) bool { return lessLiteral(allowed.Elems[i], allowed.Elems[j]) })
		o.Set("allowedValues", allowed)
	}
	if nullable {
		o.Set("nullable", value.Bool{V: true, At: at})
	}
	if c.unionMembers == nil {
		c.unionMembers = map[*value.Object][]*value.Object{}
	}
	c.unionMembers[o] = members
	return o
}

// typeDecorators applies the decorators of a type, type property, tuple
// item or parameter to its ARM type object.
func (c *fileCompiler) typeDecorators(o *value.Object, ds []*ast.Decorator) {
	l := &lctx{c: c}
	for _, d := range ds {
		_, name := d.Name()
		args := d.Args()
		at := d.At
		arg := func() value.Value {
			if len(args) == 0 {
				c.errorf(at, CodeWrongArgCount, "the decorator @%s needs an argument", name)
				return nil
			}
			return l.value(args[0])
		}
		switch name {
		case "description":
			if v := arg(); v != nil {
				meta(o, at).Set("description", v)
			}
		case "metadata":
			if v, ok := arg().(*value.Object); ok {
				m := meta(o, at)
				for _, mm := range v.Members() {
					m.SetMember(mm)
				}
			}
		case "secure":
			if t, ok := o.Get("type"); ok {
				switch t.(value.String).V {
				case "string":
					o.Set("type", str("securestring", at))
				case "object":
					o.Set("type", str("secureObject", at))
				}
			}
		case "allowed":
			if v := arg(); v != nil {
				o.Set("allowedValues", v)
			}
		case "minValue", "maxValue", "minLength", "maxLength":
			if v := arg(); v != nil {
				o.Set(name, v)
			}
		case "sealed":
			o.Set("additionalProperties", value.Bool{V: false, At: at})
		case "discriminator":
			if o.Has("$ref") {
				// A reference to a discriminated union type: the
				// definition carries the discriminator; Bicep writes
				// none here.
				continue
			}
			if v := arg(); v != nil {
				d := value.NewObject(at)
				d.Set("propertyName", v)
				if name, ok := v.(value.String); ok {
					if m := c.discriminatorMapping(o, name.V, at); m != nil {
						d.Set("mapping", m)
					}
				}
				o.Set("discriminator", d)
				o.Delete("allowedValues")
				if n, ok := o.Member("nullable"); ok {
					o.Delete("nullable")
					o.SetMember(n)
				}
			}
		case "export":
			meta(o, at).Set("__bicep_export!", value.Bool{V: true, At: at})
		}
	}
	if !c.legacy {
		// Current Bicep keeps the decorators' order, except that
		// allowedValues comes first, and the description is first in
		// metadata.
		if av, ok := o.Member("allowedValues"); ok {
			reordered := value.NewObject(o.At)
			for _, m := range o.Members() {
				if m.Key == "allowedValues" {
					continue
				}
				reordered.SetMember(m)
				if m.Key == "defaultValue" || (m.Key == "type" && !o.Has("defaultValue")) || (m.Key == "$ref" && !o.Has("defaultValue")) {
					reordered.SetMember(av)
				}
			}
			if !reordered.Has("allowedValues") {
				reordered.SetMember(av)
			}
			*o = *reordered
		}
		if m, ok := o.Get("metadata"); ok {
			if mo, ok := m.(*value.Object); ok {
				if d, ok := mo.Member("description"); ok {
					rest := mo.Members()
					mo2 := value.NewObject(mo.At)
					mo2.SetMember(d)
					for _, mm := range rest {
						mo2.SetMember(mm)
					}
					if desc := lastDescription(ds); desc != nil {
						mo2.Set("description", (&lctx{c: c}).value(desc))
					}
					o.Set("metadata", mo2)
				}
			}
		}
		return
	}
	// Older Bicep wrote the constraints in a fixed order, then metadata,
	// with the description after the @metadata members.
	for _, k := range []string{"allowedValues", "nullable", "minValue", "maxValue", "minLength", "maxLength", "metadata"} {
		if m, ok := o.Member(k); ok {
			o.Delete(k)
			o.SetMember(m)
		}
	}
	if m, ok := o.Get("metadata"); ok {
		if mo, ok := m.(*value.Object); ok {
			if d, ok := mo.Member("description"); ok {
				mo.Delete("description")
				mo.SetMember(d)
			}
		}
	}
}

// meta returns o.metadata, creating it.
func meta(o *value.Object, at source.Pos) *value.Object {
	if m, ok := o.Get("metadata"); ok {
		if mo, ok := m.(*value.Object); ok {
			return mo
		}
	}
	m := value.NewObject(at)
	o.Set("metadata", m)
	return m
}

func str(s string, at source.Pos) value.String { return value.String{V: s, At: at} }

// lessLiteral orders literal type members: numbers, then strings
// (ordinal), then booleans.
func lessLiteral(a, b value.Value) bool {
	rank := func(v value.Value) int {
		switch v.(type) {
		case value.Int, value.Float:
			return 0
		case value.String:
			return 1
		}
		return 2
	}
	ra, rb := rank(a), rank(b)
	if ra != rb {
		return ra < rb
	}
	switch x := a.(type) {
	case value.Int:
		if y, ok := b.(value.Int); ok {
			return x.V < y.V
		}
	case value.String:
		return x.V < b.(value.String).V
	case value.Bool:
		return !x.V && b.(value.Bool).V
	}
	return false
}

// lastDescription returns the argument of the @description decorator,
// which wins over a description in @metadata.
func lastDescription(ds []*ast.Decorator) ast.Expr {
	var out ast.Expr
	for _, d := range ds {
		if _, name := d.Name(); name == "description" && len(d.Args()) > 0 {
			out = d.Args()[0]
		}
	}
	return out
}

// definitionSpec returns the type object of a local definition named by a
// "#/definitions/name" reference, nil for anything else.
func (c *fileCompiler) definitionSpec(ref string, depth int) *value.Object {
	name, ok := strings.CutPrefix(ref, "#/definitions/")
	if !ok || strings.Contains(name, "/") || depth > maxLowerDepth {
		return nil
	}
	s := c.lookup(name)
	if s == nil || s.kind != symType || s.inlining {
		return nil
	}
	d := s.decl.(*ast.TypeDecl)
	s.inlining = true
	defer func() { s.inlining = false }()
	return c.typeSpec(d.Type, depth+1)
}

// discriminatorMapping maps each value of the discriminator property to
// the union member that has it.
func (c *fileCompiler) discriminatorMapping(o *value.Object, prop string, at source.Pos) *value.Object {
	members := c.unionMembers[o]
	if len(members) == 0 {
		return nil
	}
	m := value.NewObject(at)
	for _, spec := range members {
		shape := spec
		if ref, ok := spec.Get("$ref"); ok {
			if def := c.definitionSpec(ref.(value.String).V, 0); def != nil {
				shape = def
			}
		}
		props, _ := shape.Get("properties")
		po, _ := props.(*value.Object)
		if po == nil {
			continue
		}
		p, _ := po.Get(prop)
		pp, _ := p.(*value.Object)
		if pp == nil {
			continue
		}
		av, _ := pp.Get("allowedValues")
		if a, ok := av.(*value.Array); ok && len(a.Elems) == 1 {
			if s, ok := a.Elems[0].(value.String); ok {
				m.Set(s.V, spec)
			}
		}
	}
	return m
}
