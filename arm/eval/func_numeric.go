package eval

import (
	"math"
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// The numeric functions work on 64-bit integers and report overflow and
// division by zero instead of wrapping or crashing.
func init() {
	arith := func(name string, op func(c *Call, a, b int64) (int64, error)) {
		Register(&Func{Name: name, MinArgs: 2, MaxArgs: 2, Call: func(c *Call) (value.Value, error) {
			a, err := c.Int(0)
			if err != nil {
				return nil, err
			}
			b, err := c.Int(1)
			if err != nil {
				return nil, err
			}
			r, err := op(c, a, b)
			if err != nil {
				return nil, err
			}
			return value.Int{V: r, At: c.At}, nil
		}})
	}
	arith("add", func(c *Call, a, b int64) (int64, error) {
		r := a + b
		if (b > 0 && r < a) || (b < 0 && r > a) {
			return 0, overflow(c, a, b)
		}
		return r, nil
	})
	arith("sub", func(c *Call, a, b int64) (int64, error) {
		r := a - b
		if (b < 0 && r < a) || (b > 0 && r > a) {
			return 0, overflow(c, a, b)
		}
		return r, nil
	})
	arith("mul", func(c *Call, a, b int64) (int64, error) {
		if a == 0 || b == 0 {
			return 0, nil
		}
		r := a * b
		if r/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
			return 0, overflow(c, a, b)
		}
		return r, nil
	})
	arith("div", func(c *Call, a, b int64) (int64, error) {
		if b == 0 {
			return 0, c.ArgErrorf(1, "division by zero")
		}
		if a == math.MinInt64 && b == -1 {
			return 0, overflow(c, a, b)
		}
		return a / b, nil // truncates toward zero, as ARM does
	})
	arith("mod", func(c *Call, a, b int64) (int64, error) {
		if b == 0 {
			return 0, c.ArgErrorf(1, "division by zero")
		}
		if b == -1 {
			return 0, nil
		}
		return a % b, nil // the sign follows the dividend, as ARM's does
	})
	Register(&Func{Name: "int", MinArgs: 1, MaxArgs: 1, Call: fnInt})
	Register(&Func{Name: "float", MinArgs: 1, MaxArgs: 1, Call: fnFloat})
	Register(&Func{Name: "copyIndex", MinArgs: 0, MaxArgs: 2, Call: fnCopyIndex})
}

func overflow(c *Call, a, b int64) error {
	return c.Errorf("the result of %s(%d, %d) does not fit in a 64-bit integer", c.Name, a, b)
}

func fnInt(c *Call) (value.Value, error) {
	switch v := c.Args[0].(type) {
	case value.Int:
		return value.Int{V: v.V, At: c.At}, nil
	case value.Float:
		if math.IsNaN(v.V) || v.V >= math.MaxInt64 || v.V < math.MinInt64 {
			return nil, c.ArgErrorf(0, "%v does not fit in a 64-bit integer", v.V)
		}
		return value.Int{V: int64(v.V), At: c.At}, nil
	case value.String:
		n, err := strconv.ParseInt(strings.TrimSpace(v.V), 10, 64)
		if err != nil {
			return nil, c.ArgErrorf(0, "cannot convert the string '%s' to an integer", v.V)
		}
		return value.Int{V: n, At: c.At}, nil
	}
	return nil, c.ArgErrorf(0, "cannot convert %s to an integer: give a string or an integer", value.TypeName(c.Args[0]))
}

func fnFloat(c *Call) (value.Value, error) {
	switch v := c.Args[0].(type) {
	case value.Int:
		return value.Float{V: float64(v.V), At: c.At}, nil
	case value.Float:
		return value.Float{V: v.V, At: c.At}, nil
	case value.String:
		f, err := strconv.ParseFloat(strings.TrimSpace(v.V), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, c.ArgErrorf(0, "cannot convert the string '%s' to a floating-point number", v.V)
		}
		return value.Float{V: f, At: c.At}, nil
	}
	return nil, c.ArgErrorf(0, "cannot convert %s to a floating-point number: give a string or an integer", value.TypeName(c.Args[0]))
}

// fnCopyIndex takes copyIndex(), copyIndex(offset), copyIndex('loop') or
// copyIndex('loop', offset).
func fnCopyIndex(c *Call) (value.Value, error) {
	loop := ""
	var offset int64
	switch len(c.Args) {
	case 1:
		switch v := c.Args[0].(type) {
		case value.String:
			loop = v.V
		case value.Int:
			offset = v.V
		default:
			return nil, c.ArgErrorf(0, "argument 1 must be a loop name or an offset, not %s", value.TypeName(v))
		}
	case 2:
		var err error
		if loop, err = c.String(0); err != nil {
			return nil, err
		}
		if offset, err = c.Int(1); err != nil {
			return nil, err
		}
	}
	i, err := c.Env.CopyIndex(loop, c.At)
	if err != nil {
		return nil, err
	}
	r := i + offset
	if (offset > 0 && r < i) || (offset < 0 && r > i) {
		return nil, overflow(c, i, offset)
	}
	return value.Int{V: r, At: c.At}, nil
}
