package parser

import (
	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/bicep/token"
)

// file parses the whole program: declarations separated by new lines.
func (p *parser) file() *ast.File {
	f := &ast.File{File: p.f, Params: p.params}
	for {
		p.skipNewlines()
		if p.at(token.EOF) {
			break
		}
		p.release()
		n, start := p.nerr, p.i
		d := p.decl(false)
		f.Decls = append(f.Decls, d)
		// An unclosed bracket may have stopped at the start of the next
		// line's declaration: go on from there.
		atLineStart := p.i > start && p.tokAt(p.i-1).Kind == token.NewLine
		if !p.at(token.NewLine) && !p.at(token.EOF) && !atLineStart {
			if p.nerr == n {
				p.errorf(p.tok().Pos, "BCP019", "expected a new line after the declaration, found %s", describe(p.tok()))
			}
			p.skipTo(token.NewLine)
			d.Head().To = p.prevEnd()
		}
	}
	f.EOF = p.tok().Pos
	f.Comments = p.sc.Comments
	f.Directives = p.sc.Directives
	return f
}

// decorators parses @expr lines; each must end with a new line.
func (p *parser) decorators() []*ast.Decorator {
	var ds []*ast.Decorator
	for p.at(token.At) {
		ds = append(ds, p.decorator())
		if !p.at(token.NewLine) {
			p.errorf(p.tok().Pos, "BCP019", "expected a new line after the decorator, found %s", describe(p.tok()))
			p.skipTo(token.NewLine)
		}
		p.skipNewlines()
	}
	return ds
}

// decorator parses @name, @name(args), @ns.name(args).
func (p *parser) decorator() *ast.Decorator {
	at := p.next().Pos
	var x ast.Expr = p.ident("BCP123", "a namespace or decorator name")
	if p.at(token.LParen) {
		x = p.call(nil, x.(*ast.Ident), flagComplex)
	}
	for p.at(token.Dot) {
		dot := p.next().Pos
		name := p.ident("BCP020", "a function or property name")
		if p.at(token.LParen) {
			x = p.call(x, name, flagComplex)
		} else {
			x = &ast.PropertyAccess{X: x, Dot: dot, Name: name}
		}
	}
	return &ast.Decorator{At: at, X: x}
}

// nestedResource parses a resource declaration inside a resource body.
func (p *parser) nestedResource() ast.ObjectItem {
	d := p.decl(true)
	if r, ok := d.(*ast.ResourceDecl); ok {
		return r
	}
	// Not a resource: keep the decorators' span as a bad property.
	pos := d.Pos()
	return &ast.Property{Key: &ast.BadExpr{From: pos, To: pos}, Colon: pos, Value: &ast.BadExpr{From: pos, To: d.End()}}
}

// decl parses one declaration with its decorators. nested restricts it to
// resources (inside a resource body).
func (p *parser) decl(nested bool) ast.Decl {
	h := ast.DeclHead{Decorators: p.decorators()}
	t := p.tok()
	h.Keyword = t.Pos
	kw := ""
	if t.Kind == token.Identifier {
		kw = t.Text
	}
	if nested && kw != "resource" {
		p.errorf(t.Pos, "BCP153", "expected a resource declaration after the decorator, found %s", describe(t))
		return p.badDecl(h)
	}
	var d ast.Decl
	switch kw {
	case "targetScope":
		p.next()
		d = p.targetScope(h)
	case "metadata":
		p.next()
		d = &ast.MetadataDecl{DeclHead: h, Name: p.ident("BCP266", "a metadata name"), Value: p.assigned()}
	case "param":
		p.next()
		d = p.param(h)
	case "var":
		p.next()
		d = p.variable(h)
	case "type":
		p.next()
		td := &ast.TypeDecl{DeclHead: h, Name: p.ident("BCP015", "a type name")}
		if _, ok := p.expect(token.Assign); ok {
			td.Type = p.declType(false)
		} else {
			td.Type = &ast.BadType{From: p.prevEnd(), To: p.prevEnd()}
		}
		d = td
	case "func":
		p.next()
		d = p.function(h)
	case "resource":
		p.next()
		d = p.resource(h)
	case "module":
		p.next()
		m := &ast.ModuleDecl{DeclHead: h, Name: p.ident("BCP096", "a module name")}
		m.Path = p.pathString("BCP097", "a module path string (a relative path, or a br: or ts: reference)")
		m.Value = p.body(false)
		d = m
	case "test":
		p.next()
		td := &ast.TestDecl{DeclHead: h, Name: p.ident("BCP346", "a test name")}
		td.Path = p.pathString("BCP347", "a test path string")
		if _, ok := p.expect(token.Assign); ok && p.at(token.LBrace) {
			td.Value = p.object(flagComplex)
		} else {
			if ok {
				p.errorf(p.tok().Pos, "BCP018", "expected \"{\" here, found %s", describe(p.tok()))
			}
			td.Value = p.bad()
		}
		d = td
	case "output":
		p.next()
		o := &ast.OutputDecl{DeclHead: h, Name: p.ident("BCP016", "an output name")}
		o.Type = p.declType(true)
		o.Value = p.assigned()
		d = o
	case "import":
		p.next()
		d = p.importDecl(h)
	case "extension", "provider":
		p.next()
		d = p.extension(h, kw)
	case "extensionConfig":
		p.next()
		e := &ast.ExtensionConfigDecl{DeclHead: h, Name: p.ident("BCP202", "an extension alias name")}
		e.Config = p.withClause(true)
		d = e
	case "assert":
		p.next()
		d = &ast.AssertDecl{DeclHead: h, Name: p.ident(CodeSyntax, "an assert name"), Value: p.assigned()}
	case "using":
		p.next()
		u := &ast.UsingDecl{DeclHead: h}
		if p.atKeyword("none") {
			p.next()
			u.None = true
		} else {
			u.Path = p.pathString(CodeSyntax, "the path of the Bicep file the parameters are for")
		}
		if p.atKeyword("with") {
			u.Config = p.withClause(false)
		}
		d = u
	case "extends":
		p.next()
		d = &ast.ExtendsDecl{DeclHead: h, Path: p.pathString(CodeSyntax, "the path of the base .bicepparam file")}
	default:
		if len(h.Decorators) > 0 {
			p.errorf(t.Pos, "BCP132", "expected a declaration after the decorator, found %s", describe(t))
		} else {
			p.errorf(t.Pos, "BCP007", "this declaration type is not recognized; declarations start with metadata, targetScope, import, extension, param, var, type, func, resource, module or output")
		}
		return p.badDecl(h)
	}
	d.Head().To = p.prevEnd()
	return d
}

