package expand

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// parameter resolves parameters(name): the value given (unless it is
// null and there is a default, which ARM then uses), else the
// evaluated defaultValue, else the configured default, else null for a
// nullable parameter, else an Unknown naming the parameter. The value is
// validated against the declared type once, when first resolved.
func (d *deployment) parameter(name string, at source.Pos) (value.Value, error) {
	s := d.params[strings.ToLower(name)]
	if s == nil {
		return d.BaseEnv.Parameter(name, at)
	}
	switch s.state {
	case done:
		return s.v, s.err
	case evaluating:
		return nil, source.Errorf(at, "parameter '%s' depends on itself through its defaultValue", name)
	}
	s.state = evaluating
	p := d.t.Parameter(name)
	var v value.Value
	given, ok := d.supplied[strings.ToLower(p.Name)]
	if _, isNull := given.(value.Null); isNull && p.DefaultValue != nil {
		ok = false // ARM deploys a parameter given null with its default
	}
	if ok {
		v = given
	} else if p.DefaultValue != nil {
		d.withSink(&d.errs, nil, func() {
			d.inSection(sectionParameterDefault, func() {
				v = d.capSize(d.eval(p.DefaultValue), "the default of parameter '"+p.Name+"'", p.NamePos)
			})
		})
	} else if dv, ok := d.paramDefaults.Get(p.Name); ok {
		v = dv
	} else if p.Nullable || d.refNullable(p.Ref) {
		// Nullable by itself or by its type (Bicep's "param x t" with
		// "type t = {...}[]?"): ARM deploys it as null.
		v = value.Null{At: p.NamePos}
	} else {
		what := "parameter"
		if p.IsSecure() {
			what = "secure parameter" // rules that look for secrets need to know
		}
		v = value.NewUnknown(what+" '"+p.Name+"' has no value", "parameters('"+p.Name+"')", p.NamePos)
	}
	for _, e := range d.validate(&p.TypeSpec, v, "parameter '"+p.Name+"'", p.NamePos, 0) {
		d.errs = append(d.errs, e)
	}
	s.v, s.state = v, done
	return v, nil
}

// checkUndeclared reports supplied values for parameters the template
// does not declare, as ARM does.
func (d *deployment) checkUndeclared() {
	var found source.ErrorList
	for key, v := range d.supplied {
		if d.params[key] == nil {
			name := key
			if n, ok := d.suppliedNames[key]; ok {
				name = n
			}
			found = append(found, &source.Error{Pos: v.Pos(), Code: "EXP020",
				Message: "a value is given for parameter '" + name + "', which the template does not declare; remove it or declare the parameter"})
		}
	}
	found.Sort() // map order is random; report in file order
	d.errs = append(d.errs, found...)
}

// validate checks v against a declared type and returns the problems,
// positioned at the value (or at the declaration when the value has no
// position). Unknown values and Unknown parts of values are not checked:
// they are only known at deployment time.
func (d *deployment) validate(t *template.TypeSpec, v value.Value, what string, declPos source.Pos, depth int) []*source.Error {
	if _, ok := v.(value.Unknown); ok {
		return nil
	}
	at := v.Pos()
	if !at.IsValid() {
		at = declPos
	}
	errf := func(format string, args ...any) []*source.Error {
		e := source.Errorf(at, format, args...)
		e.Code = "EXP021"
		return []*source.Error{e}
	}
	if depth > 64 {
		return nil
	}
	if _, ok := v.(value.Null); ok {
		if t.Nullable || t.Type == "" && t.Ref == "" {
			return nil
		}
		if ref := d.resolveRef(t.Ref); ref != nil && ref.Nullable {
			return nil
		}
		return errf("%s is null, but its type is not nullable", what)
	}
	var out []*source.Error
	if t.Ref != "" {
		ref := d.resolveRef(t.Ref)
		switch {
		case ref != nil:
			out = append(out, d.validate(ref, v, what, declPos, depth+1)...)
		case strings.HasPrefix(t.Ref, "#/definitions/") && !strings.Contains(t.Ref[len("#/definitions/"):], "/"):
			return errf("%s refers to type '%s', which the template does not define", what, t.Ref)
		}
		// Other reference forms (paths into a definition) are not
		// followed: the value is not checked against them.
	}
	if t.Type != "" && !typeMatches(t.Type, v) {
		return append(out, errf("%s must be of type %s, not %s", what, t.Type, value.TypeName(v))...)
	}
	if t.AllowedValues != nil && !allowed(t.AllowedValues, v) {
		return append(out, errf("%s is %s, which is not one of the allowed values %s", what, render(v), render(t.AllowedValues))...)
	}
	if n, ok := v.(value.Int); ok {
		if t.MinValue != nil && n.V < t.MinValue.V {
			out = append(out, errf("%s is %d, less than its minValue %d", what, n.V, t.MinValue.V)...)
		}
		if t.MaxValue != nil && n.V > t.MaxValue.V {
			out = append(out, errf("%s is %d, more than its maxValue %d", what, n.V, t.MaxValue.V)...)
		}
	}
	if l, ok := length(v); ok {
		if t.MinLength != nil && l < t.MinLength.V {
			out = append(out, errf("%s has length %d, less than its minLength %d", what, l, t.MinLength.V)...)
		}
		if t.MaxLength != nil && l > t.MaxLength.V {
			out = append(out, errf("%s has length %d, more than its maxLength %d", what, l, t.MaxLength.V)...)
		}
	}
	switch v := v.(type) {
	case *value.Array:
		for i, e := range v.Elems {
			et := t.Items
			if i < len(t.PrefixItems) {
				et = t.PrefixItems[i]
			}
			if et != nil {
				out = append(out, d.validate(et, e, what+" element "+itoa(i), declPos, depth+1)...)
			}
		}
	case *value.Object:
		out = append(out, d.validateObject(t, v, what, declPos, depth)...)
	}
	return out
}

