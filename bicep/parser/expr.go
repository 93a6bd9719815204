package parser

import (
	"strconv"
	"strings"

	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/bicep/scanner"
	"github.com/azrule/azrule/bicep/token"
)

// Expression flags, as in the Bicep compiler.
type flags uint8

const (
	// flagComplex allows array and object literals (not allowed inside
	// string interpolation).
	flagComplex flags = 1 << iota
	// flagResources allows nested resource declarations in an object (the
	// body of a resource).
	flagResources
)

// expr parses an expression, including the ternary operator. Newlines are
// allowed before ? and before :.
func (p *parser) expr(fl flags) ast.Expr {
	if !p.enter() {
		p.leave()
		return p.bad()
	}
	defer p.leave()
	x := p.binary(fl, token.PrecLowest)
	if p.peekPastNewlines().Kind != token.Question {
		return x
	}
	p.skipNewlines()
	q := p.next().Pos
	then := p.expr(fl)
	if p.peekPastNewlines().Kind == token.Colon {
		p.skipNewlines()
	}
	colon, _ := p.expect(token.Colon)
	els := p.expr(fl)
	return &ast.TernaryExpr{Cond: x, Then: then, Else: els, Question: q, Colon: colon}
}

// bad returns a zero-width BadExpr just after the last consumed token, so
// that it lies inside the node being built. (The error itself is reported
// at the offending token.)
func (p *parser) bad() *ast.BadExpr {
	pos := p.prevEnd()
	return &ast.BadExpr{From: pos, To: pos}
}

// binary parses binary operations by precedence climbing; every binary
// operator is left-associative.
func (p *parser) binary(fl flags, min int) ast.Expr {
	x := p.unary(fl)
	for {
		op := p.tok()
		prec := op.Kind.Precedence()
		if prec <= min {
			return x
		}
		p.next()
		y := p.binary(fl, prec)
		x = &ast.BinaryExpr{X: x, OpPos: op.Pos, Op: op.Kind, Y: y}
	}
}

// unary parses !x and -x. As in Bicep the operand is a member expression,
// so !!x needs parentheses.
func (p *parser) unary(fl flags) ast.Expr {
	if t := p.tok(); t.Kind.IsUnary() {
		p.next()
		return &ast.UnaryExpr{OpPos: t.Pos, Op: t.Kind, X: p.member(fl)}
	}
	return p.member(fl)
}

// member parses a primary expression followed by accessors: [i], [?i],
// [^i], .name, .?name, .name(args), ::name and the postfix !.
func (p *parser) member(fl flags) ast.Expr {
	x := p.primary(fl)
	for {
		switch p.tok().Kind {
		case token.LBrack:
			lb := p.next().Pos
			ix := &ast.IndexExpr{X: x, Lbrack: lb}
			if p.at(token.Question) {
				p.next()
				ix.Safe = true
			}
			if p.at(token.Hat) {
				p.next()
				ix.FromEnd = true
			}
			if p.at(token.RBrack) {
				p.errorf(p.tok().Pos, "BCP117", "an empty index is not allowed; put an expression between [ and ]")
				ix.Index = p.bad()
			} else {
				ix.Index = p.expr(fl)
			}
			ix.Rbrack = p.closer(token.RBrack)
			x = ix
		case token.Dot:
			dot := p.next().Pos
			safe := false
			if p.at(token.Question) {
				p.next()
				safe = true
			}
			name := p.ident("BCP020", "a function or property name")
			if p.at(token.LParen) {
				if safe {
					p.errorf(dot, CodeSyntax, "the safe access .? cannot be used to call a function; use . instead")
				}
				x = p.call(x, name, fl)
			} else {
				x = &ast.PropertyAccess{X: x, Dot: dot, Safe: safe, Name: name}
			}
		case token.DoubleColon:
			p.next()
			x = &ast.ResourceAccess{X: x, Name: p.ident("BCP020", "a nested resource name")}
		case token.Not:
			x = &ast.NonNullExpr{X: x, Bang: p.next().Pos}
		default:
			return x
		}
	}
}

