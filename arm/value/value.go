// Package value is the value model shared by the JSON reader, the ARM
// expression evaluator, the Bicep compiler and the rule engine.
//
// A Value is one of Null, Bool, Int, Float, String, *Array, *Object or
// Unknown. Every value remembers where it was written (Pos), so that a rule
// finding can point at the line that set the value, even after the value
// has travelled through parameters, variables and functions.
//
// Unknown stands for a value that only exists at deployment time: a
// parameter without a value, reference() of a resource outside the
// deployment, list*(), newGuid(), utcNow(). Functions propagate Unknown
// instead of failing, and it prints as a readable placeholder.
package value

import (
	"math"
	"strconv"
	"strings"

	"github.com/azrule/azrule/source"
)

// Kind is the type of a Value.
type Kind uint8

// The kinds of value.
const (
	KindNull Kind = iota
	KindBool
	KindInt
	KindFloat
	KindString
	KindArray
	KindObject
	KindUnknown
)

var kindNames = [...]string{"Null", "Bool", "Int", "Float", "String", "Array", "Object", "Unknown"}

// String returns the kind's name as ARM error messages spell types.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is a JSON-like value with a source position.
type Value interface {
	// Kind tells which concrete type the value has.
	Kind() Kind
	// Pos is where the value was written; it may be the zero Pos.
	Pos() source.Pos
}

// Null is the JSON null.
type Null struct{ At source.Pos }

// Bool is true or false.
type Bool struct {
	V  bool
	At source.Pos
}

// Int is a 64-bit integer, the only integer ARM has.
type Int struct {
	V  int64
	At source.Pos
}

// Float is a number with a fraction or exponent. ARM templates rarely use
// them; JSON may.
type Float struct {
	V  float64
	At source.Pos
}

// String is a string.
type String struct {
	V  string
	At source.Pos
}

// Array is an ordered list of values.
type Array struct {
	Elems []Value
	At    source.Pos
}

// Unknown is a value known only at deployment time.
type Unknown struct {
	// Origin says what the value depends on, for reasons shown to users,
	// e.g. "parameter 'workspaceName' has no value".
	Origin string
	// Text is the placeholder printed where the value is used, e.g.
	// "{{parameters('workspaceName')}}". String functions build on it, so
	// concat('mlw-', <unknown>) prints as "mlw-{{parameters('x')}}".
	Text string
	At   source.Pos
}

// Kind implements Value.
func (Null) Kind() Kind { return KindNull }

// Kind implements Value.
func (Bool) Kind() Kind { return KindBool }

// Kind implements Value.
func (Int) Kind() Kind { return KindInt }

// Kind implements Value.
func (Float) Kind() Kind { return KindFloat }

// Kind implements Value.
func (String) Kind() Kind { return KindString }

// Kind implements Value.
func (*Array) Kind() Kind { return KindArray }

// Kind implements Value.
func (*Object) Kind() Kind { return KindObject }

// Kind implements Value.
func (Unknown) Kind() Kind { return KindUnknown }

// Pos implements Value.
func (v Null) Pos() source.Pos { return v.At }

// Pos implements Value.
func (v Bool) Pos() source.Pos { return v.At }

// Pos implements Value.
func (v Int) Pos() source.Pos { return v.At }

// Pos implements Value.
func (v Float) Pos() source.Pos { return v.At }

// Pos implements Value.
func (v String) Pos() source.Pos { return v.At }

// Pos implements Value.
func (v *Array) Pos() source.Pos { return v.At }

// Pos implements Value.
func (v *Object) Pos() source.Pos { return v.At }

// Pos implements Value.
func (v Unknown) Pos() source.Pos { return v.At }

// NewUnknown returns an Unknown whose placeholder is "{{text}}".
func NewUnknown(origin, text string, at source.Pos) Unknown {
	return Unknown{Origin: origin, Text: "{{" + text + "}}", At: at}
}

// NewArray returns an array of elems positioned at at.
func NewArray(at source.Pos, elems ...Value) *Array {
	return &Array{Elems: elems, At: at}
}

// IsUnknown reports whether v is an Unknown.
func IsUnknown(v Value) bool {
	_, ok := v.(Unknown)
	return ok
}

// FirstUnknown returns the first Unknown found in v, depth first, and
// whether there was one.
func FirstUnknown(v Value) (Unknown, bool) {
	switch v := v.(type) {
	case Unknown:
		return v, true
	case *Array:
		for _, e := range v.Elems {
			if u, ok := FirstUnknown(e); ok {
				return u, true
			}
		}
	case *Object:
		for _, m := range v.members {
			if u, ok := FirstUnknown(m.Value); ok {
				return u, true
			}
		}
	}
	return Unknown{}, false
}

