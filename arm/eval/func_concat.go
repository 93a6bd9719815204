package eval

import (
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/value"
)

func init() {
	Register(&Func{Name: "concat", MinArgs: 1, MaxArgs: -1, AcceptsUnknown: true, Call: fnConcat})
}

// fnConcat joins strings or arrays. The first argument that is not Unknown
// decides which. Strings with Unknown parts give an Unknown whose text
// keeps the known parts ("mlw-{{parameters('x')}}"); integers and booleans
// print as string() prints them (1, True).
func fnConcat(c *Call) (value.Value, error) {
	arrays := false
	for _, a := range c.Args {
		if _, ok := a.(value.Unknown); ok {
			continue
		}
		_, arrays = a.(*value.Array)
		break
	}
	if arrays {
		out := value.NewArray(c.At)
		for i, a := range c.Args {
			switch a := a.(type) {
			case *value.Array:
				out.Elems = append(out.Elems, a.Elems...)
			case value.Null:
			case value.Unknown:
				return unknownCall(c.Name, c.Args, a, c.At), nil
			default:
				return nil, c.ArgErrorf(i, "argument %d must be an array like the first one, not %s", i+1, value.TypeName(a))
			}
		}
		return out, nil
	}
	var b strings.Builder
	unknown := false
	var first value.Unknown
	for i, a := range c.Args {
		switch a := a.(type) {
		case value.String:
			b.WriteString(a.V)
		case value.Int:
			b.WriteString(strconv.FormatInt(a.V, 10))
		case value.Bool:
			b.WriteString(toString(a)) // True/False, as .NET prints them
		case value.Null:
		case value.Unknown:
			if !unknown {
				first = a
			}
			unknown = true
			b.WriteString(a.Text)
		default:
			return nil, c.ArgErrorf(i, "argument %d must be a string like the first one, not %s", i+1, value.TypeName(a))
		}
	}
	if unknown {
		return value.Unknown{Origin: first.Origin, Text: clip(b.String()), At: c.At}, nil
	}
	return value.String{V: b.String(), At: c.At}, nil
}
