package template

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// MaxTypeDepth caps the nesting of user-defined types (items of items of
// properties ...), so a hostile template cannot exhaust the stack.
const MaxTypeDepth = 64

// typeSpec fills t from the object in m (a parameter, output, definition,
// function parameter or nested type).
func (d *decoder) typeSpec(t *TypeSpec, m value.Member, depth int) {
	o, ok := m.Value.(*value.Object)
	if !ok {
		d.errorf(m.Value.Pos(), "TPL050", "the type of '%s' must be an object, not %s", m.Key, kindName(m.Value))
		return
	}
	if depth > MaxTypeDepth {
		d.errorf(o.At, "TPL051", "type '%s' is nested deeper than %d levels", m.Key, MaxTypeDepth)
		return
	}
	t.Raw = o
	for _, tm := range o.Members() {
		switch strings.ToLower(tm.Key) {
		case "type":
			t.Type, _ = d.str(tm, "type")
			t.TypePos = tm.Value.Pos()
		case "$ref":
			t.Ref, _ = d.str(tm, "$ref")
		case "nullable":
			if b, ok := tm.Value.(value.Bool); ok {
				t.Nullable = b.V
			} else {
				d.errorf(tm.Value.Pos(), "TPL052", "\"nullable\" must be true or false")
			}
		case "allowedvalues":
			if a, ok := tm.Value.(*value.Array); ok {
				t.AllowedValues = a
			} else {
				d.errorf(tm.Value.Pos(), "TPL053", "\"allowedValues\" must be an array of the accepted values")
			}
		case "minvalue":
			t.MinValue = d.intOf(tm)
		case "maxvalue":
			t.MaxValue = d.intOf(tm)
		case "minlength":
			t.MinLength = d.intOf(tm)
		case "maxlength":
			t.MaxLength = d.intOf(tm)
		case "metadata":
			t.Metadata = d.obj(tm, "metadata")
		case "sealed":
			if b, ok := tm.Value.(value.Bool); ok {
				t.Sealed = b.V
			}
		case "items":
			// "items": false forbids extra tuple elements; only an
			// object is a type.
			if _, ok := tm.Value.(*value.Object); ok {
				t.Items = &TypeSpec{}
				d.typeSpec(t.Items, tm, depth+1)
			}
		case "prefixitems":
			if a, ok := tm.Value.(*value.Array); ok {
				for _, e := range a.Elems {
					it := &TypeSpec{}
					d.typeSpec(it, value.Member{Key: m.Key, Value: e}, depth+1)
					t.PrefixItems = append(t.PrefixItems, it)
				}
			}
		case "properties":
			if po := d.obj(tm, "properties"); po != nil {
				for _, pm := range po.Members() {
					p := &Property{Name: pm.Key, NamePos: pm.KeyPos, Type: &TypeSpec{}}
					d.typeSpec(p.Type, pm, depth+1)
					t.Properties = append(t.Properties, p)
				}
			}
		case "additionalproperties":
			switch v := tm.Value.(type) {
			case value.Bool:
				t.AdditionalPropertiesFalse = !v.V
			case *value.Object:
				t.AdditionalProperties = &TypeSpec{}
				d.typeSpec(t.AdditionalProperties, tm, depth+1)
			}
		case "discriminator":
			do := d.obj(tm, "discriminator")
			if do == nil {
				continue
			}
			disc := &Discriminator{}
			if pn, ok := do.Member("propertyName"); ok {
				disc.PropertyName, _ = d.str(pn, "propertyName")
			}
			if mp, ok := do.Member("mapping"); ok {
				if mo := d.obj(mp, "mapping"); mo != nil {
					for _, mm := range mo.Members() {
						p := &Property{Name: mm.Key, NamePos: mm.KeyPos, Type: &TypeSpec{}}
						d.typeSpec(p.Type, mm, depth+1)
						disc.Mapping = append(disc.Mapping, p)
					}
				}
			}
			t.Discriminator = disc
		}
	}
}

func (d *decoder) intOf(m value.Member) *value.Int {
	if n, ok := m.Value.(value.Int); ok {
		return &n
	}
	d.errorf(m.Value.Pos(), "TPL054", "\"%s\" must be an integer, not %s", m.Key, kindName(m.Value))
	return nil
}
