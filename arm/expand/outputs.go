package expand

import (
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
)

// outputs evaluates the template's outputs after its resources. A false
// condition drops the output; output copy gives an array.
func (d *deployment) outputs() {
	d.outputValues = value.NewObject(d.t.Pos)
	d.outputsForParent = value.NewObject(d.t.Pos)
	d.withSink(&d.errs, nil, func() {
		for _, o := range d.t.Outputs {
			if o.Condition != nil {
				c := d.eval(o.Condition)
				if b, ok := c.(value.Bool); ok && !b.V {
					continue
				}
			}
			var v value.Value
			if o.Copy != nil {
				v = d.outputCopy(o.Copy, o.Name)
			} else if o.Value != nil {
				v = d.eval(o.Value)
			} else {
				continue
			}
			v = d.capSize(v, "output '"+o.Name+"'", o.NamePos)
			d.outputValues.SetMember(value.Member{Key: o.Name, KeyPos: o.NamePos, Value: v})
			typ := o.Type
			if typ == "" && o.Ref != "" {
				if rt := d.resolveRef(o.Ref); rt != nil {
					typ = rt.Type
				}
			}
			wrapped := value.NewObject(o.Pos)
			wrapped.Set("type", value.String{V: typ, At: o.TypePos})
			wrapped.Set("value", v)
			d.outputsForParent.SetMember(value.Member{Key: o.Name, KeyPos: o.NamePos, Value: wrapped})
		}
	})
}

func (d *deployment) outputCopy(c *template.Copy, name string) value.Value {
	count, input := c.Count, c.Input
	n, u, ok := copyCount(d, count, "output copy '"+name+"'", d.sink)
	if !ok {
		if u != nil {
			return *u
		}
		return value.NewUnknown("the count of output copy '"+name+"' is not valid", "outputs('"+name+"')", c.Pos)
	}
	if !d.spend(n, c.Pos, d.sink) {
		return value.NewUnknown("output copy '"+name+"' is over azrule's iteration limit", "outputs('"+name+"')", c.Pos)
	}
	elems := make([]value.Value, 0, n)
	saved := d.loops
	for i := int64(0); i < n; i++ {
		d.loops = append(saved[:len(saved):len(saved)], loop{name: name, index: i})
		if input != nil {
			elems = append(elems, d.eval(input))
		}
	}
	d.loops = saved
	return &value.Array{Elems: elems, At: c.Pos}
}
