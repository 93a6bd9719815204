package eval

import (
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// maxPadLength bounds padLeft's totalLength, so a template cannot make
// azrule build an enormous string.
const maxPadLength = 1 << 16

// The string functions (contains, empty, first, last, length, indexOf,
// lastIndexOf, skip and take are shared with arrays; concat has its own
// file; format, guid, uniqueString and the encodings belong to other
// files).
func init() {
	Register(&Func{Name: "startsWith", MinArgs: 2, MaxArgs: 2, AcceptsUnknown: true, Call: func(c *Call) (value.Value, error) { return affix(c, true) }})
	Register(&Func{Name: "endsWith", MinArgs: 2, MaxArgs: 2, AcceptsUnknown: true, Call: func(c *Call) (value.Value, error) { return affix(c, false) }})
	Register(&Func{Name: "join", MinArgs: 2, MaxArgs: 2, Call: fnJoin})
	Register(&Func{Name: "like", MinArgs: 2, MaxArgs: 2, Call: fnLike})
	Register(&Func{Name: "newGuid", MinArgs: 0, MaxArgs: 0, Call: func(c *Call) (value.Value, error) {
		return value.NewUnknown("newGuid() returns a new value at each deployment", "newGuid()", c.At), nil
	}})
	Register(&Func{Name: "padLeft", MinArgs: 2, MaxArgs: 3, Call: fnPadLeft})
	Register(&Func{Name: "replace", MinArgs: 3, MaxArgs: 3, Call: fnReplace})
	Register(&Func{Name: "split", MinArgs: 2, MaxArgs: 2, Call: fnSplit})
	Register(&Func{Name: "string", MinArgs: 1, MaxArgs: 1, Call: func(c *Call) (value.Value, error) {
		return value.String{V: toString(c.Args[0]), At: c.At}, nil
	}})
	Register(&Func{Name: "substring", MinArgs: 2, MaxArgs: 3, Call: fnSubstring})
	Register(&Func{Name: "toLower", MinArgs: 1, MaxArgs: 1, AcceptsUnknown: true, Call: func(c *Call) (value.Value, error) { return mapCase(c, strings.ToLower) }})
	Register(&Func{Name: "toUpper", MinArgs: 1, MaxArgs: 1, AcceptsUnknown: true, Call: func(c *Call) (value.Value, error) { return mapCase(c, strings.ToUpper) }})
	Register(&Func{Name: "trim", MinArgs: 1, MaxArgs: 1, Call: func(c *Call) (value.Value, error) { return mapString(c, strings.TrimSpace) }})
}

func mapString(c *Call, f func(string) string) (value.Value, error) {
	s, err := c.String(0)
	if err != nil {
		return nil, err
	}
	return value.String{V: f(s), At: c.At}, nil
}

// mapCase is toLower/toUpper. Case mapping works piece by piece, so a
// partly known string keeps its known parts, mapped: toLower of
// "MLW-{{parameters('x')}}" is "mlw-{{toLower(parameters('x'))}}", and a
// rule can still see the prefix.
func mapCase(c *Call, f func(string) string) (value.Value, error) {
	u, ok := c.Args[0].(value.Unknown)
	if !ok {
		return mapString(c, f)
	}
	parts := splitPlaceholders(u.Text)
	if len(parts) == 1 {
		return unknownCall(c.Name, c.Args, u, c.At), nil
	}
	var b strings.Builder
	for _, p := range parts {
		if p.hole {
			b.WriteString("{{" + c.Name + "(" + p.text + ")}}")
		} else {
			b.WriteString(f(p.text))
		}
	}
	return value.Unknown{Origin: u.Origin, Text: clip(b.String()), At: c.At}, nil
}

// affix is startsWith/endsWith; ARM ignores case for both. A partly
// known string whose known start (or end) decides the answer gives a
// known answer: startsWith('mlw-{{parameters('x')}}', 'mlw') is true.
func affix(c *Call, start bool) (value.Value, error) {
	if u, ok := c.Args[0].(value.Unknown); ok {
		if p, ok := c.Args[1].(value.String); ok {
			if v, ok := partialAffix(u.Text, p.V, start); ok {
				return value.Bool{V: v, At: c.At}, nil
			}
		}
	}
	if u, ok := firstUnknownArg(c.Args); ok {
		return unknownCall(c.Name, c.Args, u, c.At), nil
	}
	s, err := c.String(0)
	if err != nil {
		return nil, err
	}
	p, err := c.String(1)
	if err != nil {
		return nil, err
	}
	var ok bool
	if len(p) <= len(s) {
		if start {
			ok = strings.EqualFold(s[:len(p)], p)
		} else {
			ok = strings.EqualFold(s[len(s)-len(p):], p)
		}
	}
	if !ok && len(p) != len(s) {
		// Case folding can change byte lengths; compare folded text.
		ls, lp := strings.ToLower(s), strings.ToLower(p)
		if start {
			ok = strings.HasPrefix(ls, lp)
		} else {
			ok = strings.HasSuffix(ls, lp)
		}
	}
	return value.Bool{V: ok, At: c.At}, nil
}

// partialAffix decides startsWith/endsWith on a partly known text from
// its literal start or end, when that is long enough to.
func partialAffix(text, p string, start bool) (result, known bool) {
	parts := splitPlaceholders(text)
	if len(parts) < 2 {
		return false, false
	}
	edge := parts[0]
	if !start {
		edge = parts[len(parts)-1]
	}
	if edge.hole {
		return false, false
	}
	lit, lp := strings.ToLower(edge.text), strings.ToLower(p)
	if len(lit) < len(lp) {
		// The literal is shorter: only a mismatch within it decides.
		if start && !strings.HasPrefix(lp, lit) || !start && !strings.HasSuffix(lp, lit) {
			return false, true
		}
		return false, false
	}
	if start {
		return strings.HasPrefix(lit, lp), true
	}
	return strings.HasSuffix(lit, lp), true
}

// toString is string(): a string as it is, an object or array as compact
// JSON (as ARM prints them), booleans as .NET prints them (True, False),
// null as the empty string.
func toString(v value.Value) string {
	switch v := v.(type) {
	case value.String:
		return v.V
	case value.Int:
		return strconv.FormatInt(v.V, 10)
	case value.Bool:
		if v.V {
			return "True"
		}
		return "False"
	case value.Null:
		return ""
	case value.Unknown:
		return v.Text
	}
	return string(value.AppendJSON(nil, v))
}

func fnJoin(c *Call) (value.Value, error) {
	a, ok := c.Args[0].(*value.Array)
	if !ok {
		return nil, wrongType(c, 0, "an array of strings")
	}
	sep, err := c.String(1)
	if err != nil {
		return nil, err
	}
	parts := make([]string, len(a.Elems))
	var unknown *value.Unknown
	for i, e := range a.Elems {
		switch e := e.(type) {
		case value.String:
			parts[i] = e.V
		case value.Int, value.Bool:
			parts[i] = toString(e)
		case value.Unknown:
			if unknown == nil {
				unknown = &e
			}
			parts[i] = e.Text
		default:
			return nil, c.ArgErrorf(0, "element %d is %s: join takes strings", i, value.TypeName(e))
		}
	}
	if unknown != nil {
		return value.Unknown{Origin: unknown.Origin, Text: clip(strings.Join(parts, sep)), At: c.At}, nil
	}
	return value.String{V: strings.Join(parts, sep), At: c.At}, nil
}

// fnPadLeft(valueToPad, totalLength, [paddingCharacter]).
func fnPadLeft(c *Call) (value.Value, error) {
	s, ok := scalarText(c.Args[0])
	if !ok {
		return nil, wrongType(c, 0, "a string or an integer")
	}
	n, err := c.Int(1)
	if err != nil {
		return nil, err
	}
	if n < 0 || n > maxPadLength {
		return nil, c.ArgErrorf(1, "the total length must be between 0 and %d, got %d", maxPadLength, n)
	}
	pad := " "
	if len(c.Args) > 2 {
		if pad, err = c.String(2); err != nil {
			return nil, err
		}
		if ulen(pad) != 1 {
			return nil, c.ArgErrorf(2, "the padding must be a single character, not '%s'", pad)
		}
	}
	if l := ulen(s); int64(l) < n {
		s = strings.Repeat(pad, int(n)-l) + s
	}
	return value.String{V: s, At: c.At}, nil
}

func fnReplace(c *Call) (value.Value, error) {
	var s [3]string
	for i := range s {
		var err error
		if s[i], err = c.String(i); err != nil {
			return nil, err
		}
	}
	if s[1] == "" {
		return nil, c.ArgErrorf(1, "the text to replace must not be empty")
	}
	return value.String{V: strings.ReplaceAll(s[0], s[1], s[2]), At: c.At}, nil
}

// fnSplit splits at a delimiter or at any of an array of delimiters,
// keeping empty parts, as .NET's String.Split does.
func fnSplit(c *Call) (value.Value, error) {
	s, err := c.String(0)
	if err != nil {
		return nil, err
	}
	var delims []string
	switch d := c.Args[1].(type) {
	case value.String:
		delims = []string{d.V}
	case *value.Array:
		for i, e := range d.Elems {
			es, ok := e.(value.String)
			if !ok {
				return nil, c.ArgErrorf(1, "delimiter %d is %s: delimiters must be strings", i, value.TypeName(e))
			}
			delims = append(delims, es.V)
		}
	default:
		return nil, wrongType(c, 1, "a string or an array of strings")
	}
	var parts []string
	start := 0
	for i := 0; i < len(s); {
		matched := 0
		for _, d := range delims {
			if d != "" && strings.HasPrefix(s[i:], d) {
				matched = len(d)
				break
			}
		}
		if matched == 0 {
			i++
			continue
		}
		parts = append(parts, s[start:i])
		i += matched
		start = i
	}
	parts = append(parts, s[start:])
	out := value.NewArray(c.At)
	for _, p := range parts {
		out.Elems = append(out.Elems, value.String{V: p, At: c.At})
	}
	return out, nil
}

// fnSubstring(s, startIndex, [length]) with ARM's range checks; indexes
// count UTF-16 units.
func fnSubstring(c *Call) (value.Value, error) {
	s, err := c.String(0)
	if err != nil {
		return nil, err
	}
	start, err := c.Int(1)
	if err != nil {
		return nil, err
	}
	l := int64(ulen(s))
	if start < 0 {
		return nil, c.ArgErrorf(1, "the start index must not be negative, got %d", start)
	}
	if start > l {
		return nil, c.ArgErrorf(1, "the start index %d is beyond the end of the string (length %d)", start, l)
	}
	n := l - start
	if len(c.Args) > 2 {
		if n, err = c.Int(2); err != nil {
			return nil, err
		}
		if n < 0 {
			return nil, c.ArgErrorf(2, "the length must not be negative, got %d", n)
		}
		if start+n > l {
			return nil, c.ArgErrorf(2, "the index and length must refer to a location within the string: index %d, length %d, but the string has %d characters", start, n, l)
		}
	}
	return value.String{V: uslice(s, int(start), int(start+n)), At: c.At}, nil
}

// fnLike(input, pattern) matches a wildcard pattern in which '*' stands
// for any run of characters (none included). Like startsWith and
// endsWith, it ignores case; Microsoft documents no escape for '*', so
// there is none.
func fnLike(c *Call) (value.Value, error) {
	s, err := c.String(0)
	if err != nil {
		return nil, err
	}
	p, err := c.String(1)
	if err != nil {
		return nil, err
	}
	return value.Bool{V: wildcard(strings.ToLower(s), strings.ToLower(p)), At: c.At}, nil
}

// wildcard matches s against p with '*' wildcards, greedily with
// backtracking to the last star: linear in practice, never exponential.
func wildcard(s, p string) bool {
	si, pi := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case pi < len(p) && p[pi] == s[si]:
			si++
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
