package eval

import (
	"math"

	"github.com/azrule/azrule/arm/value"
)

// The limits ARM documents for range(): at most 10000 integers, and the
// last one must fit in a 32-bit integer.
const (
	maxRangeCount = 10000
	maxRangeEnd   = math.MaxInt32
)

// The array functions (the ones shared with strings and objects are in
// func_collection.go).
func init() {
	// array, createArray and createObject hold Unknowns as elements
	// rather than becoming Unknown themselves: the rest stays known.
	Register(&Func{Name: "array", MinArgs: 1, MaxArgs: 1, AcceptsUnknown: true, Call: func(c *Call) (value.Value, error) {
		switch a := c.Args[0].(type) {
		case *value.Array:
			return a, nil
		case value.Unknown:
			return unknownCall(c.Name, c.Args, a, c.At), nil // it may be an array already
		}
		return value.NewArray(c.At, c.Args[0]), nil
	}})
	Register(&Func{Name: "createArray", MinArgs: 0, MaxArgs: -1, AcceptsUnknown: true, Call: func(c *Call) (value.Value, error) {
		return value.NewArray(c.At, append([]value.Value(nil), c.Args...)...), nil
	}})
	Register(&Func{Name: "distinct", MinArgs: 1, MaxArgs: 1, Call: func(c *Call) (value.Value, error) {
		a, ok := c.Args[0].(*value.Array)
		if !ok {
			return nil, wrongType(c, 0, "an array")
		}
		out := value.NewArray(c.At)
		for _, e := range a.Elems {
			if !containsEqual(out.Elems, e) {
				out.Elems = append(out.Elems, e)
			}
		}
		return out, nil
	}})
	Register(&Func{Name: "flatten", MinArgs: 1, MaxArgs: 1, Call: fnFlatten})
	Register(&Func{Name: "intersection", MinArgs: 2, MaxArgs: -1, Call: fnIntersection})
	Register(&Func{Name: "union", MinArgs: 2, MaxArgs: -1, Call: fnUnion})
	Register(&Func{Name: "max", MinArgs: 1, MaxArgs: -1, Call: func(c *Call) (value.Value, error) { return minMax(c, 1) }})
	Register(&Func{Name: "min", MinArgs: 1, MaxArgs: -1, Call: func(c *Call) (value.Value, error) { return minMax(c, -1) }})
	Register(&Func{Name: "range", MinArgs: 2, MaxArgs: 2, Call: fnRange})
	Register(&Func{Name: "tryGet", MinArgs: 2, MaxArgs: -1, Call: fnTryGet})
	Register(&Func{Name: "indexFromEnd", MinArgs: 2, MaxArgs: 2, Call: func(c *Call) (value.Value, error) { return fromEnd(c, false) }})
	Register(&Func{Name: "tryIndexFromEnd", MinArgs: 2, MaxArgs: -1, Call: func(c *Call) (value.Value, error) { return fromEnd(c, true) }})
}

func fnFlatten(c *Call) (value.Value, error) {
	a, ok := c.Args[0].(*value.Array)
	if !ok {
		return nil, wrongType(c, 0, "an array of arrays")
	}
	out := value.NewArray(c.At)
	for i, e := range a.Elems {
		inner, ok := e.(*value.Array)
		if u, isU := e.(value.Unknown); isU {
			return unknownCall(c.Name, c.Args, u, c.At), nil
		}
		if !ok {
			return nil, c.ArgErrorf(0, "element %d is %s: every element must be an array", i, value.TypeName(e))
		}
		out.Elems = append(out.Elems, inner.Elems...)
	}
	return out, nil
}

// sameKind checks that every argument is an array, or every one an
// object, and says which.
func sameKind(c *Call) (arrays bool, err error) {
	_, arrays = c.Args[0].(*value.Array)
	if _, obj := c.Args[0].(*value.Object); !arrays && !obj {
		return false, wrongType(c, 0, "an array or an object")
	}
	for i, a := range c.Args[1:] {
		if _, ok := a.(*value.Array); ok != arrays {
			return false, c.ArgErrorf(i+1, "argument %d is %s: all arguments must be arrays or all objects", i+2, value.TypeName(a))
		}
		if !arrays {
			if _, ok := a.(*value.Object); !ok {
				return false, c.ArgErrorf(i+1, "argument %d is %s: all arguments must be arrays or all objects", i+2, value.TypeName(a))
			}
		}
	}
	return arrays, nil
}

