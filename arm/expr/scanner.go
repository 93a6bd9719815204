package expr

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// tokenKind is the kind of a lexical token.
type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokIdent
	tokString
	tokInt
	tokLParen
	tokRParen
	tokLBrack
	tokRBrack
	tokComma
	tokDot
	tokIllegal
)

// token is one lexical token. For tokString, text is the decoded value;
// for the others it is the source text.
type token struct {
	kind tokenKind
	off  int // first byte
	end  int // one past the last byte
	text string
}

// scanner splits src[off:limit] into tokens. It never reads past limit,
// so the closing ']' of the template string is not seen as a token.
type scanner struct {
	src   string
	off   int
	limit int
	err   *Error
}

func (s *scanner) fail(off int, format string, args ...any) {
	if s.err == nil {
		s.err = errorf(off, format, args...)
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isIdentStart(r rune) bool { return r == '_' || r == '$' || unicode.IsLetter(r) }

// isIdentPart also admits '-': ARM has no operators, so a hyphen inside a
// property name (outputs.my-output) cannot be mistaken for anything else.
func isIdentPart(r rune) bool { return isIdentStart(r) || unicode.IsDigit(r) || r == '-' }

// next returns the next token.
func (s *scanner) next() token {
	for s.off < s.limit && isSpace(s.src[s.off]) {
		s.off++
	}
	start := s.off
	if start >= s.limit {
		return token{kind: tokEOF, off: start, end: start}
	}
	c := s.src[start]
	single := func(k tokenKind) token {
		s.off++
		return token{kind: k, off: start, end: s.off, text: s.src[start:s.off]}
	}
	switch c {
	case '(':
		return single(tokLParen)
	case ')':
		return single(tokRParen)
	case '[':
		return single(tokLBrack)
	case ']':
		return single(tokRBrack)
	case ',':
		return single(tokComma)
	case '.':
		return single(tokDot)
	case '\'':
		return s.str()
	}
	if c == '-' || c == '+' || (c >= '0' && c <= '9') {
		return s.number()
	}
	r, size := utf8.DecodeRuneInString(s.src[start:s.limit])
	if isIdentStart(r) {
		s.off += size
		for s.off < s.limit {
			if c := s.src[s.off]; c < utf8.RuneSelf {
				// ASCII fast path: letters, digits, '_', '$', '-'.
				if c == '_' || c == '$' || c == '-' || (c|0x20 >= 'a' && c|0x20 <= 'z') || (c >= '0' && c <= '9') {
					s.off++
					continue
				}
				break
			}
			r, size := utf8.DecodeRuneInString(s.src[s.off:s.limit])
			if !isIdentPart(r) {
				break
			}
			s.off += size
		}
		return token{kind: tokIdent, off: start, end: s.off, text: s.src[start:s.off]}
	}
	s.off += size
	s.fail(start, "unexpected character %s in expression", strconv.QuoteRune(r))
	return token{kind: tokIllegal, off: start, end: s.off, text: s.src[start:s.off]}
}

// str scans a single-quoted literal; ” stands for one quote.
func (s *scanner) str() token {
	start := s.off
	s.off++ // opening quote
	var buf []byte
	seg := s.off
	for s.off < s.limit {
		if s.src[s.off] != '\'' {
			s.off++
			continue
		}
		if s.off+1 < s.limit && s.src[s.off+1] == '\'' {
			buf = append(buf, s.src[seg:s.off+1]...)
			s.off += 2
			seg = s.off
			continue
		}
		var text string
		if buf == nil {
			text = s.src[seg:s.off]
		} else {
			text = string(append(buf, s.src[seg:s.off]...))
		}
		s.off++
		return token{kind: tokString, off: start, end: s.off, text: text}
	}
	s.fail(start, "unterminated string literal: add the closing ' (write '' for a quote inside the string)")
	return token{kind: tokIllegal, off: start, end: s.off}
}

// number scans an optionally signed integer. ARM expressions have no
// fraction or exponent syntax; json('1.5') is the documented way to get a
// float, so a '.' followed by a digit is reported rather than read as a
// property access.
func (s *scanner) number() token {
	start := s.off
	if c := s.src[s.off]; c == '-' || c == '+' {
		s.off++
	}
	digits := s.off
	for s.off < s.limit && s.src[s.off] >= '0' && s.src[s.off] <= '9' {
		s.off++
	}
	if s.off == digits {
		s.fail(start, "'%c' must be followed by digits: ARM expressions have no operators (use sub(), add() and the other numeric functions)", s.src[start])
		return token{kind: tokIllegal, off: start, end: s.off}
	}
	if s.off+1 < s.limit && s.src[s.off] == '.' && s.src[s.off+1] >= '0' && s.src[s.off+1] <= '9' {
		s.fail(start, "ARM expressions have no decimal literals; use json('%s') for a floating-point number", s.src[start:s.off]+".")
		return token{kind: tokIllegal, off: start, end: s.off}
	}
	return token{kind: tokInt, off: start, end: s.off, text: s.src[start:s.off]}
}
