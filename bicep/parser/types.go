package parser

import (
	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/bicep/token"
)

// declType parses the type of a param, var or output. It is a type
// expression or resource 'Type@version'; for outputs (optionalResource)
// the type string after resource may be left out.
func (p *parser) declType(optionalResource bool) ast.TypeExpr {
	if p.atKeyword("resource") && p.peek(1).Kind != token.Less {
		rt := &ast.ResourceType{Keyword: p.next().Pos}
		if p.at(token.StringComplete) || p.at(token.StringLeft) {
			rt.TypeString = p.str()
		} else if !optionalResource {
			p.errorf(p.tok().Pos, "BCP068", "expected a resource type string such as 'Microsoft.Storage/storageAccounts@2023-01-01', found %s", describe(p.tok()))
		}
		return rt
	}
	return p.typeExpr()
}

// unionNext reports whether a | (possibly on the next line) continues a
// union type.
func (p *parser) unionNext() bool {
	return p.at(token.Pipe) || p.at(token.NewLine) && p.peekPastNewlines().Kind == token.Pipe
}

// typeExpr parses a type expression, including unions (a | b, with an
// optional leading | and new lines before each |).
func (p *parser) typeExpr() ast.TypeExpr {
	if !p.enter() {
		p.leave()
		from := p.tok().Pos
		p.skipTo(token.NewLine)
		if p.prevEnd().Offset < from.Offset {
			from = p.prevEnd()
		}
		return &ast.BadType{From: from, To: p.prevEnd()}
	}
	defer p.leave()
	var u *ast.UnionType
	if p.unionNext() {
		p.skipNewlines()
		u = &ast.UnionType{From: p.next().Pos}
	}
	first := p.unaryType()
	if u == nil && !p.unionNext() {
		return first
	}
	if u == nil {
		u = &ast.UnionType{}
	}
	u.Members = append(u.Members, first)
	for p.unionNext() {
		p.skipNewlines()
		p.next()
		if p.at(token.NewLine) || p.at(token.EOF) {
			p.errorf(p.tok().Pos, "BCP279", "expected a type after |, found %s", describe(p.tok()))
			pos := p.prevEnd()
			u.Members = append(u.Members, &ast.BadType{From: pos, To: pos})
			break
		}
		u.Members = append(u.Members, p.unaryType())
	}
	return u
}

// unaryType parses -x and !x literal types and the postfix ? and !.
func (p *parser) unaryType() ast.TypeExpr {
	var x ast.TypeExpr
	if t := p.tok(); t.Kind.IsUnary() {
		p.next()
		x = &ast.UnaryType{OpPos: t.Pos, Op: t.Kind, X: p.memberType()}
	} else {
		x = p.memberType()
	}
	for {
		switch p.tok().Kind {
		case token.Question:
			x = &ast.NullableType{X: x, Question: p.next().Pos}
		case token.Not:
			x = &ast.NonNullType{X: x, Bang: p.next().Pos}
		default:
			return x
		}
	}
}

// memberType parses a primary type followed by [] (array), [*] (items),
// [i] (tuple element), .name, .* and .name<args>.
func (p *parser) memberType() ast.TypeExpr {
	x := p.primaryType()
	for {
		switch p.tok().Kind {
		case token.LBrack:
			lb := p.next().Pos
			switch {
			case p.at(token.RBrack):
				x = &ast.ArrayType{Elem: x, Lbrack: lb, Rbrack: p.next().Pos}
			case p.at(token.Asterisk):
				p.next()
				x = &ast.TypeItems{X: x, Lbrack: lb, Rbrack: p.closer(token.RBrack)}
			default:
				ix := p.expr(0)
				x = &ast.TypeIndex{X: x, Lbrack: lb, Index: ix, Rbrack: p.closer(token.RBrack)}
			}
		case token.Dot:
			dot := p.next().Pos
			if p.at(token.Asterisk) {
				x = &ast.TypeAdditional{X: x, Dot: dot, Star: p.next().Pos}
				continue
			}
			name := p.ident("BCP020", "a property or type name")
			if p.at(token.Less) {
				x = p.typeArgs(x, name)
			} else {
				x = &ast.TypeProperty{X: x, Dot: dot, Name: name}
			}
		default:
			return x
		}
	}
}