func (p *parser) badDecl(h ast.DeclHead) ast.Decl {
	if len(h.Decorators) == 0 {
		h.Keyword = p.tok().Pos
		h.To = p.tok().Pos
	} else {
		h.To = p.prevEnd()
	}
	return &ast.BadDecl{DeclHead: h}
}

// assigned parses = value.
func (p *parser) assigned() ast.Expr {
	if _, ok := p.expect(token.Assign); !ok {
		return p.bad()
	}
	return p.expr(flagComplex)
}

func (p *parser) targetScope(h ast.DeclHead) ast.Decl {
	return &ast.TargetScopeDecl{DeclHead: h, Value: p.assigned()}
}

// param parses param name type [= default], or in a .bicepparam file
// param name = value.
func (p *parser) param(h ast.DeclHead) ast.Decl {
	name := p.ident("BCP013", "a parameter name")
	if p.params {
		return &ast.ParamAssign{DeclHead: h, Name: name, Value: p.assigned()}
	}
	d := &ast.ParamDecl{DeclHead: h, Name: name}
	d.Type = p.declType(false)
	switch {
	case p.at(token.NewLine), p.at(token.EOF):
	case p.at(token.Assign):
		p.next()
		d.Default = p.expr(flagComplex)
	default:
		p.errorf(p.tok().Pos, "BCP008", "expected \"=\" or a new line after the parameter type, found %s", describe(p.tok()))
	}
	return d
}

// variable parses var name [type] = value.
func (p *parser) variable(h ast.DeclHead) ast.Decl {
	d := &ast.VarDecl{DeclHead: h, Name: p.ident("BCP015", "a variable name")}
	if !p.at(token.Assign) && !p.at(token.NewLine) && !p.at(token.EOF) {
		d.Type = p.declType(false)
	}
	d.Value = p.assigned()
	return d
}

// function parses func name(a type, ...) returnType => body.
func (p *parser) function(h ast.DeclHead) ast.Decl {
	d := &ast.FuncDecl{DeclHead: h, Name: p.ident("BCP015", "a function name")}
	l := &ast.Lambda{Lparen: p.tok().Pos}
	d.Lambda = l
	if _, ok := p.expect(token.LParen); !ok {
		l.Lparen = p.prevEnd()
		l.Rparen = l.Lparen
		l.Body = p.bad()
		return d
	}
	p.skipNewlines()
	for !p.at(token.RParen) && !p.at(token.EOF) {
		n := p.nerr
		prm := &ast.LambdaParam{Name: p.ident("BCP015", "a parameter name")}
		prm.Type = p.declType(false)
		l.Params = append(l.Params, prm)
		if p.nerr > n {
			p.skipTo(token.Comma, token.RParen, token.NewLine)
		}
		p.skipNewlines()
		if !p.at(token.Comma) {
			break
		}
		p.next()
		p.skipNewlines()
	}
	l.Rparen = p.closer(token.RParen)
	l.ReturnType = p.declType(false)
	p.lambdaBody(l)
	return d
}

