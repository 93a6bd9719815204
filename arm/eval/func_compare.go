package eval

import (
	"unicode"
	"unicode/utf8"

	"github.com/azrule/azrule/arm/value"
)

// The comparison functions.
func init() {
	Register(&Func{Name: "coalesce", MinArgs: 1, MaxArgs: -1, Lazy: fnCoalesce})
	Register(&Func{Name: "equals", MinArgs: 2, MaxArgs: 2, Call: func(c *Call) (value.Value, error) {
		return value.Bool{V: value.Equal(c.Args[0], c.Args[1]), At: c.At}, nil
	}})
	for _, f := range []struct {
		name string
		ok   func(cmp int) bool
	}{
		{"greater", func(n int) bool { return n > 0 }},
		{"greaterOrEquals", func(n int) bool { return n >= 0 }},
		{"less", func(n int) bool { return n < 0 }},
		{"lessOrEquals", func(n int) bool { return n <= 0 }},
	} {
		ok := f.ok
		Register(&Func{Name: f.name, MinArgs: 2, MaxArgs: 2, Call: func(c *Call) (value.Value, error) {
			n, err := compareArgs(c)
			if err != nil {
				return nil, err
			}
			return value.Bool{V: ok(n), At: c.At}, nil
		}})
	}
}

// fnCoalesce returns the first argument that is not null, evaluating no
// further. An Unknown before any known value makes the result Unknown: it
// may or may not be null at deployment time.
func fnCoalesce(c *Call) (value.Value, error) {
	var seen []value.Value
	for i := 0; i < c.NArgs(); i++ {
		v, err := c.Eval(i)
		if err != nil {
			return nil, err
		}
		seen = append(seen, v)
		switch v := v.(type) {
		case value.Null:
			continue
		case value.Unknown:
			for j := i + 1; j < c.NArgs(); j++ {
				seen = append(seen, c.evalOrText(j))
			}
			return unknownCall(c.Name, seen, v, c.At), nil
		}
		return v, nil
	}
	return value.Null{At: c.At}, nil
}

// compareArgs compares two integers (or floats), or two strings.
//
// Strings compare as ARM's documented examples show, which is not ordinal:
// greater('A', 'a') is true. azrule compares letters without regard to
// case first and, when the strings differ only in case, puts lower case
// first, which is what .NET's invariant culture does for such strings.
func compareArgs(c *Call) (int, error) {
	a, b := c.Args[0], c.Args[1]
	if x, ok := number(a); ok {
		y, ok := number(b)
		if !ok {
			return 0, c.ArgErrorf(1, "cannot compare %s with %s: both arguments must be numbers or both strings", value.TypeName(a), value.TypeName(b))
		}
		if ai, ok := a.(value.Int); ok {
			if bi, ok := b.(value.Int); ok {
				return cmpInt(ai.V, bi.V), nil
			}
		}
		switch {
		case x < y:
			return -1, nil
		case x > y:
			return 1, nil
		}
		return 0, nil
	}
	if x, ok := a.(value.String); ok {
		y, ok := b.(value.String)
		if !ok {
			return 0, c.ArgErrorf(1, "cannot compare %s with %s: both arguments must be numbers or both strings", value.TypeName(a), value.TypeName(b))
		}
		return compareStrings(x.V, y.V), nil
	}
	return 0, c.ArgErrorf(0, "cannot compare %s values: the arguments must be integers or strings", value.TypeName(a))
}

func number(v value.Value) (float64, bool) {
	switch v := v.(type) {
	case value.Int:
		return float64(v.V), true
	case value.Float:
		return v.V, true
	}
	return 0, false
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compareStrings orders a and b case-insensitively, then lower case
// before upper case at the first letter that differs only in case.
func compareStrings(a, b string) int {
	tie := 0
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		a, b = a[na:], b[nb:]
		if ra == rb {
			continue
		}
		la, lb := unicode.ToLower(ra), unicode.ToLower(rb)
		if la != lb {
			return cmpInt(int64(la), int64(lb))
		}
		if tie == 0 {
			if unicode.IsLower(ra) {
				tie = -1
			} else {
				tie = 1
			}
		}
	}
	switch {
	case a != "":
		return 1
	case b != "":
		return -1
	}
	return tie
}
