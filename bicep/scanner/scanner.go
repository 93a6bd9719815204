// Package scanner turns Bicep source text into tokens.
//
// It follows the Bicep compiler's lexer: newlines are tokens, comments and
// whitespace are not (comments are kept in a side list), strings are split
// into pieces around ${...} holes, and #disable-next-line style directives
// at the start of a line are recorded so that suppressions can be found
// later. The scanner never fails: a bad character becomes an Illegal token
// and a positioned error with a BCP code.
package scanner

import (
	"fmt"
	"unicode/utf8"

	"github.com/azrule/azrule/bicep/token"
	"github.com/azrule/azrule/source"
)

// MaxErrors caps the lexical errors kept for one file.
const MaxErrors = 100

// Comment is a // or /* */ comment.
type Comment struct {
	Pos, End source.Pos
	Text     string // including the comment markers
	Block    bool   // a /* */ comment
}

// Directive is a #disable-next-line, #disable-diagnostics or
// #restore-diagnostics line. Codes are the diagnostic codes it names.
type Directive struct {
	Pos, End source.Pos
	Name     string // "disable-next-line", "disable-diagnostics", "restore-diagnostics"
	Codes    []Code
}

// Code is one diagnostic code named by a directive.
type Code struct {
	Pos  source.Pos
	Text string
}

var directiveNames = []string{"disable-next-line", "disable-diagnostics", "restore-diagnostics"}

// frame kinds on the interpolation stack.
const (
	frameHole      = 1 // inside ${ ... } of a single-line string
	frameBrace     = 2 // inside { ... } opened within a hole
	frameMultiHole = 3 // inside a hole of an interpolated multi-line string
)

// frame is one level of the interpolation stack; dollars is the number of
// $ that open a hole in a multi-line string.
type frame struct {
	kind    byte
	dollars int
}

// Scanner produces the tokens of one file. Create it with New and call Scan
// until it returns token.EOF; after that Comments, Directives and Errors
// are complete.
type Scanner struct {
	file  *source.File
	text  string // the file content, shared by all token texts
	off   int
	stack []frame

	// Comments lists every comment in source order.
	Comments []*Comment
	// Directives lists every suppression directive in source order.
	Directives []*Directive
	// Errors lists lexical errors (capped at MaxErrors).
	Errors source.ErrorList
}

// New returns a scanner over f. A leading UTF-8 byte order mark is skipped.
func New(f *source.File) *Scanner {
	s := &Scanner{file: f, text: string(f.Content)}
	if len(s.text) >= 3 && s.text[:3] == "\uFEFF" {
		s.off = 3
	}
	return s
}

func (s *Scanner) errorf(off int, code, format string, args ...any) {
	if len(s.Errors) >= MaxErrors {
		return
	}
	s.Errors = append(s.Errors, &source.Error{Pos: s.file.Pos(off), Code: code, Message: fmt.Sprintf(format, args...)})
}

func (s *Scanner) peek(n int) byte {
	if s.off+n < len(s.text) {
		return s.text[s.off+n]
	}
	return 0
}

func (s *Scanner) atEnd() bool { return s.off >= len(s.text) }

func (s *Scanner) tok(k token.Kind, start int) token.Token {
	return token.Token{Kind: k, Pos: s.file.Pos(start), End: s.file.Pos(s.off), Text: s.text[start:s.off]}
}

