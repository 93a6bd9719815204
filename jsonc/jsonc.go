// Package jsonc reads JSON with comments and trailing commas, as Azure
// Resource Manager accepts it, into a value tree in which every value and
// every object key keeps its position.
//
// Accepted beyond RFC 8259: // line comments, /* block */ comments, a comma
// after the last element of an array or object, and a leading UTF-8 byte
// order mark. Duplicate keys are accepted; the last one wins, as in ARM.
package jsonc

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// MaxDepth is the deepest nesting of arrays and objects accepted. Deeper
// input is reported as an error instead of exhausting the stack.
const MaxDepth = 512

// Parse decodes f. On a syntax error it returns nil and the error; JSON
// has no useful recovery, so the first error ends the parse.
func Parse(f *source.File) (value.Value, error) {
	p := &parser{f: f, src: f.Content}
	if len(p.src) >= 3 && p.src[0] == 0xEF && p.src[1] == 0xBB && p.src[2] == 0xBF {
		p.off = 3
	}
	p.skip()
	if p.err != nil {
		return nil, p.err
	}
	if p.off >= len(p.src) {
		return nil, p.errAt(p.off, "JSON001", "the file is empty; expected a JSON value")
	}
	v := p.value(0)
	if p.err != nil {
		return nil, p.err
	}
	p.skip()
	if p.err == nil && p.off < len(p.src) {
		p.fail(p.off, "JSON002", "unexpected %s after the end of the JSON value", p.describe(p.off))
	}
	if p.err != nil {
		return nil, p.err
	}
	return v, nil
}

type parser struct {
	f   *source.File
	src []byte
	off int
	err *source.Error
}

func (p *parser) errAt(off int, code, msg string) *source.Error {
	return &source.Error{Pos: p.f.Pos(off), Code: code, Message: msg}
}

func (p *parser) fail(off int, code, format string, args ...any) {
	if p.err == nil {
		e := source.Errorf(p.f.Pos(off), format, args...)
		e.Code = code
		p.err = e
	}
}

// describe names the token at off for an error message.
func (p *parser) describe(off int) string {
	if off >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.src[off:])
	return strconv.QuoteRune(r)
}

// skip passes over white space and comments.
func (p *parser) skip() {
	for p.off < len(p.src) {
		switch c := p.src[p.off]; c {
		case ' ', '\t', '\n', '\r':
			p.off++
		case '/':
			if p.off+1 >= len(p.src) {
				p.fail(p.off, "JSON003", "unexpected '/'; comments start with // or /*")
				return
			}
			switch p.src[p.off+1] {
			case '/':
				for p.off < len(p.src) && p.src[p.off] != '\n' {
					p.off++
				}
			case '*':
				start := p.off
				p.off += 2
				for {
					if p.off+1 >= len(p.src) {
						p.fail(start, "JSON004", "block comment is not closed; add */")
						p.off = len(p.src)
						return
					}
					if p.src[p.off] == '*' && p.src[p.off+1] == '/' {
						p.off += 2
						break
					}
					p.off++
				}
			default:
				p.fail(p.off, "JSON003", "unexpected '/'; comments start with // or /*")
				return
			}
		default:
			if c == 0xC2 && p.off+1 < len(p.src) && p.src[p.off+1] == 0xA0 {
				p.off += 2 // no-break space, which editors sometimes leave in
				continue
			}
			return
		}
	}
}

func (p *parser) value(depth int) value.Value {
	if depth > MaxDepth {
		p.fail(p.off, "JSON005", "nesting is deeper than %d levels", MaxDepth)
		return nil
	}
	at := p.f.Pos(p.off)
	if p.off >= len(p.src) {
		p.fail(p.off, "JSON006", "unexpected end of file; expected a value")
		return nil
	}
	switch c := p.src[p.off]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, ok := p.str()
		if !ok {
			return nil
		}
		return value.String{V: s, At: at}
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case p.word("true"):
		return value.Bool{V: true, At: at}
	case p.word("false"):
		return value.Bool{V: false, At: at}
	case p.word("null"):
		return value.Null{At: at}
	case c == '\'':
		p.fail(p.off, "JSON007", "strings in JSON use double quotes, not single quotes")
	default:
		p.fail(p.off, "JSON008", "unexpected %s; expected a value (object, array, string, number, true, false or null)", p.describe(p.off))
	}
	return nil
}

