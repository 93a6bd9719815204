package eval

import (
	"sort"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// The object functions (contains, empty, intersection, length and union
// are shared with arrays).
func init() {
	Register(&Func{Name: "createObject", MinArgs: 0, MaxArgs: -1, AcceptsUnknown: true, Call: fnCreateObject})
	Register(&Func{Name: "items", MinArgs: 1, MaxArgs: 1, Call: fnItems})
	Register(&Func{Name: "json", MinArgs: 1, MaxArgs: 1, Call: fnJSON})
	Register(&Func{Name: "null", MinArgs: 0, MaxArgs: 0, Call: func(c *Call) (value.Value, error) { return value.Null{At: c.At}, nil }})
	Register(&Func{Name: "objectKeys", MinArgs: 1, MaxArgs: 1, Call: fnObjectKeys})
	Register(&Func{Name: "shallowMerge", MinArgs: 1, MaxArgs: 1, Call: fnShallowMerge})
}

func fnCreateObject(c *Call) (value.Value, error) {
	if len(c.Args)%2 != 0 {
		return nil, c.Errorf("takes pairs of a property name and a value, but %s given", countVerb(len(c.Args), "argument was", "arguments were"))
	}
	o := value.NewObject(c.At)
	for i := 0; i < len(c.Args); i += 2 {
		k, ok := c.Args[i].(value.String)
		if u, isU := c.Args[i].(value.Unknown); isU {
			return unknownCall(c.Name, c.Args, u, c.At), nil
		}
		if !ok {
			return nil, c.ArgErrorf(i, "argument %d must be a property name (a string), not %s", i+1, value.TypeName(c.Args[i]))
		}
		o.SetMember(value.Member{Key: k.V, KeyPos: k.At, Value: c.Args[i+1]})
	}
	return o, nil
}

// fnItems turns an object into [{key, value}...] sorted by key, as ARM
// sorts them (ordinal, ignoring case).
func fnItems(c *Call) (value.Value, error) {
	o, ok := c.Args[0].(*value.Object)
	if !ok {
		return nil, wrongType(c, 0, "an object")
	}
	ms := append([]value.Member(nil), o.Members()...)
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := strings.ToLower(ms[i].Key), strings.ToLower(ms[j].Key)
		if a != b {
			return a < b
		}
		return ms[i].Key < ms[j].Key
	})
	out := value.NewArray(c.At)
	for _, m := range ms {
		e := value.NewObject(c.At)
		e.Set("key", value.String{V: m.Key, At: m.KeyPos})
		e.Set("value", m.Value)
		out.Elems = append(out.Elems, e)
	}
	return out, nil
}

// fnJSON parses a JSON string. The values get the call's position: the
// text they come from is not in any file the user can open.
func fnJSON(c *Call) (value.Value, error) {
	s, err := c.String(0)
	if err != nil {
		return nil, err
	}
	v, perr := jsonc.Parse(source.NewFile("json()", []byte(s)))
	if perr != nil && strings.Contains(s, "'") {
		// ARM parses with Newtonsoft.Json, which also takes single-quoted
		// strings ({'one': 'a'}); Microsoft's own examples use them.
		if alt, ok := doubleQuoted(s); ok {
			if v2, err2 := jsonc.Parse(source.NewFile("json()", []byte(alt))); err2 == nil {
				v, perr = v2, nil
			}
		}
	}
	if perr != nil {
		msg := perr.Error()
		if se, ok := perr.(*source.Error); ok {
			msg = se.Message + " at character " + itoa(se.Pos.Offset+1)
		}
		return nil, c.ArgErrorf(0, "the string is not valid JSON: %s", msg)
	}
	return restamp(v, c.At), nil
}

// doubleQuoted rewrites the single-quoted strings of JSON text as
// double-quoted ones, leaving double-quoted strings as they are. ok is
// false when a string is not closed.
func doubleQuoted(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			// Copy a double-quoted string through, escapes included.
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return "", false
			}
			b.WriteString(s[i : j+1])
			i = j
		case '\'':
			b.WriteByte('"')
			j := i + 1
			for ; j < len(s) && s[j] != '\''; j++ {
				switch {
				case s[j] == '\\' && j+1 < len(s):
					if s[j+1] == '\'' {
						b.WriteByte('\'') // \' needs no escape in JSON
					} else {
						b.WriteString(s[j : j+2])
					}
					j++
				case s[j] == '"':
					b.WriteString(`\"`)
				default:
					b.WriteByte(s[j])
				}
			}
			if j >= len(s) {
				return "", false
			}
			b.WriteByte('"')
			i = j
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// restamp returns a copy of v with every value positioned at at.
func restamp(v value.Value, at source.Pos) value.Value {
	switch v := v.(type) {
	case *value.Array:
		out := value.NewArray(at)
		out.Elems = make([]value.Value, len(v.Elems))
		for i, e := range v.Elems {
			out.Elems[i] = restamp(e, at)
		}
		return out
	case *value.Object:
		out := value.NewObject(at)
		for _, m := range v.Members() {
			out.SetMember(value.Member{Key: m.Key, KeyPos: at, Value: restamp(m.Value, at)})
		}
		return out
	}
	return value.WithPos(v, at)
}

func fnObjectKeys(c *Call) (value.Value, error) {
	o, ok := c.Args[0].(*value.Object)
	if !ok {
		return nil, wrongType(c, 0, "an object")
	}
	out := value.NewArray(c.At)
	for _, m := range o.Members() {
		out.Elems = append(out.Elems, value.String{V: m.Key, At: m.KeyPos})
	}
	return out, nil
}

// fnShallowMerge merges an array of objects, later members winning, with
// no merging below the top level.
func fnShallowMerge(c *Call) (value.Value, error) {
	a, ok := c.Args[0].(*value.Array)
	if !ok {
		return nil, wrongType(c, 0, "an array of objects")
	}
	out := value.NewObject(c.At)
	for i, e := range a.Elems {
		switch o := e.(type) {
		case *value.Object:
			for _, m := range o.Members() {
				out.SetMember(m)
			}
		case value.Unknown:
			return unknownCall(c.Name, c.Args, o, c.At), nil
		default:
			return nil, c.ArgErrorf(0, "element %d is %s: every element must be an object", i, value.TypeName(e))
		}
	}
	return out, nil
}
