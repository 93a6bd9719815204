package expr

import (
	"fmt"
	"strconv"
	"strings"
)

// MaxDepth is the deepest nesting of calls and indexes accepted. Real
// templates stay far below it; deeper input is reported instead of
// exhausting the stack.
const MaxDepth = 256

// Error is a syntax error at a byte offset of the parsed text.
type Error struct {
	Offset int
	Msg    string
}

// Error implements error.
func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

func errorf(off int, format string, args ...any) *Error {
	return &Error{Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// Parse parses a bracketed template expression such as "[concat('a')]".
// Offsets in the tree and in the error are relative to text, so the '['
// is offset 0. The caller decides whether text is an expression at all
// (ARM's "[[" escape is not handled here).
func Parse(text string) (Node, *Error) {
	if len(text) < 2 || text[0] != '[' || text[len(text)-1] != ']' {
		return nil, errorf(0, "an expression must be enclosed in '[' and ']'")
	}
	return parseRange(text, 1, len(text)-1)
}

// ParseExpr parses an expression written without the enclosing brackets,
// as in "concat('a', 'b')".
func ParseExpr(text string) (Node, *Error) { return parseRange(text, 0, len(text)) }

func parseRange(text string, from, to int) (Node, *Error) {
	p := &parser{s: scanner{src: text, off: from, limit: to}}
	p.advance()
	if p.tok.kind == tokEOF {
		if p.s.err != nil {
			return nil, p.s.err
		}
		return nil, errorf(from, "the expression is empty: write a function call between '[' and ']', or start the string with '[[' for a literal '['")
	}
	n := p.expr(0)
	if p.err == nil && p.tok.kind != tokEOF {
		p.failf(p.tok.off, "unexpected %s after the end of the expression", describe(p.tok))
	}
	if p.err != nil {
		return nil, p.err
	}
	return n, nil
}

type parser struct {
	s   scanner
	tok token
	err *Error
}

func (p *parser) advance() {
	p.tok = p.s.next()
	if p.s.err != nil && p.err == nil {
		p.err = p.s.err
	}
}

func (p *parser) failf(off int, format string, args ...any) {
	if p.err == nil {
		p.err = errorf(off, format, args...)
	}
	// Stop scanning: the first error is the useful one.
	p.tok = token{kind: tokEOF, off: off, end: off}
	p.s.off = p.s.limit
}

func describe(t token) string {
	switch t.kind {
	case tokEOF:
		return "end of expression"
	case tokString:
		return "string '" + strings.ReplaceAll(t.text, "'", "''") + "'"
	case tokIdent:
		return "'" + t.text + "'"
	case tokInt:
		return "number " + t.text
	}
	return "'" + t.text + "'"
}

// expr parses a primary expression followed by any number of property
// accesses and indexes.
func (p *parser) expr(depth int) Node {
	if depth >= MaxDepth {
		p.failf(p.tok.off, "the expression is nested more than %d levels deep", MaxDepth)
		return nil
	}
	n := p.primary(depth)
	for p.err == nil {
		switch p.tok.kind {
		case tokDot:
			dot := p.tok.off
			p.advance()
			if p.tok.kind != tokIdent {
				p.failf(p.tok.off, "expected a property name after '.', found %s", describe(p.tok))
				return nil
			}
			n = &Property{X: n, Dot: dot, Name: p.tok.text, NameOff: p.tok.off}
			p.advance()
		case tokLBrack:
			lb := p.tok.off
			p.advance()
			if p.tok.kind == tokRBrack {
				p.failf(p.tok.off, "expected an index or property name between '[' and ']'")
				return nil
			}
			idx := p.expr(depth + 1)
			if p.err != nil {
				return nil
			}
			if p.tok.kind != tokRBrack {
				p.failf(p.tok.off, "expected ']' to close the index opened at offset %d, found %s", lb, describe(p.tok))
				return nil
			}
			n = &Index{X: n, Lbrack: lb, Index: idx, Rbrack: p.tok.off}
			p.advance()
		default:
			return n
		}
	}
	return nil
}

func (p *parser) primary(depth int) Node {
	t := p.tok
	switch t.kind {
	case tokString:
		p.advance()
		return &String{Off: t.off, EndOff: t.end, Value: t.text}
	case tokInt:
		v, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			p.failf(t.off, "integer %s does not fit in 64 bits", t.text)
			return nil
		}
		p.advance()
		return &Int{Off: t.off, EndOff: t.end, Value: v}
	case tokIdent:
		return p.call(depth)
	case tokEOF:
		p.failf(t.off, "expected a value, found end of expression")
		return nil
	}
	p.failf(t.off, "expected a function call, string or number, found %s", describe(t))
	return nil
}

func (p *parser) call(depth int) Node {
	first := p.tok
	p.advance()
	c := &Call{Off: first.off, Name: first.text, NameOff: first.off}
	if p.tok.kind == tokDot {
		// ns.fn( is a user-defined function; anything else after a bare
		// word and a dot is not valid.
		save := p.s
		dot := p.tok
		p.advance()
		if p.tok.kind == tokIdent {
			name := p.tok
			p.advance()
			if p.tok.kind == tokLParen {
				c.Namespace, c.Name, c.NameOff = first.text, name.text, name.off
			} else {
				p.s, p.tok = save, dot
			}
		} else {
			p.s, p.tok = save, dot
		}
	}
	if p.tok.kind != tokLParen {
		if c.Namespace == "" {
			switch strings.ToLower(first.text) {
			case "true":
				return &Bool{Off: first.off, EndOff: first.end, Value: true}
			case "false":
				return &Bool{Off: first.off, EndOff: first.end, Value: false}
			case "null":
				return &Null{Off: first.off, EndOff: first.end}
			}
		}
		p.failf(p.tok.off, "expected '(' after the function name '%s', found %s", first.text, describe(p.tok))
		return nil
	}
	lp := p.tok.off
	p.advance()
	if p.tok.kind == tokRParen {
		c.Rparen = p.tok.off
		p.advance()
		return c
	}
	for p.err == nil {
		a := p.expr(depth + 1)
		if p.err != nil {
			return nil
		}
		c.Args = append(c.Args, a)
		switch p.tok.kind {
		case tokComma:
			p.advance()
		case tokRParen:
			c.Rparen = p.tok.off
			p.advance()
			return c
		default:
			p.failf(p.tok.off, "expected ',' or ')' in the arguments of '%s' opened at offset %d, found %s", c.FullName(), lp, describe(p.tok))
			return nil
		}
	}
	return nil
}
