package expand

import (
	"strings"

	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// variable resolves variables(name), evaluating it on first use. Errors
// inside a variable are reported once, at the variable, and the parts
// that failed are Unknowns; a variable that refers to itself is an error
// at each use.
func (d *deployment) variable(name string, at source.Pos) (value.Value, error) {
	s := d.vars[strings.ToLower(name)]
	if s == nil {
		return d.BaseEnv.Variable(name, at)
	}
	switch s.state {
	case done:
		return s.v, nil
	case evaluating:
		return nil, source.Errorf(at, "variable '%s' depends on itself; break the cycle between the variables", name)
	}
	s.state = evaluating
	var decl *template.Variable
	for _, v := range d.t.Variables {
		if value.EqualFold(v.Name, name) {
			decl = v
			break
		}
	}
	var v value.Value
	// Variables are evaluated outside any resource loop, as ARM does.
	d.withSink(&d.errs, nil, func() {
		d.inSection("variables", func() {
			if decl.Copy != nil {
				v = d.variableCopy(decl.Copy)
			} else {
				v = d.eval(decl.Value)
			}
			v = d.capSize(v, "variable '"+decl.Name+"'", decl.NamePos)
		})
	})
	s.v, s.state = v, done
	return v, nil
}

// variableCopy is the "copy" array form of variables: an array of the
// input evaluated count times, with copyIndex('name').
func (d *deployment) variableCopy(c *template.Copy) value.Value {
	n, u, ok := copyCount(d, c.Count, "variable copy '"+c.Name+"'", d.sink)
	if !ok {
		if u != nil {
			return *u
		}
		return value.NewUnknown("the count of variable copy '"+c.Name+"' is not valid", "variables('"+c.Name+"')", c.Pos)
	}
	if !d.spend(n, c.Pos, d.sink) {
		return value.NewUnknown("variable copy '"+c.Name+"' is over azrule's iteration limit", "variables('"+c.Name+"')", c.Pos)
	}
	elems := make([]value.Value, 0, n)
	saved := d.loops
	for i := int64(0); i < n; i++ {
		d.loops = append(saved[:len(saved):len(saved)], loop{name: c.Name, index: i, named: true})
		if c.Input != nil {
			elems = append(elems, d.eval(c.Input))
		}
	}
	d.loops = saved
	return &value.Array{Elems: elems, At: c.Pos}
}
