package eval

import (
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// maxListedProperties is how many property names an error message lists
// before it just counts them.
const maxListedProperties = 20

// member evaluates x.name (prop) or x[key]. Names are matched without
// regard to case, as ARM does. The member's own value is returned, with
// the position where it was written.
func (ev *evaluator) member(x, key value.Value, keyOff int, prop bool) (value.Value, error) {
	if u, ok := x.(value.Unknown); ok {
		return unknownFrom(u, placeholderExpr(u.Text)+accessText(key, prop), ev.pos(keyOff)), nil
	}
	if u, ok := key.(value.Unknown); ok {
		return unknownFrom(u, exprText(x)+"["+placeholderExpr(u.Text)+"]", ev.pos(keyOff)), nil
	}
	switch x := x.(type) {
	case *value.Object:
		name, ok := key.(value.String)
		if !ok {
			return nil, ev.errorf(keyOff, "an object can only be indexed by a property name (a string), not %s", value.TypeName(key))
		}
		m, inView := ev.viewOf(x)
		v, ok := x.Get(name.V)
		if inView && !m.isComplete() && (!ok || v.Kind() == value.KindNull) {
			// Azure sets members the template leaves out or null when
			// it deploys the resource (principalId, primaryEndpoints).
			return afterDeployment(m, name.V, ev.pos(keyOff)), nil
		}
		if ok {
			if inView {
				ev.child(m, v, key, prop)
			}
			return v, nil
		}
		return nil, ev.errorf(keyOff, "%s", missingProperty(name.V, x))
	case *value.Array:
		var i int64
		switch k := key.(type) {
		case value.Int:
			i = k.V
		case value.String:
			// ARM converts a numeric string index on an array.
			n, err := strconv.ParseInt(k.V, 10, 64)
			if err != nil {
				return nil, ev.errorf(keyOff, "an array can only be indexed by an integer, not the string '%s'", k.V)
			}
			i = n
		default:
			return nil, ev.errorf(keyOff, "an array can only be indexed by an integer, not %s", value.TypeName(key))
		}
		if i < 0 || i >= int64(len(x.Elems)) {
			return nil, ev.errorf(keyOff, "array index %d is out of bounds: the array has %s", i, countNoun(len(x.Elems), "element"))
		}
		if m, ok := ev.viewOf(x); ok {
			ev.child(m, x.Elems[i], key, prop)
		}
		return x.Elems[i], nil
	case value.Null:
		return nil, ev.errorf(keyOff, "cannot access %s of null (use tryGet() or the '.?' operator in Bicep when the value may be missing)", describeKey(key, prop))
	}
	return nil, ev.errorf(keyOff, "cannot access %s of a %s value: only objects and arrays have members", describeKey(key, prop), value.TypeName(x))
}

func accessText(key value.Value, prop bool) string {
	if s, ok := key.(value.String); ok && prop {
		return "." + s.V
	}
	return "[" + exprText(key) + "]"
}

func describeKey(key value.Value, prop bool) string {
	if s, ok := key.(value.String); ok {
		return "property '" + s.V + "'"
	}
	if i, ok := key.(value.Int); ok {
		return "index " + strconv.FormatInt(i.V, 10)
	}
	return "member " + exprText(key)
}

// missingProperty words the error for a property that is not there,
// naming the ones that are when there are few enough to read.
func missingProperty(name string, o *value.Object) string {
	keys := o.Keys()
	switch {
	case len(keys) == 0:
		return "property '" + name + "' does not exist: the object has no properties"
	case len(keys) > maxListedProperties:
		return "property '" + name + "' does not exist among the object's " + itoa(len(keys)) + " properties"
	}
	return "property '" + name + "' does not exist; available properties are '" + strings.Join(keys, ", ") + "'"
}