func containsEqual(elems []value.Value, v value.Value) bool {
	for _, e := range elems {
		if value.Equal(e, v) {
			return true
		}
	}
	return false
}

// fnIntersection keeps the elements (or members with equal values) that
// every argument has, in the first argument's order, without duplicates.
func fnIntersection(c *Call) (value.Value, error) {
	arrays, err := sameKind(c)
	if err != nil {
		return nil, err
	}
	if arrays {
		out := value.NewArray(c.At)
	elems:
		for _, e := range c.Args[0].(*value.Array).Elems {
			if containsEqual(out.Elems, e) {
				continue
			}
			for _, other := range c.Args[1:] {
				if !containsEqual(other.(*value.Array).Elems, e) {
					continue elems
				}
			}
			out.Elems = append(out.Elems, e)
		}
		return out, nil
	}
	out := value.NewObject(c.At)
members:
	for _, m := range c.Args[0].(*value.Object).Members() {
		for _, other := range c.Args[1:] {
			v, ok := other.(*value.Object).Get(m.Key)
			if !ok || !value.Equal(v, m.Value) {
				continue members
			}
		}
		out.SetMember(m)
	}
	return out, nil
}

// fnUnion joins arrays without duplicates, or merges objects: a later
// argument's member wins, and where both values are objects they are
// merged the same way, member by member, as ARM merges nested objects.
func fnUnion(c *Call) (value.Value, error) {
	arrays, err := sameKind(c)
	if err != nil {
		return nil, err
	}
	if arrays {
		out := value.NewArray(c.At)
		for _, a := range c.Args {
			for _, e := range a.(*value.Array).Elems {
				if !containsEqual(out.Elems, e) {
					out.Elems = append(out.Elems, e)
				}
			}
		}
		return out, nil
	}
	out := value.NewObject(c.At)
	for _, a := range c.Args {
		mergeInto(out, a.(*value.Object))
	}
	return out, nil
}

func mergeInto(dst, src *value.Object) {
	for _, m := range src.Members() {
		if so, ok := m.Value.(*value.Object); ok {
			if cur, ok := dst.Get(m.Key); ok {
				if co, ok := cur.(*value.Object); ok {
					merged := value.NewObject(co.At)
					mergeInto(merged, co)
					mergeInto(merged, so)
					dst.SetMember(value.Member{Key: m.Key, KeyPos: m.KeyPos, Value: merged})
					continue
				}
			}
		}
		dst.SetMember(m)
	}
}

// minMax takes integers, either as arguments or as one array.
func minMax(c *Call, sign int) (value.Value, error) {
	vals := c.Args
	if a, ok := c.Args[0].(*value.Array); ok && len(c.Args) == 1 {
		vals = a.Elems
		if len(vals) == 0 {
			return nil, c.ArgErrorf(0, "the array is empty: there is no %s value", c.Name)
		}
	}
	var best value.Value
	var bestN float64
	for i, v := range vals {
		n, ok := number(v)
		if !ok {
			if u, isU := v.(value.Unknown); isU {
				return unknownCall(c.Name, c.Args, u, c.At), nil
			}
			return nil, c.ArgErrorf(min(i, len(c.Args)-1), "%s takes integers, not %s", c.Name, value.TypeName(v))
		}
		if best == nil || (sign > 0 && n > bestN) || (sign < 0 && n < bestN) {
			best, bestN = v, n
		}
	}
	return best, nil
}

func fnRange(c *Call) (value.Value, error) {
	start, err := c.Int(0)
	if err != nil {
		return nil, err
	}
	count, err := c.Int(1)
	if err != nil {
		return nil, err
	}
	if count < 0 {
		return nil, c.ArgErrorf(1, "the count must not be negative, got %d", count)
	}
	if count > maxRangeCount {
		return nil, c.ArgErrorf(1, "the count must be at most %d, got %d", maxRangeCount, count)
	}
	if start > maxRangeEnd-count {
		return nil, c.Errorf("the sum of start and count must be at most %d, got %d + %d", maxRangeEnd, start, count)
	}
	out := value.NewArray(c.At)
	out.Elems = make([]value.Value, count)
	for i := range out.Elems {
		out.Elems[i] = value.Int{V: start + int64(i), At: c.At}
	}
	return out, nil
}

