package compile

import (
	"math"
	"strconv"
	"strings"
)

// aexpr is a node of an ARM template expression being built. The compiler
// lowers Bicep syntax to this small tree first and renders it once, so
// that simplifications (a literal stays a JSON literal, safe-access chains
// merge into one tryGet) can look at the shape instead of at text.
type aexpr interface {
	write(b *strings.Builder)
}

// aStr is a string literal: 'text' with ' doubled.
type aStr struct{ v string }

// aInt is an integer literal, kept as text so any size survives.
type aInt struct{ text string }

// aBool is true() or false().
type aBool struct{ v bool }

// aNull is null().
type aNull struct{}

// aRaw is an expression already rendered (the text between [ and ]).
type aRaw struct{ text string }

func (e aRaw) write(b *strings.Builder) { b.WriteString(e.text) }

// aCall is name(args...).
type aCall struct {
	name string
	args []aexpr
}

// aProp is x.name, or x['name'] when name is not an identifier.
type aProp struct {
	x    aexpr
	name string
}

// aIndex is x[i].
type aIndex struct {
	x, i aexpr
}

func (e aStr) write(b *strings.Builder) {
	b.WriteByte('\'')
	b.WriteString(strings.ReplaceAll(e.v, "'", "''"))
	b.WriteByte('\'')
}

// write renders the literal; inside an expression ARM reads integer
// literals as 32-bit, so Bicep writes a larger one as json('n').
func (e aInt) write(b *strings.Builder) {
	if n, err := strconv.ParseInt(e.text, 10, 64); err != nil || n > math.MaxInt32 || n < math.MinInt32 {
		b.WriteString("json('")
		b.WriteString(e.text)
		b.WriteString("')")
		return
	}
	b.WriteString(e.text)
}

func (e aBool) write(b *strings.Builder) {
	if e.v {
		b.WriteString("true()")
	} else {
		b.WriteString("false()")
	}
}

func (aNull) write(b *strings.Builder) { b.WriteString("null()") }

func (e *aCall) write(b *strings.Builder) {
	b.WriteString(e.name)
	b.WriteByte('(')
	for i, a := range e.args {
		if i > 0 {
			b.WriteString(", ")
		}
		a.write(b)
	}
	b.WriteByte(')')
}

func (e *aProp) write(b *strings.Builder) {
	e.x.write(b)
	if isARMIdent(e.name) {
		b.WriteByte('.')
		b.WriteString(e.name)
		return
	}
	b.WriteByte('[')
	aStr{e.name}.write(b)
	b.WriteByte(']')
}

func (e *aIndex) write(b *strings.Builder) {
	e.x.write(b)
	b.WriteByte('[')
	e.i.write(b)
	b.WriteByte(']')
}

// isARMIdent reports whether s can follow a '.' in an ARM expression.
func isARMIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
		case i > 0 && c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return true
}

// render returns e as the text of an ARM expression, without brackets.
func render(e aexpr) string {
	var b strings.Builder
	e.write(&b)
	return b.String()
}

// call builds name(args...).
func call(name string, args ...aexpr) *aCall { return &aCall{name: name, args: args} }

// intExpr is the literal for n.
func intExpr(n int) aInt { return aInt{strconv.Itoa(n)} }