// Scan returns the next token. At the end of the input it returns EOF
// tokens forever.
func (s *Scanner) Scan() token.Token {
	s.skipTrivia()
	start := s.off
	if s.atEnd() {
		return s.tok(token.EOF, start)
	}
	c := s.text[s.off]
	s.off++
	switch c {
	case '\n', '\r':
		if s.inSingleLineHole() {
			// A newline inside an interpolation hole ends the string: report
			// it and hand the parser an empty closing piece.
			s.off = start
			s.errorf(start, "BCP004", "the string is not terminated before the end of the line; close it with '")
			s.stack = s.stack[:0]
			return s.tok(token.StringRight, start)
		}
		for !s.atEnd() && (s.text[s.off] == '\n' || s.text[s.off] == '\r') {
			s.off++
		}
		return s.tok(token.NewLine, start)
	case '{':
		if len(s.stack) > 0 {
			s.stack = append(s.stack, frame{kind: frameBrace})
		}
		return s.tok(token.LBrace, start)
	case '}':
		if n := len(s.stack); n > 0 {
			top := s.stack[n-1]
			if top.kind == frameBrace {
				s.stack = s.stack[:n-1]
				return s.tok(token.RBrace, start)
			}
			if top.kind == frameMultiHole {
				k := s.multilineSegment(start, top.dollars, false)
				if k == token.MultilineRight && len(s.stack) > 0 {
					s.stack = s.stack[:len(s.stack)-1]
				}
				return s.tok(k, start)
			}
			k := s.stringSegment(start, false)
			if k == token.StringRight && len(s.stack) > 0 {
				s.stack = s.stack[:len(s.stack)-1]
			}
			return s.tok(k, start)
		}
		return s.tok(token.RBrace, start)
	case '(':
		return s.tok(token.LParen, start)
	case ')':
		return s.tok(token.RParen, start)
	case '[':
		return s.tok(token.LBrack, start)
	case ']':
		return s.tok(token.RBrack, start)
	case '@':
		return s.tok(token.At, start)
	case ',':
		return s.tok(token.Comma, start)
	case ';':
		return s.tok(token.Semicolon, start)
	case '^':
		return s.tok(token.Hat, start)
	case '+':
		return s.tok(token.Plus, start)
	case '-':
		return s.tok(token.Minus, start)
	case '*':
		return s.tok(token.Asterisk, start)
	case '/':
		return s.tok(token.Slash, start)
	case '%':
		return s.tok(token.Percent, start)
	case '.':
		if s.peek(0) == '.' && s.peek(1) == '.' {
			s.off += 2
			return s.tok(token.Ellipsis, start)
		}
		return s.tok(token.Dot, start)
	case '?':
		if s.peek(0) == '?' {
			s.off++
			return s.tok(token.Coalesce, start)
		}
		return s.tok(token.Question, start)
	case ':':
		if s.peek(0) == ':' {
			s.off++
			return s.tok(token.DoubleColon, start)
		}
		return s.tok(token.Colon, start)
	case '!':
		switch s.peek(0) {
		case '=':
			s.off++
			return s.tok(token.NotEqual, start)
		case '~':
			s.off++
			return s.tok(token.NotEqualI, start)
		}
		return s.tok(token.Not, start)
	case '<':
		if s.peek(0) == '=' {
			s.off++
			return s.tok(token.LessEqual, start)
		}
		return s.tok(token.Less, start)
	case '>':
		if s.peek(0) == '=' {
			s.off++
			return s.tok(token.GreaterEqual, start)
		}
		return s.tok(token.Greater, start)
	case '=':
		switch s.peek(0) {
		case '=':
			s.off++
			return s.tok(token.Equal, start)
		case '~':
			s.off++
			return s.tok(token.EqualI, start)
		case '>':
			s.off++
			return s.tok(token.Arrow, start)
		}
		return s.tok(token.Assign, start)
	case '&':
		if s.peek(0) == '&' {
			s.off++
			return s.tok(token.And, start)
		}
		s.errorf(start, "BCP001", "the token %q is not recognized; did you mean &&?", "&")
		return s.tok(token.Illegal, start)
	case '|':
		if s.peek(0) == '|' {
			s.off++
			return s.tok(token.Or, start)
		}
		return s.tok(token.Pipe, start)
	case '\'':
		if s.peek(0) == '\'' && s.peek(1) == '\'' {
			s.off += 2
			return s.tok(s.multilineSegment(start, 0, true), start)
		}
		k := s.stringSegment(start, true)
		if k == token.StringLeft {
			s.stack = append(s.stack, frame{kind: frameHole})
		}
		return s.tok(k, start)
	case '$':
		// $''' (or $$''' ...) starts an interpolated multi-line string.
		n := 1
		for s.peek(n-1) == '$' {
			n++
		}
		if s.peek(n-1) == '\'' && s.peek(n) == '\'' && s.peek(n+1) == '\'' {
			s.off += n - 1 + 3
			k := s.multilineSegment(start, n, true)
			if k == token.MultilineLeft {
				s.stack = append(s.stack, frame{kind: frameMultiHole, dollars: n})
			}
			return s.tok(k, start)
		}
	case '"':
		s.errorf(start, "BCP103", "the token %q is not recognized; Bicep strings use single quotes", "\"")
		return s.tok(token.Illegal, start)
	}
	switch {
	case isDigit(c):
		for !s.atEnd() && isDigit(s.text[s.off]) {
			s.off++
		}
		return s.tok(token.Integer, start)
	case isIdentStart(c):
		for !s.atEnd() && isIdentPart(s.text[s.off]) {
			s.off++
		}
		t := s.tok(token.Identifier, start)
		switch t.Text {
		case "true":
			t.Kind = token.True
		case "false":
			t.Kind = token.False
		case "null":
			t.Kind = token.Null
		default:
			if len(t.Text) > token.MaxIdentifierLength {
				s.errorf(start, "BCP024", "the identifier is longer than %d characters; shorten it", token.MaxIdentifierLength)
			}
		}
		return t
	}
	// An unknown character: take the whole UTF-8 sequence so positions and
	// messages stay readable.
	if c >= utf8.RuneSelf {
		_, size := utf8.DecodeRuneInString(s.text[start:])
		s.off = start + size
	}
	s.errorf(start, "BCP001", "the token %q is not recognized", s.text[start:s.off])
	return s.tok(token.Illegal, start)
}