// tryGet(source, key, ...) follows a path of keys, giving null where a
// step is missing: an object is looked up by name, an array by an index or
// by an index object {value: n, fromEnd: true|false} (Bicep writes
// x[^n] inside a safe access so).
func fnTryGet(c *Call) (value.Value, error) {
	return tryPath(c, c.Args[0], 1)
}

// tryPath follows c.Args[from:] from cur, as tryGet does.
func tryPath(c *Call, cur value.Value, from int) (value.Value, error) {
	for i := from; i < len(c.Args); i++ {
		k := c.Args[i]
		switch x := cur.(type) {
		case *value.Object:
			s, ok := k.(value.String)
			if !ok {
				return nil, c.ArgErrorf(i, "an object is looked up by a property name (a string), not %s", value.TypeName(k))
			}
			m, inView := c.ev.viewOf(x)
			v, ok := x.Get(s.V)
			if inView && !m.isComplete() && (!ok || v.Kind() == value.KindNull) {
				// Azure may set the member when it deploys the resource.
				return afterDeployment(m, s.V, c.At), nil
			}
			if !ok {
				return value.Null{At: c.At}, nil
			}
			if inView {
				c.ev.child(m, v, k, true)
			}
			cur = v
		case *value.Array:
			n, back, err := indexKey(c, i, k)
			if err != nil {
				return nil, err
			}
			if back {
				n = int64(len(x.Elems)) - n
			}
			if n < 0 || n >= int64(len(x.Elems)) {
				return value.Null{At: c.At}, nil
			}
			if m, ok := c.ev.viewOf(x); ok {
				c.ev.child(m, x.Elems[n], value.Int{V: n}, false)
			}
			cur = x.Elems[n]
		case value.Null:
			return value.Null{At: c.At}, nil
		default:
			return nil, c.ArgErrorf(i-1, "cannot look up a member of %s: only objects and arrays have members", value.TypeName(cur))
		}
	}
	return cur, nil
}

// indexKey reads argument i as an array index: an integer, or an index
// object {value: n, fromEnd: bool}; back is set for an index from the end.
func indexKey(c *Call, i int, k value.Value) (n int64, back bool, err error) {
	switch k := k.(type) {
	case value.Int:
		return k.V, false, nil
	case *value.Object:
		v, ok := k.Get("value")
		iv, isInt := v.(value.Int)
		if !ok || !isInt {
			return 0, false, c.ArgErrorf(i, "an index object must have an integer 'value', as in {value: 1, fromEnd: true}")
		}
		if fe, ok := k.Get("fromEnd"); ok {
			b, isBool := fe.(value.Bool)
			if !isBool {
				return 0, false, c.ArgErrorf(i, "an index object's 'fromEnd' must be true or false, not %s", value.TypeName(fe))
			}
			back = b.V
		}
		return iv.V, back, nil
	}
	return 0, false, c.ArgErrorf(i, "an array is looked up by an index (an integer), not %s", value.TypeName(k))
}

// fromEnd(array, n) is the nth element from the end, 1-based.
func fromEnd(c *Call, try bool) (value.Value, error) {
	if _, ok := c.Args[0].(value.Null); ok && try {
		return value.Null{At: c.At}, nil // the end of a safe-access chain
	}
	a, ok := c.Args[0].(*value.Array)
	if !ok {
		return nil, wrongType(c, 0, "an array")
	}
	n, err := c.Int(1)
	if err != nil {
		return nil, err
	}
	if n < 1 || n > int64(len(a.Elems)) {
		if try {
			return value.Null{At: c.At}, nil
		}
		return nil, c.ArgErrorf(1, "index %d from the end is out of bounds: it must be between 1 and the array's length, %d", n, len(a.Elems))
	}
	cur := a.Elems[int64(len(a.Elems))-n]
	if try {
		// Bicep continues a safe-access chain in the same call:
		// tryIndexFromEnd(x, 1, 'name').
		return tryPath(c, cur, 2)
	}
	return cur, nil
}