// typeArgs parses <args> of a parameterized type.
func (p *parser) typeArgs(recv ast.TypeExpr, name *ast.Ident) *ast.TypeCall {
	c := &ast.TypeCall{Recv: recv, Name: name, Lt: p.next().Pos}
	p.skipNewlines()
	for !p.at(token.Greater) && !p.at(token.EOF) {
		n := p.nerr
		c.Args = append(c.Args, p.typeExpr())
		if p.nerr > n {
			p.skipTo(token.Comma, token.Greater, token.NewLine)
		}
		p.skipNewlines()
		if !p.at(token.Comma) {
			break
		}
		p.next()
		p.skipNewlines()
	}
	c.Gt = p.closer(token.Greater)
	return c
}

// primaryType parses literal types, object types, tuple types,
// parenthesized types and type names.
func (p *parser) primaryType() ast.TypeExpr {
	t := p.tok()
	switch t.Kind {
	case token.Integer, token.True, token.False, token.Null:
		return p.primary(0).(ast.TypeExpr)
	case token.StringComplete, token.StringLeft:
		return p.str()
	case token.MultilineString, token.MultilineLeft:
		return p.multiline()
	case token.LBrace:
		return p.objectType()
	case token.LBrack:
		return p.tupleType()
	case token.LParen:
		lp := p.next().Pos
		var x ast.TypeExpr
		if p.at(token.RParen) {
			p.errorf(lp, "BCP243", "parentheses must contain exactly one type")
			x = &ast.BadType{From: lp.Add(1), To: lp.Add(1)}
		} else {
			x = p.typeExpr()
			if p.at(token.Comma) {
				p.errorf(p.tok().Pos, "BCP243", "parentheses must contain exactly one type")
				p.skipTo(token.RParen, token.NewLine)
			}
		}
		return &ast.ParenType{Lparen: lp, X: x, Rparen: p.closer(token.RParen)}
	case token.Identifier:
		p.next()
		name := &ast.Ident{NamePos: t.Pos, Name: t.Text}
		if p.at(token.Less) {
			return p.typeArgs(nil, name)
		}
		return &ast.TypeRef{Name: name}
	}
	p.errorf(t.Pos, "BCP279", "expected a type (such as string, int, bool, object, array, a literal or a type name), found %s", describe(t))
	return &ast.BadType{From: p.prevEnd(), To: p.prevEnd()}
}

// objectType parses { name: type ... } with decorated properties and the
// *: type additional-properties form.
func (p *parser) objectType() ast.TypeExpr {
	o := &ast.ObjectType{Lbrace: p.next().Pos}
	p.elements(token.RBrace, func() {
		prop := &ast.ObjectTypeProperty{Decorators: p.decorators()}
		switch p.tok().Kind {
		case token.Identifier:
			t := p.next()
			prop.Key = &ast.Ident{NamePos: t.Pos, Name: t.Text}
		case token.StringComplete, token.StringLeft:
			prop.Key = p.str()
		case token.Asterisk:
			prop.Star = p.next().Pos
		default:
			p.errorf(p.tok().Pos, "BCP022", "expected a property name or * here, found %s", describe(p.tok()))
			pos := p.prevEnd()
			prop.Value = &ast.BadType{From: pos, To: pos}
			prop.Star = pos
			o.Props = append(o.Props, prop)
			return
		}
		colon, ok := p.expect(token.Colon)
		prop.Colon = colon
		if ok {
			prop.Value = p.typeExpr()
		} else {
			pos := p.prevEnd()
			prop.Value = &ast.BadType{From: pos, To: pos}
		}
		o.Props = append(o.Props, prop)
	})
	o.Rbrace = p.closer(token.RBrace)
	return o
}

// tupleType parses [type, type] with decorated items.
func (p *parser) tupleType() ast.TypeExpr {
	tt := &ast.TupleType{Lbrack: p.next().Pos}
	p.elements(token.RBrack, func() {
		it := &ast.TupleItem{Decorators: p.decorators()}
		it.Type = p.typeExpr()
		tt.Items = append(tt.Items, it)
	})
	tt.Rbrack = p.closer(token.RBrack)
	return tt
}