// skipTrivia skips whitespace and comments and records comments and
// directives.
func (s *Scanner) skipTrivia() {
	for !s.atEnd() {
		switch c := s.text[s.off]; {
		case c == ' ' || c == '\t':
			s.off++
		case c == '/' && s.peek(1) == '/':
			start := s.off
			for !s.atEnd() && s.text[s.off] != '\n' && s.text[s.off] != '\r' {
				s.off++
			}
			s.Comments = append(s.Comments, &Comment{Pos: s.file.Pos(start), End: s.file.Pos(s.off), Text: s.text[start:s.off]})
		case c == '/' && s.peek(1) == '*':
			start := s.off
			s.off += 2
			closed := false
			for !s.atEnd() {
				if s.text[s.off] == '*' && s.peek(1) == '/' {
					s.off += 2
					closed = true
					break
				}
				s.off++
			}
			if !closed {
				s.errorf(start, "BCP002", "the multi-line comment is not terminated; close it with */")
			}
			s.Comments = append(s.Comments, &Comment{Pos: s.file.Pos(start), End: s.file.Pos(s.off), Text: s.text[start:s.off], Block: true})
		case c == '#' && len(s.stack) == 0 && s.lineBlankBefore(s.off):
			if !s.directive() {
				return
			}
		default:
			return
		}
	}
}

// lineBlankBefore reports whether only spaces and tabs precede off on its
// line: Bicep only recognizes a directive there.
func (s *Scanner) lineBlankBefore(off int) bool {
	for i := off - 1; i >= 0; i-- {
		switch s.text[i] {
		case ' ', '\t':
			continue
		case '\n', '\r':
			return true
		}
		return i == 2 && s.text[:3] == "\uFEFF"
	}
	return true
}

// directive scans a directive at s.off ('#'). It returns false, consuming
// nothing, when the text is not a known directive.
func (s *Scanner) directive() bool {
	start := s.off
	name := ""
	for _, d := range directiveNames {
		end := start + 1 + len(d)
		if end <= len(s.text) && s.text[start+1:end] == d && (end == len(s.text) || !isIdentPart(s.text[end]) && s.text[end] != '-') {
			name = d
			break
		}
	}
	if name == "" {
		return false
	}
	s.off = start + 1 + len(name)
	d := &Directive{Pos: s.file.Pos(start), Name: name}
	for {
		for !s.atEnd() && (s.text[s.off] == ' ' || s.text[s.off] == '\t') {
			s.off++
		}
		if s.atEnd() || s.text[s.off] == '\n' || s.text[s.off] == '\r' ||
			s.text[s.off] == '/' && (s.peek(1) == '/' || s.peek(1) == '*') {
			break
		}
		cs := s.off
		for !s.atEnd() {
			c := s.text[s.off]
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				break
			}
			s.off++
		}
		d.Codes = append(d.Codes, Code{Pos: s.file.Pos(cs), Text: s.text[cs:s.off]})
	}
	if len(d.Codes) == 0 {
		s.errorf(s.off, "BCP226", "#%s needs at least one diagnostic code, as in #%s code1 code2", name, name)
		d.End = s.file.Pos(start + 1 + len(name))
	} else {
		last := d.Codes[len(d.Codes)-1]
		d.End = last.Pos.Add(len(last.Text))
	}
	s.Directives = append(s.Directives, d)
	return true
}

