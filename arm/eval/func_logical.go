package eval

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// The logical functions. if, and and or evaluate their arguments lazily,
// as ARM does: if() evaluates only the branch it takes, and() stops at the
// first false, or() at the first true. That matters for templates that
// guard a property access, e.g. if(empty(x), ”, x.id).
func init() {
	Register(&Func{Name: "if", MinArgs: 3, MaxArgs: 3, Lazy: fnIf})
	Register(&Func{Name: "and", MinArgs: 2, MaxArgs: -1, Lazy: func(c *Call) (value.Value, error) { return andOr(c, false) }})
	Register(&Func{Name: "or", MinArgs: 2, MaxArgs: -1, Lazy: func(c *Call) (value.Value, error) { return andOr(c, true) }})
	Register(&Func{Name: "not", MinArgs: 1, MaxArgs: 1, Call: func(c *Call) (value.Value, error) {
		b, err := c.Bool(0)
		if err != nil {
			return nil, err
		}
		return value.Bool{V: !b, At: c.At}, nil
	}})
	Register(&Func{Name: "true", MinArgs: 0, MaxArgs: 0, Call: func(c *Call) (value.Value, error) { return value.Bool{V: true, At: c.At}, nil }})
	Register(&Func{Name: "false", MinArgs: 0, MaxArgs: 0, Call: func(c *Call) (value.Value, error) { return value.Bool{V: false, At: c.At}, nil }})
	Register(&Func{Name: "bool", MinArgs: 1, MaxArgs: 1, Call: fnBool})
}

// Bool returns argument i as a boolean.
func (c *Call) Bool(i int) (bool, error) {
	if b, ok := c.Args[i].(value.Bool); ok {
		return b.V, nil
	}
	return false, c.ArgErrorf(i, "argument %d must be a boolean, not %s", i+1, value.TypeName(c.Args[i]))
}

func fnIf(c *Call) (value.Value, error) {
	cond, err := c.Eval(0)
	if err != nil {
		return nil, err
	}
	switch b := cond.(type) {
	case value.Bool:
		if b.V {
			return c.Eval(1)
		}
		return c.Eval(2)
	case value.Unknown:
		// Both branches are rendered into the placeholder, so that the
		// reason shown says what the value could be. Azure evaluates only
		// one of them, so a branch that fails here (a guarded property
		// access) is not an error.
		t, f := c.evalOrText(1), c.evalOrText(2)
		if value.Equal(t, f) {
			return t, nil // either way the same value: it is known
		}
		return unknownCall(c.Name, []value.Value{cond, t, f}, b, c.At), nil
	}
	return nil, c.ArgErrorf(0, "the condition must be a boolean, not %s", value.TypeName(cond))
}

// evalOrText evaluates argument i of a Lazy call, or, when that fails,
// returns an Unknown printing the argument as written: used where Azure
// might not evaluate the argument at all.
func (c *Call) evalOrText(i int) value.Value {
	v, err := c.Eval(i)
	if err == nil {
		return v
	}
	text := "?"
	if c.argText != nil {
		text = c.argText(i)
	}
	return value.Unknown{Text: "{{" + text + "}}", At: c.ArgPos[i]}
}

// andOr evaluates and() (stop=false) or or() (stop=true). An Unknown
// argument makes the result Unknown unless a later argument decides it.
func andOr(c *Call, stop bool) (value.Value, error) {
	var unknown []value.Value
	var first value.Unknown
	for i := 0; i < c.NArgs(); i++ {
		var v value.Value
		if first.Text != "" {
			// After an Unknown, Azure may stop before this argument, so
			// its failure here is not an error.
			v = c.evalOrText(i)
		} else {
			var err error
			if v, err = c.Eval(i); err != nil {
				return nil, err
			}
		}
		switch b := v.(type) {
		case value.Bool:
			if b.V == stop {
				return value.Bool{V: stop, At: c.At}, nil
			}
			unknown = append(unknown, b)
		case value.Unknown:
			if first.Text == "" {
				first = b
			}
			unknown = append(unknown, b)
		default:
			return nil, c.ArgErrorf(i, "argument %d must be a boolean, not %s", i+1, value.TypeName(v))
		}
	}
	if first.Text != "" {
		return unknownCall(c.Name, unknown, first, c.At), nil
	}
	return value.Bool{V: !stop, At: c.At}, nil
}

// fnBool converts a string ('true'/'false', any case), an integer (0 is
// false) or a boolean.
func fnBool(c *Call) (value.Value, error) {
	switch v := c.Args[0].(type) {
	case value.Bool:
		return value.Bool{V: v.V, At: c.At}, nil
	case value.Int:
		return value.Bool{V: v.V != 0, At: c.At}, nil
	case value.String:
		switch strings.ToLower(v.V) {
		case "true":
			return value.Bool{V: true, At: c.At}, nil
		case "false":
			return value.Bool{V: false, At: c.At}, nil
		}
		return nil, c.ArgErrorf(0, "cannot convert the string '%s' to a boolean: use 'true' or 'false'", v.V)
	}
	return nil, c.ArgErrorf(0, "cannot convert %s to a boolean: give a string, an integer or a boolean", value.TypeName(c.Args[0]))
}