// primary parses literals, strings, arrays, objects, for-expressions,
// parenthesized expressions, lambdas, names and calls.
func (p *parser) primary(fl flags) ast.Expr {
	t := p.tok()
	switch t.Kind {
	case token.Integer:
		p.next()
		lit := &ast.IntLit{ValuePos: t.Pos, Text: t.Text}
		v, err := strconv.ParseUint(t.Text, 10, 64)
		if err != nil {
			lit.Overflow = true
			p.errorf(t.Pos, "BCP010", "the integer %s is too large; integers must fit in 64 bits", t.Text)
		} else {
			lit.Value = v
		}
		return lit
	case token.True, token.False:
		p.next()
		return &ast.BoolLit{ValuePos: t.Pos, Value: t.Kind == token.True}
	case token.Null:
		p.next()
		return &ast.NullLit{ValuePos: t.Pos}
	case token.StringComplete, token.StringLeft:
		return p.str()
	case token.MultilineString, token.MultilineLeft:
		return p.multiline()
	case token.LBrace:
		if fl&flagComplex == 0 {
			p.errorf(t.Pos, "BCP087", "array and object literals are not allowed here; move the value into a variable")
		}
		return p.object(fl)
	case token.LBrack:
		if fl&flagComplex == 0 {
			p.errorf(t.Pos, "BCP087", "array and object literals are not allowed here; move the value into a variable")
		}
		if isKeyword(p.peekAfterBracket(), "for") {
			return p.forExpr(fl, false)
		}
		return p.array()
	case token.LParen:
		return p.parenOrLambda(fl)
	case token.Identifier:
		p.next()
		name := &ast.Ident{NamePos: t.Pos, Name: t.Text}
		switch p.tok().Kind {
		case token.LParen:
			return p.call(nil, name, fl)
		case token.Arrow:
			return p.lambdaBody(&ast.Lambda{Params: []*ast.LambdaParam{{Name: name}}})
		}
		return name
	}
	p.errorf(t.Pos, "BCP009", "expected a value (a literal, an array, an object, a parenthesized expression or a function call), found %s", describe(t))
	return p.bad()
}

// peekAfterBracket returns the first token after the current [ that is not
// a new line.
func (p *parser) peekAfterBracket() token.Token {
	j := p.i + 1
	for p.tokAt(j).Kind == token.NewLine {
		j++
	}
	return p.tokAt(j)
}

// str parses a single-line string and its interpolation holes.
func (p *parser) str() *ast.StringLit {
	t := p.next()
	s := &ast.StringLit{From: t.Pos}
	s.Parts = append(s.Parts, stringPart(t))
	s.PartPos = append(s.PartPos, t.Pos.Add(1))
	if t.Kind == token.StringComplete {
		s.To = t.End
		return s
	}
	for {
		// Holes hold single-line expressions without array or object
		// literals.
		s.Exprs = append(s.Exprs, p.expr(0))
		if !p.at(token.StringMiddle) && !p.at(token.StringRight) {
			p.errorf(p.tok().Pos, "BCP064", "unexpected %s in the interpolated expression; close it with }", describe(p.tok()))
			p.skipTo(token.StringMiddle, token.StringRight, token.NewLine)
		}
		if !p.at(token.StringMiddle) && !p.at(token.StringRight) {
			// The string ended at a line break or the end of the file; the
			// scanner has reported it.
			s.Parts = append(s.Parts, "")
			s.PartPos = append(s.PartPos, p.tok().Pos)
			s.To = p.prevEnd()
			return s
		}
		piece := p.next()
		s.Parts = append(s.Parts, stringPart(piece))
		s.PartPos = append(s.PartPos, piece.Pos.Add(1))
		if piece.Kind == token.StringRight {
			s.To = piece.End
			return s
		}
	}
}

// stringPart decodes one string piece; a malformed piece (already reported
// by the scanner) keeps its raw text.
func stringPart(t token.Token) string {
	if v, ok := scanner.StringValue(t.Kind, t.Text); ok {
		return v
	}
	if len(t.Text) >= 1 {
		return t.Text[1:]
	}
	return ""
}