func (p *parser) word(w string) bool {
	end := p.off + len(w)
	if end > len(p.src) || string(p.src[p.off:end]) != w {
		return false
	}
	if end < len(p.src) && isIdent(p.src[end]) {
		return false
	}
	p.off = end
	return true
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *parser) object(depth int) value.Value {
	obj := value.NewObject(p.f.Pos(p.off))
	open := p.off
	p.off++ // {
	for {
		p.skip()
		if p.err != nil {
			return nil
		}
		if p.off >= len(p.src) {
			p.fail(open, "JSON009", "object is not closed; add }")
			return nil
		}
		if p.src[p.off] == '}' {
			p.off++
			return obj
		}
		if p.src[p.off] != '"' {
			p.fail(p.off, "JSON010", "unexpected %s; expected a property name in double quotes or }", p.describe(p.off))
			return nil
		}
		keyPos := p.f.Pos(p.off)
		key, ok := p.str()
		if !ok {
			return nil
		}
		p.skip()
		if p.err != nil {
			return nil
		}
		if p.off >= len(p.src) || p.src[p.off] != ':' {
			p.fail(p.off, "JSON011", "unexpected %s; expected ':' after property name %q", p.describe(p.off), key)
			return nil
		}
		p.off++
		p.skip()
		if p.err != nil {
			return nil
		}
		v := p.value(depth + 1)
		if p.err != nil {
			return nil
		}
		obj.SetMember(value.Member{Key: key, KeyPos: keyPos, Value: v})
		p.skip()
		if p.err != nil {
			return nil
		}
		if p.off >= len(p.src) {
			p.fail(open, "JSON009", "object is not closed; add }")
			return nil
		}
		if p.off < len(p.src) && p.src[p.off] == ',' {
			p.off++
			continue
		}
		if p.off < len(p.src) && p.src[p.off] == '}' {
			p.off++
			return obj
		}
		p.fail(p.off, "JSON012", "unexpected %s; expected ',' or '}' after property %q", p.describe(p.off), key)
		return nil
	}
}

func (p *parser) array(depth int) value.Value {
	arr := &value.Array{At: p.f.Pos(p.off)}
	open := p.off
	p.off++ // [
	for {
		p.skip()
		if p.err != nil {
			return nil
		}
		if p.off >= len(p.src) {
			p.fail(open, "JSON013", "array is not closed; add ]")
			return nil
		}
		if p.src[p.off] == ']' {
			p.off++
			return arr
		}
		v := p.value(depth + 1)
		if p.err != nil {
			return nil
		}
		arr.Elems = append(arr.Elems, v)
		p.skip()
		if p.err != nil {
			return nil
		}
		if p.off >= len(p.src) {
			p.fail(open, "JSON013", "array is not closed; add ]")
			return nil
		}
		if p.off < len(p.src) && p.src[p.off] == ',' {
			p.off++
			continue
		}
		if p.off < len(p.src) && p.src[p.off] == ']' {
			p.off++
			return arr
		}
		p.fail(p.off, "JSON014", "unexpected %s; expected ',' or ']' in array", p.describe(p.off))
		return nil
	}
}

// str reads a double-quoted string at p.off.
func (p *parser) str() (string, bool) {
	start := p.off
	p.off++
	// Fast path: no escapes.
	for i := p.off; i < len(p.src); i++ {
		c := p.src[i]
		if c == '"' {
			s := string(p.src[p.off:i])
			p.off = i + 1
			return s, true
		}
		if c == '\\' || c < 0x20 {
			break
		}
	}
	var buf []byte
	for {
		if p.off >= len(p.src) {
			p.fail(start, "JSON015", "string is not closed; add \"")
			return "", false
		}
		c := p.src[p.off]
		switch {
		case c == '"':
			p.off++
			return string(buf), true
		case c == '\n':
			p.fail(start, "JSON015", "string is not closed before the end of the line; add \"")
			return "", false
		case c < 0x20 && c != '\t':
			p.fail(p.off, "JSON016", "control character %U in string; escape it", rune(c))
			return "", false
		case c == '\\':
			r, n, ok := p.escape(p.off)
			if !ok {
				return "", false
			}
			buf = utf8.AppendRune(buf, r)
			p.off += n
		default:
			buf = append(buf, c)
			p.off++
		}
	}
}

