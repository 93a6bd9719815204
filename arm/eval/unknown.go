package eval

import (
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/expr"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

func itoa(n int) string { return strconv.Itoa(n) }

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// maxRenderedArg bounds how much of a known array or object argument is
// printed inside an Unknown's placeholder: enough to recognise, not a dump.
const maxRenderedArg = 120

// maxUnknownText bounds the placeholder text of an Unknown. Loops that
// build on an Unknown (reduce with an Unknown accumulator) would otherwise
// make texts, and the copies between them, grow without bound.
const maxUnknownText = 4096

// clip shortens a placeholder text past maxUnknownText, marking the cut.
func clip(text string) string {
	if len(text) <= maxUnknownText {
		return text
	}
	cut := maxUnknownText
	for cut > 0 && text[cut]&0xC0 == 0x80 {
		cut-- // do not split a UTF-8 sequence
	}
	return text[:cut] + "...}}"
}

// maxRenderedElems bounds how many elements or members of an array or
// object holding an Unknown are printed in a placeholder.
const maxRenderedElems = 20

// unknownCall is the value of calling name with args when an argument is
// only known at deployment time: an Unknown whose placeholder is the call
// itself, e.g. {{toLower(parameters('name'))}}. It keeps the Origin of
// from (the first Unknown argument) so the reason shown to the user says
// what the value depends on.
func unknownCall(name string, args []value.Value, from value.Unknown, at source.Pos) value.Unknown {
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('(')
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(exprText(a))
	}
	b.WriteByte(')')
	origin := from.Origin
	if origin == "" {
		if u, ok := firstUnknownArg(args); ok {
			origin = u.Origin
		}
	}
	return value.Unknown{Origin: origin, Text: clip("{{" + b.String() + "}}"), At: at}
}

func firstUnknownArg(args []value.Value) (value.Unknown, bool) {
	for _, a := range args {
		if u, ok := a.(value.Unknown); ok {
			return u, true
		}
	}
	return value.Unknown{}, false
}

// unknownFrom returns an Unknown derived from u with the placeholder
// expression text (u's expression, transformed by f).
func unknownFrom(u value.Unknown, text string, at source.Pos) value.Unknown {
	return value.Unknown{Origin: u.Origin, Text: clip("{{" + text + "}}"), At: at}
}

// exprText renders v as expression text that would produce it.
func exprText(v value.Value) string {
	switch v := v.(type) {
	case value.Unknown:
		return placeholderExpr(v.Text)
	case value.String:
		return expr.Quote(v.V)
	case value.Int:
		return strconv.FormatInt(v.V, 10)
	case value.Bool:
		return strconv.FormatBool(v.V)
	case value.Null, nil:
		return "null"
	case *Lambda:
		return v.text()
	case *value.Array:
		if _, ok := value.FirstUnknown(v); ok {
			var parts []string
			for i, e := range v.Elems {
				if i == maxRenderedElems {
					parts = append(parts, "...")
					break
				}
				parts = append(parts, exprText(e))
			}
			return "createArray(" + strings.Join(parts, ", ") + ")"
		}
	case *value.Object:
		if _, ok := value.FirstUnknown(v); ok {
			var parts []string
			for i, m := range v.Members() {
				if i == maxRenderedElems {
					parts = append(parts, "...")
					break
				}
				parts = append(parts, expr.Quote(m.Key), exprText(m.Value))
			}
			return "createObject(" + strings.Join(parts, ", ") + ")"
		}
	}
	// A known array or object prints as the json() call that makes it.
	js := string(value.AppendJSON(nil, v))
	if len(js) > maxRenderedArg {
		js = js[:maxRenderedArg] + "..."
	}
	return "json(" + expr.Quote(js) + ")"
}

// placeholderExpr turns an Unknown's text back into expression text.
// "{{parameters('x')}}" gives "parameters('x')"; a text that mixes
// literal parts and placeholders, "mlw-{{parameters('x')}}", gives
// "concat('mlw-', parameters('x'))".
func placeholderExpr(text string) string {
	parts := splitPlaceholders(text)
	if len(parts) == 1 {
		if parts[0].hole {
			return parts[0].text
		}
		return expr.Quote(parts[0].text)
	}
	var b strings.Builder
	b.WriteString("concat(")
	for i, p := range parts {
		if i > 0 {
			b.WriteString(", ")
		}
		if p.hole {
			b.WriteString(p.text)
		} else {
			b.WriteString(expr.Quote(p.text))
		}
	}
	b.WriteByte(')')
	return b.String()
}

type textPart struct {
	text string
	hole bool // a placeholder's inner expression
}

// splitPlaceholders splits text into literal runs and {{...}} holes,
// matching nested braces, so "a{{f('{{x}}')}}b" has one hole.
func splitPlaceholders(text string) []textPart {
	var parts []textPart
	lit := 0
	for i := 0; i+1 < len(text); {
		if text[i] != '{' || text[i+1] != '{' {
			i++
			continue
		}
		depth, j := 0, i
		for j+1 < len(text) {
			if text[j] == '{' && text[j+1] == '{' {
				depth++
				j += 2
				continue
			}
			if text[j] == '}' && text[j+1] == '}' {
				depth--
				j += 2
				if depth == 0 {
					break
				}
				continue
			}
			j++
		}
		if depth != 0 {
			break // unbalanced: the rest is literal
		}
		if i > lit {
			parts = append(parts, textPart{text: text[lit:i]})
		}
		parts = append(parts, textPart{text: text[i+2 : j-2], hole: true})
		lit, i = j, j
	}
	if lit < len(text) || len(parts) == 0 {
		parts = append(parts, textPart{text: text[lit:]})
	}
	return parts
}

// concatText builds the placeholder text of a string made by joining
// known strings and Unknowns: known parts stay literal, so the result
// reads "mlw-{{parameters('x')}}".
func concatText(vals []value.Value) string {
	var b strings.Builder
	for _, v := range vals {
		switch v := v.(type) {
		case value.Unknown:
			b.WriteString(v.Text)
		case value.String:
			b.WriteString(v.V)
		default:
			b.WriteString(value.Render(v))
		}
	}
	return b.String()
}