// WithPos returns v positioned at at. Arrays and objects are shallow
// copies; scalars are copied by value.
func WithPos(v Value, at source.Pos) Value {
	switch v := v.(type) {
	case Null:
		v.At = at
		return v
	case Bool:
		v.At = at
		return v
	case Int:
		v.At = at
		return v
	case Float:
		v.At = at
		return v
	case String:
		v.At = at
		return v
	case Unknown:
		v.At = at
		return v
	case *Array:
		c := *v
		c.At = at
		return &c
	case *Object:
		c := v.Clone()
		c.At = at
		return c
	}
	return v
}

// Equal reports deep equality as ARM's equals() defines it: same kind,
// strings compared by ordinal (case-sensitive), object keys matched
// without regard to case, arrays in order. Int and Float compare by
// numeric value. Unknowns are never equal to anything.
func Equal(a, b Value) bool {
	switch a := a.(type) {
	case Null:
		_, ok := b.(Null)
		return ok
	case Bool:
		b, ok := b.(Bool)
		return ok && a.V == b.V
	case Int:
		switch b := b.(type) {
		case Int:
			return a.V == b.V
		case Float:
			return float64(a.V) == b.V
		}
		return false
	case Float:
		switch b := b.(type) {
		case Int:
			return a.V == float64(b.V)
		case Float:
			return a.V == b.V
		}
		return false
	case String:
		b, ok := b.(String)
		return ok && a.V == b.V
	case *Array:
		b, ok := b.(*Array)
		if !ok || len(a.Elems) != len(b.Elems) {
			return false
		}
		for i := range a.Elems {
			if !Equal(a.Elems[i], b.Elems[i]) {
				return false
			}
		}
		return true
	case *Object:
		b, ok := b.(*Object)
		if !ok || a.Len() != b.Len() {
			return false
		}
		for _, m := range a.members {
			bv, ok := b.Get(m.Key)
			if !ok || !Equal(m.Value, bv) {
				return false
			}
		}
		return true
	}
	return false
}

// Render prints v compactly for messages: strings bare, everything else as
// JSON, Unknown as its placeholder.
func Render(v Value) string {
	if s, ok := v.(String); ok {
		return s.V
	}
	if u, ok := v.(Unknown); ok {
		return u.Text
	}
	return string(AppendJSON(nil, v))
}

// AppendJSON appends the compact JSON encoding of v to buf. Object members
// keep their order; an Unknown encodes as its placeholder string.
func AppendJSON(buf []byte, v Value) []byte {
	switch v := v.(type) {
	case nil, Null:
		return append(buf, "null"...)
	case Bool:
		return strconv.AppendBool(buf, v.V)
	case Int:
		return strconv.AppendInt(buf, v.V, 10)
	case Float:
		return appendFloat(buf, v.V)
	case String:
		return appendQuoted(buf, v.V)
	case Unknown:
		return appendQuoted(buf, v.Text)
	case *Array:
		buf = append(buf, '[')
		for i, e := range v.Elems {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = AppendJSON(buf, e)
		}
		return append(buf, ']')
	case *Object:
		buf = append(buf, '{')
		for i, m := range v.members {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendQuoted(buf, m.Key)
			buf = append(buf, ':')
			buf = AppendJSON(buf, m.Value)
		}
		return append(buf, '}')
	}
	return append(buf, "null"...)
}

func appendFloat(buf []byte, f float64) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(buf, "null"...)
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.AppendFloat(buf, f, 'f', -1, 64)
	}
	return strconv.AppendFloat(buf, f, 'g', -1, 64)
}

const hexDigits = "0123456789abcdef"

// appendQuoted writes s as a JSON string, escaping only what JSON
// requires, so that output stays readable (no \u003c for '<').
func appendQuoted(buf []byte, s string) []byte {
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			buf = append(buf, '\\', c)
		case c == '\n':
			buf = append(buf, '\\', 'n')
		case c == '\r':
			buf = append(buf, '\\', 'r')
		case c == '\t':
			buf = append(buf, '\\', 't')
		case c < 0x20:
			buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		default:
			buf = append(buf, c)
		}
	}
	return append(buf, '"')
}

// MarshalJSON implements json.Marshaler, keeping member order.
func (o *Object) MarshalJSON() ([]byte, error) { return AppendJSON(nil, o), nil }

// MarshalJSON implements json.Marshaler.
func (a *Array) MarshalJSON() ([]byte, error) { return AppendJSON(nil, a), nil }

// TypeName is the type name ARM uses in messages and in the template's
// parameter types: "String", "Int", "Bool", "Array", "Object", "Null".
func TypeName(v Value) string {
	switch v.(type) {
	case Float:
		return "Float"
	case Int:
		return "Integer"
	}
	return v.Kind().String()
}

// EqualFold is strings.EqualFold, named here so callers that compare ARM
// names say why: ARM names and property names are case-insensitive.
func EqualFold(a, b string) bool { return strings.EqualFold(a, b) }
