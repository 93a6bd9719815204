package eval

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// The functions that take a string, an array or (some) an object:
// contains, empty, first, last, length, indexOf, lastIndexOf, skip, take.
func init() {
	Register(&Func{Name: "contains", MinArgs: 2, MaxArgs: 2, Call: fnContains})
	Register(&Func{Name: "empty", MinArgs: 1, MaxArgs: 1, Call: fnEmpty})
	Register(&Func{Name: "first", MinArgs: 1, MaxArgs: 1, Call: func(c *Call) (value.Value, error) { return firstLast(c, true) }})
	Register(&Func{Name: "last", MinArgs: 1, MaxArgs: 1, Call: func(c *Call) (value.Value, error) { return firstLast(c, false) }})
	Register(&Func{Name: "length", MinArgs: 1, MaxArgs: 1, Call: fnLength})
	Register(&Func{Name: "indexOf", MinArgs: 2, MaxArgs: 2, Call: func(c *Call) (value.Value, error) { return indexOf(c, false) }})
	Register(&Func{Name: "lastIndexOf", MinArgs: 2, MaxArgs: 2, Call: func(c *Call) (value.Value, error) { return indexOf(c, true) }})
	Register(&Func{Name: "skip", MinArgs: 2, MaxArgs: 2, Call: func(c *Call) (value.Value, error) { return skipTake(c, true) }})
	Register(&Func{Name: "take", MinArgs: 2, MaxArgs: 2, Call: func(c *Call) (value.Value, error) { return skipTake(c, false) }})
}

func wrongType(c *Call, i int, want string) error {
	return c.ArgErrorf(i, "argument %d must be %s, not %s", i+1, want, value.TypeName(c.Args[i]))
}

// fnContains: a string contains a substring (case-sensitive), an array an
// equal element, an object a property name (case-insensitive).
func fnContains(c *Call) (value.Value, error) {
	var found bool
	switch x := c.Args[0].(type) {
	case value.String:
		s, ok := scalarText(c.Args[1])
		if !ok {
			return nil, wrongType(c, 1, "a string when the first argument is a string")
		}
		found = strings.Contains(x.V, s)
	case *value.Array:
		for _, e := range x.Elems {
			if value.Equal(e, c.Args[1]) {
				found = true
				break
			}
		}
	case *value.Object:
		s, ok := c.Args[1].(value.String)
		if !ok {
			return nil, wrongType(c, 1, "a property name (a string) when the first argument is an object")
		}
		found = x.Has(s.V)
	default:
		return nil, wrongType(c, 0, "a string, an array or an object")
	}
	return value.Bool{V: found, At: c.At}, nil
}

// scalarText is the text of a string, integer or boolean argument, as
// ARM converts them for string functions.
func scalarText(v value.Value) (string, bool) {
	switch v := v.(type) {
	case value.String:
		return v.V, true
	case value.Int:
		return itoa64(v.V), true
	}
	return "", false
}

func fnEmpty(c *Call) (value.Value, error) {
	var e bool
	switch x := c.Args[0].(type) {
	case value.Null:
		e = true
	case value.String:
		e = x.V == ""
	case *value.Array:
		e = len(x.Elems) == 0
	case *value.Object:
		e = x.Len() == 0
	default:
		return nil, wrongType(c, 0, "a string, an array, an object or null")
	}
	return value.Bool{V: e, At: c.At}, nil
}

// firstLast returns the first or last element of an array (null when it
// is empty) or character of a string ("" when it is empty).
func firstLast(c *Call, first bool) (value.Value, error) {
	switch x := c.Args[0].(type) {
	case *value.Array:
		if len(x.Elems) == 0 {
			return value.Null{At: c.At}, nil
		}
		if first {
			return x.Elems[0], nil
		}
		return x.Elems[len(x.Elems)-1], nil
	case value.String:
		n := ulen(x.V)
		if n == 0 {
			return value.String{V: "", At: c.At}, nil
		}
		if first {
			return value.String{V: uslice(x.V, 0, 1), At: c.At}, nil
		}
		return value.String{V: uslice(x.V, n-1, n), At: c.At}, nil
	}
	return nil, wrongType(c, 0, "an array or a string")
}

func fnLength(c *Call) (value.Value, error) {
	var n int
	switch x := c.Args[0].(type) {
	case value.String:
		n = ulen(x.V)
	case *value.Array:
		n = len(x.Elems)
	case *value.Object:
		n = x.Len()
	default:
		return nil, wrongType(c, 0, "a string, an array or an object")
	}
	return value.Int{V: int64(n), At: c.At}, nil
}

// indexOf finds an item in an array (by equality) or a substring in a
// string. ARM's string search ignores case; the index counts UTF-16
// units. -1 means not found.
func indexOf(c *Call, last bool) (value.Value, error) {
	idx := -1
	switch x := c.Args[0].(type) {
	case *value.Array:
		for i, e := range x.Elems {
			if value.Equal(e, c.Args[1]) {
				idx = i
				if !last {
					break
				}
			}
		}
	case value.String:
		s, ok := scalarText(c.Args[1])
		if !ok {
			return nil, wrongType(c, 1, "a string when the first argument is a string")
		}
		h, n := strings.ToLower(x.V), strings.ToLower(s)
		if len(h) != len(x.V) {
			// Lower-casing changed the byte length (rare letters):
			// search the original text case-sensitively.
			h, n = x.V, s
		}
		var b int
		if last {
			b = strings.LastIndex(h, n)
			if n == "" && h != "" {
				b = len(h) - 1 // .NET's LastIndexOf("") on a non-empty string
			}
		} else {
			b = strings.Index(h, n)
		}
		idx = uindex(x.V, b)
	default:
		return nil, wrongType(c, 0, "an array or a string")
	}
	return value.Int{V: int64(idx), At: c.At}, nil
}

// skipTake: skip(x, n) drops the first n elements or characters, take(x,
// n) keeps them. n is clamped to [0, length].
func skipTake(c *Call, skip bool) (value.Value, error) {
	n64, err := c.Int(1)
	if err != nil {
		return nil, err
	}
	clamp := func(l int) int {
		switch {
		case n64 < 0:
			return 0
		case n64 > int64(l):
			return l
		}
		return int(n64)
	}
	switch x := c.Args[0].(type) {
	case *value.Array:
		n := clamp(len(x.Elems))
		var elems []value.Value
		if skip {
			elems = x.Elems[n:]
		} else {
			elems = x.Elems[:n]
		}
		return value.NewArray(c.At, append([]value.Value(nil), elems...)...), nil
	case value.String:
		l := ulen(x.V)
		n := clamp(l)
		if skip {
			return value.String{V: uslice(x.V, n, l), At: c.At}, nil
		}
		return value.String{V: uslice(x.V, 0, n), At: c.At}, nil
	}
	return nil, wrongType(c, 0, "an array or a string")
}