// multiline parses a multi-line string; with a $ prefix it may have
// holes, which (unlike single-line holes) may span lines.
func (p *parser) multiline() *ast.StringLit {
	t := p.next()
	dollars := scanner.MultilineDollars(t.Text)
	s := &ast.StringLit{From: t.Pos, Multiline: true}
	s.Parts = append(s.Parts, multilinePart(t, dollars))
	// The value starts after the quotes and the line break that follows
	// them, which is not part of the value.
	start := dollars + 3
	if strings.HasPrefix(t.Text[min(start, len(t.Text)):], "\r") {
		start++
	}
	if strings.HasPrefix(t.Text[min(start, len(t.Text)):], "\n") {
		start++
	}
	s.PartPos = append(s.PartPos, t.Pos.Add(start))
	if t.Kind == token.MultilineString {
		s.To = t.End
		return s
	}
	for {
		s.Exprs = append(s.Exprs, p.expr(0))
		if !p.at(token.MultilineMiddle) && !p.at(token.MultilineRight) {
			p.errorf(p.tok().Pos, "BCP064", "unexpected %s in the interpolated expression; close it with }", describe(p.tok()))
			p.skipTo(token.MultilineMiddle, token.MultilineRight)
		}
		if p.at(token.EOF) {
			s.Parts = append(s.Parts, "")
			s.PartPos = append(s.PartPos, p.tok().Pos)
			s.To = p.prevEnd()
			return s
		}
		piece := p.next()
		s.Parts = append(s.Parts, multilinePart(piece, dollars))
		s.PartPos = append(s.PartPos, piece.Pos.Add(1))
		if piece.Kind == token.MultilineRight {
			s.To = piece.End
			return s
		}
	}
}

// multilinePart decodes one multi-line piece; a malformed (unterminated)
// piece keeps the text after its opening delimiter.
func multilinePart(t token.Token, dollars int) string {
	if v, ok := scanner.MultilineValue(t.Kind, t.Text, dollars); ok {
		return v
	}
	skip := 1
	if t.Kind == token.MultilineString || t.Kind == token.MultilineLeft {
		skip = dollars + 3
	}
	if len(t.Text) >= skip {
		return t.Text[skip:]
	}
	return ""
}

// array parses [items].
func (p *parser) array() ast.Expr {
	if !p.enter() {
		p.leave()
		return p.skipBracketed()
	}
	defer p.leave()
	a := &ast.ArrayLit{Lbrack: p.next().Pos}
	p.elements(token.RBrack, func() {
		if p.at(token.Ellipsis) {
			a.Items = append(a.Items, p.spread())
			return
		}
		a.Items = append(a.Items, p.expr(flagComplex))
	})
	a.Rbrack = p.closer(token.RBrack)
	return a
}

// skipBracketed is the recovery when nesting is too deep: it skips to the
// end of the line.
func (p *parser) skipBracketed() ast.Expr {
	from := p.tok().Pos
	p.skipTo(token.NewLine)
	if p.prevEnd().Offset < from.Offset {
		from = p.prevEnd()
	}
	return &ast.BadExpr{From: from, To: p.prevEnd()}
}

func (p *parser) spread() *ast.Spread {
	e := p.next().Pos
	return &ast.Spread{Ellipsis: e, X: p.expr(flagComplex)}
}

