package scanner

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/azrule/azrule/bicep/token"
)

// parseCodePoint parses the hex digits of a \u{...} escape.
func parseCodePoint(hex string) (rune, bool) {
	if len(hex) > 8 {
		// Leading zeros are allowed; anything longer than 8 digits that is
		// not zero-padded is out of range.
		trimmed := strings.TrimLeft(hex, "0")
		if len(trimmed) > 6 {
			return 0, false
		}
		hex = trimmed
		if hex == "" {
			return 0, true
		}
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil || v > 0x10FFFF {
		return 0, false
	}
	return rune(v), true
}

// lowSurrogateEscape reads a \u{...} escape of a low surrogate at the
// start of s, returning it and the escape's length (0 when there is
// none).
func lowSurrogateEscape(s string) (rune, int) {
	if !strings.HasPrefix(s, "\\u{") {
		return 0, 0
	}
	end := strings.IndexByte(s[3:], '}')
	if end <= 0 {
		return 0, 0
	}
	r, ok := parseCodePoint(s[3 : 3+end])
	if !ok || r < 0xDC00 || r > 0xDFFF {
		return 0, 0
	}
	return r, 3 + end + 1
}

// StringValue decodes the text of a single-line string piece (a token of
// kind StringComplete, StringLeft, StringMiddle or StringRight) into its
// value. ok is false when the piece is malformed; the scanner has already
// reported why.
func StringValue(k token.Kind, text string) (value string, ok bool) {
	var open, close string
	switch k {
	case token.StringComplete:
		open, close = "'", "'"
	case token.StringLeft:
		open, close = "'", "${"
	case token.StringMiddle:
		open, close = "}", "${"
	case token.StringRight:
		open, close = "}", "'"
	default:
		return "", false
	}
	if len(text) < len(open)+len(close) || !strings.HasPrefix(text, open) || !strings.HasSuffix(text, close) {
		return "", false
	}
	body := text[len(open) : len(text)-len(close)]
	if !strings.ContainsAny(body, "\\'") {
		return body, true
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '\'' {
			return "", false
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(body) {
			return "", false
		}
		switch body[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case '\\', '\'', '$':
			b.WriteByte(body[i])
		case 'u':
			if i+1 >= len(body) || body[i+1] != '{' {
				return "", false
			}
			end := strings.IndexByte(body[i+2:], '}')
			if end < 0 {
				return "", false
			}
			r, ok := parseCodePoint(body[i+2 : i+2+end])
			if !ok || end == 0 {
				return "", false
			}
			i += 2 + end
			// Bicep strings are UTF-16: a high surrogate escape followed
			// by a low one (\u{D801}\u{DC37}) is one character.
			if utf16.IsSurrogate(r) && r < 0xDC00 {
				if lo, n := lowSurrogateEscape(body[i+1:]); n > 0 {
					r = utf16.DecodeRune(r, lo)
					i += n
				}
			}
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	return b.String(), true
}

// MultilineValue returns the value of a multi-line string piece: a token of
// kind MultilineString, MultilineLeft, MultilineMiddle or MultilineRight.
// dollars is the number of $ before the opening quotes (0 for a plain
// multi-line string); it fixes how a hole opens. The first piece loses one
// leading line break. Escapes are not processed.
func MultilineValue(k token.Kind, text string, dollars int) (string, bool) {
	open, close := 0, 0
	switch k {
	case token.MultilineString, token.MultilineLeft:
		open = dollars + 3
	case token.MultilineMiddle, token.MultilineRight:
		open = 1
	default:
		return "", false
	}
	switch k {
	case token.MultilineString, token.MultilineRight:
		if !strings.HasSuffix(text, "'''") {
			return "", false
		}
		close = 3
	default:
		close = dollars + 1
	}
	if len(text) < open+close {
		return "", false
	}
	body := text[open : len(text)-close]
	if k == token.MultilineString || k == token.MultilineLeft {
		body = strings.TrimPrefix(body, "\r")
		body = strings.TrimPrefix(body, "\n")
	}
	return body, true
}

// MultilineDollars returns the number of $ before the quotes that open a
// multi-line string token.
func MultilineDollars(text string) int {
	n := 0
	for n < len(text) && text[n] == '$' {
		n++
	}
	return n
}