func (d *deployment) validateObject(t *template.TypeSpec, o *value.Object, what string, declPos source.Pos, depth int) []*source.Error {
	var out []*source.Error
	for _, p := range t.Properties {
		pv, ok := o.Get(p.Name)
		if !ok {
			if !p.Type.Nullable && !d.refNullable(p.Type.Ref) {
				e := source.Errorf(o.At, "%s has no property '%s', which its type requires", what, p.Name)
				e.Code = "EXP021"
				if !o.At.IsValid() {
					e.Pos = declPos
				}
				out = append(out, e)
			}
			continue
		}
		out = append(out, d.validate(p.Type, pv, what+" property '"+p.Name+"'", declPos, depth+1)...)
	}
	if t.Discriminator != nil {
		if tag, ok := o.Get(t.Discriminator.PropertyName); ok {
			if s, ok := tag.(value.String); ok {
				for _, m := range t.Discriminator.Mapping {
					if m.Name == s.V {
						out = append(out, d.validate(m.Type, o, what, declPos, depth+1)...)
					}
				}
			}
		}
	}
	if len(t.Properties) == 0 && t.AdditionalProperties == nil && !t.AdditionalPropertiesFalse && !t.Sealed {
		return out
	}
	for _, m := range o.Members() {
		if declared(t.Properties, m.Key) || (t.Discriminator != nil && value.EqualFold(m.Key, t.Discriminator.PropertyName)) {
			continue
		}
		switch {
		case t.AdditionalPropertiesFalse || t.Sealed:
			if t.Discriminator == nil {
				e := source.Errorf(m.KeyPos, "%s has property '%s', which its type does not allow", what, m.Key)
				e.Code = "EXP021"
				out = append(out, e)
			}
		case t.AdditionalProperties != nil:
			out = append(out, d.validate(t.AdditionalProperties, m.Value, what+" property '"+m.Key+"'", declPos, depth+1)...)
		}
	}
	return out
}

// checkType is validate for a function argument: the first problem.
func (d *deployment) checkType(t *template.TypeSpec, v value.Value, what string, at source.Pos, depth int) error {
	if errs := d.validate(t, v, what, at, depth); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

func declared(ps []*template.Property, key string) bool {
	for _, p := range ps {
		if value.EqualFold(p.Name, key) {
			return true
		}
	}
	return false
}

// resolveRef finds "#/definitions/name" in this template.
func (d *deployment) resolveRef(ref string) *template.TypeSpec {
	const prefix = "#/definitions/"
	if !strings.HasPrefix(ref, prefix) {
		return nil
	}
	def := d.t.Definition(ref[len(prefix):])
	if def == nil {
		return nil
	}
	return &def.TypeSpec
}

func (d *deployment) refNullable(ref string) bool {
	t := d.resolveRef(ref)
	return t != nil && t.Nullable
}

// typeMatches reports whether v has the declared ARM type.
func typeMatches(typ string, v value.Value) bool {
	switch strings.ToLower(typ) {
	case "string", "securestring":
		_, ok := v.(value.String)
		return ok
	case "int":
		_, ok := v.(value.Int)
		return ok
	case "bool":
		_, ok := v.(value.Bool)
		return ok
	case "object", "secureobject":
		_, ok := v.(*value.Object)
		return ok
	case "array":
		_, ok := v.(*value.Array)
		return ok
	}
	return true // an unknown type name is ARM's to reject at deployment
}

// allowed reports whether v (or, for an array, each element of v) is one
// of the allowed values. Strings compare without regard to case, as ARM
// validates them.
func allowed(av *value.Array, v value.Value) bool {
	if arr, ok := v.(*value.Array); ok {
		if arrayOfArrays(av) {
			return inList(av, v)
		}
		for _, e := range arr.Elems {
			if !inList(av, e) {
				return false
			}
		}
		return true
	}
	return inList(av, v)
}

func arrayOfArrays(av *value.Array) bool {
	for _, e := range av.Elems {
		if _, ok := e.(*value.Array); ok {
			return true
		}
	}
	return false
}

func inList(av *value.Array, v value.Value) bool {
	if _, ok := value.FirstUnknown(v); ok {
		return true
	}
	for _, a := range av.Elems {
		if s, ok := v.(value.String); ok {
			if as, ok := a.(value.String); ok && strings.EqualFold(s.V, as.V) {
				return true
			}
			continue
		}
		if value.Equal(a, v) {
			return true
		}
	}
	return false
}

func length(v value.Value) (int64, bool) {
	switch v := v.(type) {
	case value.String:
		return int64(utf8.RuneCountInString(v.V)), true
	case *value.Array:
		return int64(len(v.Elems)), true
	}
	return 0, false
}

// render shows a value in a message, quoted when it is a string.
func render(v value.Value) string {
	if s, ok := v.(value.String); ok {
		return "'" + s.V + "'"
	}
	if a, ok := v.(*value.Array); ok {
		parts := make([]string, len(a.Elems))
		for i, e := range a.Elems {
			parts[i] = render(e)
		}
		return strings.Join(parts, ", ")
	}
	s := value.Render(v)
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

func itoa(i int) string { return strconv.Itoa(i) }