// object parses {items}. With flagResources, items may be nested resource
// declarations.
func (p *parser) object(fl flags) *ast.ObjectLit {
	o := &ast.ObjectLit{Lbrace: p.tok().Pos}
	if !p.at(token.LBrace) {
		p.expect(token.LBrace)
		o.Lbrace = p.prevEnd()
		o.Rbrace = o.Lbrace.Add(-1)
		return o
	}
	if !p.enter() {
		p.leave()
		p.skipTo(token.NewLine)
		o.Rbrace = p.prevEnd().Add(-1)
		return o
	}
	defer p.leave()
	p.next()
	p.elements(token.RBrace, func() {
		if fl&flagResources != 0 && (p.at(token.At) || p.atKeyword("resource") && p.peek(1).Kind == token.Identifier) {
			o.Items = append(o.Items, p.nestedResource())
			return
		}
		if p.at(token.Ellipsis) {
			o.Items = append(o.Items, p.spread())
			return
		}
		var key ast.Expr
		switch p.tok().Kind {
		case token.Identifier:
			t := p.next()
			key = &ast.Ident{NamePos: t.Pos, Name: t.Text}
		case token.StringComplete, token.StringLeft:
			key = p.str()
		default:
			p.errorf(p.tok().Pos, "BCP022", "expected a property name here, found %s", describe(p.tok()))
			key = p.bad()
			o.Items = append(o.Items, &ast.Property{Key: key, Colon: key.Pos(), Value: p.bad()})
			return
		}
		colon, ok := p.expect(token.Colon)
		var val ast.Expr
		if ok {
			val = p.expr(flagComplex)
		} else {
			val = p.bad()
		}
		o.Items = append(o.Items, &ast.Property{Key: key, Colon: colon, Value: val})
	})
	o.Rbrace = p.closer(token.RBrace)
	return o
}

// call parses (args) after a function name; recv is the namespace or
// object for recv.name(args).
func (p *parser) call(recv ast.Expr, name *ast.Ident, fl flags) *ast.CallExpr {
	c := &ast.CallExpr{Recv: recv, Name: name, Lparen: p.next().Pos}
	if p.at(token.RParen) {
		c.Rparen = p.next().Pos
		return c
	}
	p.skipNewlines()
	for !p.at(token.EOF) && !p.at(token.RParen) && !p.atDeclarationStart(false) {
		n := p.nerr
		c.Args = append(c.Args, p.expr(fl))
		if p.nerr > n {
			p.skipTo(token.NewLine, token.Comma, token.RParen)
		}
		switch {
		case p.at(token.Comma):
			p.next()
			p.skipNewlines()
			if p.at(token.RParen) {
				p.errorf(p.tok().Pos, "BCP009", "expected an argument after the comma; remove the trailing comma")
			}
		case p.at(token.NewLine):
			nt := p.peekPastNewlines()
			if nt.Kind == token.EOF {
				p.skipNewlines()
				break
			}
			p.skipNewlines()
			if nt.Kind != token.RParen && !p.atDeclarationStart(false) {
				p.errorf(p.tok().Pos, "BCP237", "expected a comma between the arguments")
			}
		case p.at(token.RParen), p.at(token.EOF):
		default:
			p.errorf(p.tok().Pos, "BCP236", "expected a new line or a comma here, found %s", describe(p.tok()))
			p.skipTo(token.NewLine, token.Comma, token.RParen)
			if p.at(token.Comma) {
				p.next()
			}
			p.skipNewlines()
		}
	}
	c.Rparen = p.closer(token.RParen)
	return c
}

// parenOrLambda parses (x), or the parameter list and body of a lambda.
func (p *parser) parenOrLambda(fl flags) ast.Expr {
	lp := p.next().Pos
	var items []ast.Expr
	p.skipNewlines()
	for !p.at(token.RParen) && !p.at(token.EOF) && !p.atDeclarationStart(false) {
		n := p.nerr
		items = append(items, p.expr(fl))
		if p.nerr > n {
			p.skipTo(token.Comma, token.RParen, token.NewLine, token.RBrace, token.RBrack, token.StringRight)
		}
		p.skipNewlines()
		if !p.at(token.Comma) {
			break
		}
		p.next()
		p.skipNewlines()
	}
	rp := p.closer(token.RParen)
	if p.at(token.Arrow) {
		l := &ast.Lambda{Lparen: lp, Rparen: rp}
		for _, it := range items {
			id, ok := it.(*ast.Ident)
			if !ok {
				p.errorf(it.Pos(), CodeSyntax, "a lambda parameter must be a plain name")
				id = &ast.Ident{NamePos: it.Pos()}
			}
			l.Params = append(l.Params, &ast.LambdaParam{Name: id})
		}
		return p.lambdaBody(l)
	}
	if len(items) != 1 {
		p.errorf(lp, "BCP243", "parentheses must contain exactly one expression")
		x := ast.Expr(&ast.BadExpr{From: lp.Add(1), To: lp.Add(1)})
		if len(items) > 0 {
			x = items[0]
		}
		return &ast.ParenExpr{Lparen: lp, Rparen: rp, X: x}
	}
	return &ast.ParenExpr{Lparen: lp, Rparen: rp, X: items[0]}
}