// escape decodes the escape sequence at off, returning the rune and the
// number of bytes it spans, or reports what is wrong with it.
func (p *parser) escape(off int) (rune, int, bool) {
	if r, n := decodeEscape(p.src, off); n > 0 {
		return r, n, true
	}
	switch {
	case off+1 >= len(p.src):
		p.fail(off, "JSON017", "incomplete escape sequence")
	case p.src[off+1] == 'u':
		p.fail(off, "JSON017", "invalid \\u escape; expected four hex digits")
	default:
		p.fail(off, "JSON017", "invalid escape sequence \\%c", p.src[off+1])
	}
	return 0, 0, false
}

func hex4(b []byte, off int) (rune, bool) {
	if off+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[off : off+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return r, true
}

func (p *parser) number() value.Value {
	start := p.off
	at := p.f.Pos(start)
	i := p.off
	if p.src[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(p.src) && p.src[i] >= '0' && p.src[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if digits() == 0 {
		p.fail(start, "JSON018", "invalid number; expected a digit")
		return nil
	}
	isFloat := false
	if i < len(p.src) && p.src[i] == '.' {
		i++
		isFloat = true
		if digits() == 0 {
			p.fail(start, "JSON018", "invalid number; expected a digit after '.'")
			return nil
		}
	}
	if i < len(p.src) && (p.src[i] == 'e' || p.src[i] == 'E') {
		i++
		isFloat = true
		if i < len(p.src) && (p.src[i] == '+' || p.src[i] == '-') {
			i++
		}
		if digits() == 0 {
			p.fail(start, "JSON018", "invalid number; expected a digit in the exponent")
			return nil
		}
	}
	text := string(p.src[start:i])
	p.off = i
	if !isFloat {
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return value.Int{V: n, At: at}
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		p.fail(start, "JSON018", "number %s is out of range", text)
		return nil
	}
	return value.Float{V: f, At: at}
}

// StringOffsets maps each byte index of the decoded string s (a String
// read by Parse) to the file offset of the character or escape sequence
// that produced it, with one more entry for the closing quote. Callers
// that place many positions in one string build it once; a lookup is then
// O(1). It returns nil when s was not read from a JSON file.
func StringOffsets(s value.String) []int {
	f := s.At.File
	if f == nil || s.At.Offset < 0 || s.At.Offset >= len(f.Content) || f.Content[s.At.Offset] != '"' {
		return nil
	}
	src := f.Content
	table := make([]int, 0, len(s.V)+1)
	off := s.At.Offset + 1
	for len(table) < len(s.V) && off < len(src) && src[off] != '"' {
		if src[off] != '\\' {
			table = append(table, off)
			off++
			continue
		}
		r, n := decodeEscape(src, off)
		if n == 0 {
			return nil
		}
		for k := 0; k < utf8.RuneLen(r); k++ {
			table = append(table, off)
		}
		off += n
	}
	table = append(table, off)
	if len(table) != len(s.V)+1 {
		return nil // the file changed under the value: no reliable map
	}
	return table
}

// decodeEscape decodes the escape at src[off] as Parse does, returning the
// rune and the bytes it spans, or n == 0 when it is not valid. A lone
// surrogate decodes to the replacement character.
func decodeEscape(src []byte, off int) (r rune, n int) {
	if off+1 >= len(src) {
		return 0, 0
	}
	switch c := src[off+1]; c {
	case '"', '\\', '/':
		return rune(c), 2
	case 'b':
		return '\b', 2
	case 'f':
		return '\f', 2
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	case 'u':
		r, ok := hex4(src, off+2)
		if !ok {
			return 0, 0
		}
		if utf16.IsSurrogate(r) {
			if off+12 <= len(src) && src[off+6] == '\\' && src[off+7] == 'u' {
				if r2, ok := hex4(src, off+8); ok {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						return d, 12
					}
				}
			}
			return utf8.RuneError, 6
		}
		return r, 6
	}
	return 0, 0
}

// StringPos maps byte index i of the decoded string s (a String read by
// Parse) to its position in the file, accounting for escape sequences.
// Expression errors use it to point inside a JSON string. When s was not
// read from a file, or i is out of range, it returns s.At.
func StringPos(s value.String, i int) source.Pos {
	t := StringOffsets(s)
	if i < 0 || i >= len(t) {
		return s.At
	}
	return s.At.File.Pos(t[i])
}
