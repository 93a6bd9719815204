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
	Register(&Func{Name: "tryIndexFromEnd", MinArgs: 2, MaxArgs: 2, Call: func(c *Call) (value.Value, error) { return fromEnd(c, true) }})
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

// fnTryGet(item, keyOrIndex...) walks into objects by name and arrays by
// index, and returns null as soon as a step is missing.
func fnTryGet(c *Call) (value.Value, error) {
	cur := c.Args[0]
	for i, k := range c.Args[1:] {
		switch x := cur.(type) {
		case *value.Object:
			s, ok := k.(value.String)
			if !ok {
				return nil, c.ArgErrorf(i+1, "an object is looked up by a property name (a string), not %s", value.TypeName(k))
			}
			v, ok := x.Get(s.V)
			if !ok {
				return value.Null{At: c.At}, nil
			}
			cur = v
		case *value.Array:
			n, ok := k.(value.Int)
			if !ok {
				return nil, c.ArgErrorf(i+1, "an array is looked up by an index (an integer), not %s", value.TypeName(k))
			}
			if n.V < 0 || n.V >= int64(len(x.Elems)) {
				return value.Null{At: c.At}, nil
			}
			cur = x.Elems[n.V]
		case value.Null:
			return value.Null{At: c.At}, nil
		default:
			return nil, c.ArgErrorf(i, "cannot look up a member of %s: only objects and arrays have members", value.TypeName(cur))
		}
	}
	return cur, nil
}

// fromEnd(array, n) is the nth element from the end, 1-based.
func fromEnd(c *Call, try bool) (value.Value, error) {
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
	return a.Elems[int64(len(a.Elems))-n], nil
}