// lambdaBody parses => body. New lines may follow the arrow unless the next
// line starts a declaration.
func (p *parser) lambdaBody(l *ast.Lambda) *ast.Lambda {
	arrow, ok := p.expect(token.Arrow)
	l.Arrow = arrow
	if !ok {
		l.Body = p.bad()
		return l
	}
	if nt := p.peekPastNewlines(); !(nt.Kind == token.Identifier && token.IsDeclarationKeyword(nt.Text)) {
		p.skipNewlines()
	}
	l.Body = p.expr(flagComplex)
	return l
}

// forExpr parses [for item in xs: body] and [for (item, i) in xs: body].
// In a resource or module body the body is an object or if (cond) {...}.
func (p *parser) forExpr(fl flags, resourceBody bool) ast.Expr {
	f := &ast.ForExpr{Lbrack: p.next().Pos}
	p.skipNewlines()
	p.expectKeyword("for")
	switch p.tok().Kind {
	case token.Identifier:
		t := p.next()
		f.Item = &ast.Ident{NamePos: t.Pos, Name: t.Text}
	case token.LParen:
		lp := p.next().Pos
		var names []*ast.Ident
		for !p.at(token.RParen) && !p.at(token.EOF) && !p.at(token.NewLine) {
			names = append(names, p.ident("BCP162", "a loop variable name"))
			if !p.at(token.Comma) {
				break
			}
			p.next()
		}
		p.closer(token.RParen)
		if len(names) != 2 {
			p.errorf(lp, "BCP249", "the loop variable block must have exactly two names: (item, index)")
		}
		if len(names) > 0 {
			f.Item = names[0]
		}
		if len(names) > 1 {
			f.Index = names[1]
		}
	default:
		p.errorf(p.tok().Pos, "BCP162", "expected a loop item name or ( here, found %s", describe(p.tok()))
	}
	if f.Item == nil {
		f.Item = &ast.Ident{NamePos: p.prevEnd()}
	}
	p.expectKeyword("in")
	f.Iterable = p.expr(flagComplex)
	if _, ok := p.expect(token.Colon); !ok {
		f.Body = p.bad()
	} else if resourceBody {
		switch {
		case p.at(token.LBrace):
			f.Body = p.object(fl)
		case p.atKeyword("if"):
			f.Body = p.ifExpr(fl)
		default:
			p.errorf(p.tok().Pos, "BCP167", "expected { or the if keyword here, found %s", describe(p.tok()))
			f.Body = p.bad()
		}
	} else {
		f.Body = p.expr(fl | flagComplex)
	}
	p.skipNewlines()
	f.Rbrack = p.closer(token.RBrack)
	return f
}

// ifExpr parses if (cond) {body}.
func (p *parser) ifExpr(fl flags) ast.Expr {
	x := &ast.IfExpr{If: p.next().Pos}
	if p.at(token.LParen) {
		x.Cond = p.parenOrLambda(fl &^ flagResources)
	} else {
		p.errorf(p.tok().Pos, "BCP018", "expected \"(\" after if, found %s", describe(p.tok()))
		x.Cond = p.bad()
	}
	if p.at(token.LBrace) {
		x.Body = p.object(fl)
	} else {
		p.errorf(p.tok().Pos, "BCP018", "expected \"{\" after the condition, found %s", describe(p.tok()))
		x.Body = p.bad()
	}
	return x
}