// resource parses resource name 'Type@version' [existing] = body.
func (p *parser) resource(h ast.DeclHead) ast.Decl {
	d := &ast.ResourceDecl{DeclHead: h, Name: p.ident("BCP017", "a resource name")}
	d.TypeString = p.pathString("BCP068", "a resource type string such as 'Microsoft.Storage/storageAccounts@2023-01-01'")
	if p.atKeyword("existing") {
		d.Existing = true
		d.ExistingPos = p.next().Pos
	}
	d.Value = p.body(true)
	return d
}

// body parses = { ... }, = if (cond) { ... } or = [for ...] of a resource
// or module. New lines may separate = from if.
func (p *parser) body(resource bool) ast.Expr {
	if _, ok := p.expect(token.Assign); !ok {
		return p.bad()
	}
	if isKeyword(p.peekPastNewlines(), "if") {
		p.skipNewlines()
	}
	fl := flagComplex
	if resource {
		fl |= flagResources
	}
	switch {
	case p.atKeyword("if"):
		return p.ifExpr(fl)
	case p.at(token.LBrace):
		return p.object(fl)
	case p.at(token.LBrack):
		return p.forExpr(fl, true)
	}
	p.errorf(p.tok().Pos, "BCP118", "expected \"{\", \"[\" or the if keyword here, found %s", describe(p.tok()))
	return p.bad()
}

// pathString parses a required string (a path or resource type); it is nil
// when missing.
func (p *parser) pathString(code, what string) *ast.StringLit {
	switch p.tok().Kind {
	case token.StringComplete, token.StringLeft:
		return p.str()
	case token.MultilineString, token.MultilineLeft:
		return p.multiline()
	}
	p.errorf(p.tok().Pos, code, "expected %s here, found %s", what, describe(p.tok()))
	return nil
}

// importDecl parses import {a, b as c} from 'x', import * as ns from 'x',
// and the older import 'provider@version' [with {...}] [as alias].
func (p *parser) importDecl(h ast.DeclHead) ast.Decl {
	switch p.tok().Kind {
	case token.StringComplete, token.StringLeft:
		return p.extension(h, "import")
	case token.LBrace:
		d := &ast.ImportDecl{DeclHead: h}
		p.next()
		p.elements(token.RBrace, func() {
			s := &ast.ImportSymbol{}
			switch p.tok().Kind {
			case token.Identifier:
				t := p.next()
				s.Name = &ast.Ident{NamePos: t.Pos, Name: t.Text}
			case token.StringComplete, token.StringLeft:
				s.Name = p.str()
			default:
				p.errorf(p.tok().Pos, CodeSyntax, "expected the name of an exported symbol here, found %s", describe(p.tok()))
				return
			}
			if p.atKeyword("as") {
				p.next()
				s.Alias = p.ident("BCP325", "an alias name")
			} else if _, ok := s.Name.(*ast.StringLit); ok {
				p.errorf(s.Name.Pos(), CodeSyntax, "a quoted import name needs an alias: add as <name>")
			}
			d.Symbols = append(d.Symbols, s)
		})
		p.closer(token.RBrace)
		d.From = p.fromClause()
		return d
	case token.Asterisk:
		d := &ast.ImportDecl{DeclHead: h}
		p.next()
		p.expectKeyword("as")
		d.Wildcard = p.ident("BCP325", "a namespace name")
		d.From = p.fromClause()
		return d
	}
	p.errorf(p.tok().Pos, CodeSyntax, "expected { or * after import, found %s", describe(p.tok()))
	return &ast.ImportDecl{DeclHead: h}
}

func (p *parser) fromClause() *ast.StringLit {
	if !p.expectKeyword("from") {
		return nil
	}
	return p.pathString("BCP097", "the path of the file to import from")
}

// extension parses the rest of extension|provider|import spec [with {...}]
// [as alias].
func (p *parser) extension(h ast.DeclHead, kw string) ast.Decl {
	d := &ast.ExtensionDecl{DeclHead: h, KeywordText: kw}
	switch p.tok().Kind {
	case token.Identifier:
		t := p.next()
		d.Spec = &ast.Ident{NamePos: t.Pos, Name: t.Text}
	case token.StringComplete, token.StringLeft:
		d.Spec = p.str()
	default:
		p.errorf(p.tok().Pos, "BCP201", "expected an extension name or reference string here, found %s", describe(p.tok()))
		d.Spec = p.bad()
		return d
	}
	if p.atKeyword("with") {
		d.Config = p.withClause(false)
	}
	if p.atKeyword("as") {
		p.next()
		d.Alias = p.ident("BCP202", "an extension alias name")
	}
	return d
}

// withClause parses with { ... }; required reports its absence.
func (p *parser) withClause(required bool) ast.Expr {
	if !p.atKeyword("with") {
		if required {
			p.expectKeyword("with")
		}
		return nil
	}
	p.next()
	if !p.at(token.LBrace) {
		p.errorf(p.tok().Pos, "BCP018", "expected \"{\" after with, found %s", describe(p.tok()))
		return nil
	}
	return p.object(flagComplex)
}