// stringSegment scans the rest of a string piece after its opening ' or }.
func (s *Scanner) stringSegment(start int, first bool) token.Kind {
	done, open := token.StringRight, token.StringMiddle
	if first {
		done, open = token.StringComplete, token.StringLeft
	}
	for {
		if s.atEnd() {
			s.errorf(start, "BCP003", "the string is not terminated; close it with '")
			return done
		}
		c := s.text[s.off]
		if c == '\n' || c == '\r' {
			s.errorf(start, "BCP004", "the string is not terminated before the end of the line; close it with '")
			return done
		}
		esc := s.off
		s.off++
		switch c {
		case '\'':
			return done
		case '$':
			if s.peek(0) == '{' {
				s.off++
				return open
			}
			continue
		case '\\':
		default:
			continue
		}
		if s.atEnd() {
			s.errorf(esc, "BCP005", "the escape sequence at the end of the file is not terminated")
			return done
		}
		e := s.text[s.off]
		if e == '\n' || e == '\r' {
			continue // reported as an unterminated string on the next turn
		}
		s.off++
		switch e {
		case 'n', 'r', 't', '\\', '\'', '$':
		case 'u':
			s.unicodeEscape(esc)
		default:
			s.errorf(esc, "BCP006", "the escape sequence \\%c is not recognized; use one of \\n \\r \\t \\\\ \\' \\$ \\u{...}", e)
		}
	}
}

// unicodeEscape checks the {hex} part of a \u escape starting at esc.
func (s *Scanner) unicodeEscape(esc int) {
	if s.peek(0) != '{' {
		s.errorf(esc, "BCP006", "a \\u escape needs a code point in braces, as in \\u{1F600}")
		return
	}
	s.off++
	hs := s.off
	for !s.atEnd() && isHex(s.text[s.off]) {
		s.off++
	}
	if s.peek(0) != '}' || s.off == hs {
		s.errorf(esc, "BCP006", "a \\u escape needs a code point in braces, as in \\u{1F600}")
		return
	}
	hex := s.text[hs:s.off]
	s.off++
	if _, ok := parseCodePoint(hex); !ok {
		s.errorf(esc, "BCP006", "the code point %s in the \\u escape is above 10FFFF", hex)
	}
}

// multilineSegment scans a multi-line string piece after its opening
// triple quote (or $ and triple quote) or }. dollars is 0 for a plain
// multi-line string, which has no holes; otherwise exactly that many $
// followed by { open a hole (any $ before them are text).
func (s *Scanner) multilineSegment(start, dollars int, first bool) token.Kind {
	done, open := token.MultilineRight, token.MultilineMiddle
	if first {
		done, open = token.MultilineString, token.MultilineLeft
	}
	quotes := 0
	for !s.atEnd() {
		c := s.text[s.off]
		if c == '$' && dollars > 0 {
			quotes = 0
			run := 0
			for s.peek(run) == '$' {
				run++
			}
			s.off += run
			if run >= dollars && s.peek(0) == '{' {
				s.off++
				return open
			}
			continue
		}
		s.off++
		if c != '\'' {
			quotes = 0
			continue
		}
		quotes++
		if quotes == 3 {
			// The string may end in quotes of its own: four quotes at the
			// end leave one in the value.
			for !s.atEnd() && s.text[s.off] == '\'' {
				s.off++
			}
			return done
		}
	}
	s.errorf(start, "BCP140", "the multi-line string is not terminated; close it with three single quotes")
	return done
}

// inSingleLineHole reports whether the innermost interpolation hole is in
// a single-line string, where a line break is an error.
func (s *Scanner) inSingleLineHole() bool {
	for i := len(s.stack) - 1; i >= 0; i-- {
		switch s.stack[i].kind {
		case frameHole:
			return true
		case frameMultiHole:
			return false
		}
	}
	return false
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isHex(c byte) bool        { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
func isIdentStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isIdentPart(c byte) bool  { return isIdentStart(c) || isDigit(c) }

// IsIdentifier reports whether s is a valid Bicep identifier.
func IsIdentifier(s string) bool {
	if s == "" || !isIdentStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isIdentPart(s[i]) {
			return false
		}
	}
	return true
}
