package expr

import (
	"strconv"
	"strings"
)

// Format renders n as canonical expression text (without the enclosing
// brackets): no spaces except after commas, strings quoted with ”
// escapes. Parsing the result gives an equal tree (offsets aside).
func Format(n Node) string {
	var b strings.Builder
	format(&b, n)
	return b.String()
}

// Quote renders s as an expression string literal.
func Quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func format(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *String:
		b.WriteString(Quote(n.Value))
	case *Int:
		b.WriteString(strconv.FormatInt(n.Value, 10))
	case *Bool:
		b.WriteString(strconv.FormatBool(n.Value))
	case *Null:
		b.WriteString("null")
	case *Call:
		b.WriteString(n.FullName())
		b.WriteByte('(')
		for i, a := range n.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			format(b, a)
		}
		b.WriteByte(')')
	case *Property:
		format(b, n.X)
		b.WriteByte('.')
		b.WriteString(n.Name)
	case *Index:
		format(b, n.X)
		b.WriteByte('[')
		format(b, n.Index)
		b.WriteByte(']')
	}
}
