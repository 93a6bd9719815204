// Package parser builds the syntax tree of Bicep (.bicep) and Bicep
// parameters (.bicepparam) files.
//
// It is a hand-written recursive-descent parser that follows the Bicep
// compiler's grammar, newline rules and operator table. It always returns a
// tree and the list of problems found, each a *source.Error with a stable
// code (the compiler's BCPnnn code where one applies, AZBnnn otherwise). It
// recovers at the next list element or line, reports every problem of a file
// up to MaxErrors, caps nesting at MaxDepth and never panics on input.
package parser

import (
	"fmt"
	"sort"
	"strings"

	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/bicep/scanner"
	"github.com/azrule/azrule/bicep/token"
	"github.com/azrule/azrule/source"
)

// MaxErrors caps the problems reported for one file.
const MaxErrors = 100

// MaxDepth caps how deeply expressions and types may nest.
const MaxDepth = 200

// Codes of problems that Bicep has no code for.
const (
	CodeTooManyErrors = "AZB001" // more than MaxErrors problems
	CodeTooDeep       = "AZB002" // nesting deeper than MaxDepth
	CodeSyntax        = "AZB003" // other syntax errors
)

// ParseFile parses f as a .bicepparam file when its name ends in
// .bicepparam and as a .bicep file otherwise.
func ParseFile(f *source.File) (*ast.File, source.ErrorList) {
	return Parse(f, strings.HasSuffix(strings.ToLower(f.Name), ".bicepparam"))
}

// Parse parses f. With params set it reads the .bicepparam dialect, where
// param declarations are assignments (param name = value).
func Parse(f *source.File, params bool) (*ast.File, source.ErrorList) {
	p := newParser(f, params)
	file := p.file()
	return file, p.finish()
}

// ParseExpr parses f as a single expression (used by tests and tools).
func ParseExpr(f *source.File) (ast.Expr, source.ErrorList) {
	p := newParser(f, false)
	p.skipNewlines()
	x := p.expr(flagComplex)
	p.skipNewlines()
	if !p.at(token.EOF) {
		p.errorf(p.tok().Pos, CodeSyntax, "unexpected %s after the expression", describe(p.tok()))
	}
	return x, p.finish()
}

type parser struct {
	f  *source.File
	sc *scanner.Scanner
	// toks is a window of the token stream, scanned on demand: toks[0] is
	// token number base. i is the absolute number of the current token.
	// file() drops consumed tokens between declarations, so memory stays
	// proportional to the largest declaration, not the file.
	toks   []token.Token
	base   int
	eof    bool // the scanner has returned EOF
	i      int
	params bool
	depth  int
	deep   bool // the depth error was reported
	errs   source.ErrorList
	// nerr counts every error found, including those dropped as
	// duplicates: recovery decisions use it.
	nerr int
}

func newParser(f *source.File, params bool) *parser {
	return &parser{f: f, sc: scanner.New(f), toks: make([]token.Token, 0, 64), params: params}
}

// tokAt returns token number j, scanning as needed; past the end it
// returns the EOF token. j must not be below base.
func (p *parser) tokAt(j int) token.Token {
	for j-p.base >= len(p.toks) && !p.eof {
		t := p.sc.Scan()
		p.toks = append(p.toks, t)
		p.eof = t.Kind == token.EOF
	}
	if k := j - p.base; k < len(p.toks) {
		return p.toks[k]
	}
	return p.toks[len(p.toks)-1]
}

// release drops the tokens before the previous one; the parser never looks
// further back.
func (p *parser) release() {
	if n := p.i - 1 - p.base; n > 0 && n >= len(p.toks)/2 {
		k := copy(p.toks, p.toks[n:])
		p.toks = p.toks[:k]
		p.base += n
	}
}

// finish merges lexical and syntax errors in source order and caps them.
func (p *parser) finish() source.ErrorList {
	all := make(source.ErrorList, 0, len(p.sc.Errors)+len(p.errs))
	all = append(all, p.sc.Errors...)
	all = append(all, p.errs...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].Pos.Offset < all[j].Pos.Offset })
	if len(all) > MaxErrors {
		last := all[MaxErrors-1].Pos
		all = append(all[:MaxErrors:MaxErrors], &source.Error{Pos: last, Code: CodeTooManyErrors,
			Message: fmt.Sprintf("too many errors; only the first %d are shown", MaxErrors)})
	}
	if len(all) == 0 {
		return nil
	}
	return all
}

// errorf records a syntax error. An error at the same offset as one of the
// last few is dropped: it is almost always a consequence of the first.
func (p *parser) errorf(pos source.Pos, code, format string, args ...any) {
	p.nerr++
	for i := len(p.errs) - 1; i >= 0 && i >= len(p.errs)-4; i-- {
		if p.errs[i].Pos.Offset == pos.Offset {
			return
		}
	}
	if len(p.errs) > MaxErrors {
		return
	}
	p.errs = append(p.errs, &source.Error{Pos: pos, Code: code, Message: fmt.Sprintf(format, args...)})
}

// ---------------------------------------------------------------------------
// Token access

func (p *parser) tok() token.Token { return p.tokAt(p.i) }

// peek returns the n-th token after the current one.
func (p *parser) peek(n int) token.Token {
	return p.tokAt(p.i + n)
}

// peekPastNewlines returns the first token from the current one that is not
// a newline.
func (p *parser) peekPastNewlines() token.Token {
	j := p.i
	for p.tokAt(j).Kind == token.NewLine {
		j++
	}
	return p.tokAt(j)
}

func (p *parser) at(k token.Kind) bool { return p.tokAt(p.i).Kind == k }

func (p *parser) atKeyword(kw string) bool {
	t := p.tokAt(p.i)
	return t.Kind == token.Identifier && t.Text == kw
}

func isKeyword(t token.Token, kw string) bool { return t.Kind == token.Identifier && t.Text == kw }

// next consumes the current token and returns it. EOF is never consumed.
func (p *parser) next() token.Token {
	t := p.tokAt(p.i)
	if t.Kind != token.EOF {
		p.i++
	}
	return t
}

// prevEnd is the end of the last consumed token.
func (p *parser) prevEnd() source.Pos {
	if p.i == 0 {
		return p.f.Pos(0)
	}
	return p.tokAt(p.i - 1).End
}

func (p *parser) skipNewlines() {
	for p.at(token.NewLine) {
		p.i++
	}
}

// expect consumes a token of kind k, or reports BCP018 and consumes
// nothing.
func (p *parser) expect(k token.Kind) (source.Pos, bool) {
	if p.at(k) {
		return p.next().Pos, true
	}
	p.errorf(p.tok().Pos, "BCP018", "expected %q here, found %s", k.String(), describe(p.tok()))
	return p.tok().Pos, false
}

// closer consumes the closing token k and returns its position. When it is
// missing it reports BCP018 and returns a position just before the last
// consumed byte, so that the enclosing node still ends where its text ends.
func (p *parser) closer(k token.Kind) source.Pos {
	if p.at(k) {
		return p.next().Pos
	}
	p.errorf(p.tok().Pos, "BCP018", "expected %q here, found %s", k.String(), describe(p.tok()))
	end := p.prevEnd()
	if end.Offset > 0 {
		return end.Add(-1)
	}
	return end
}

// expectKeyword consumes the contextual keyword kw or reports BCP012.
func (p *parser) expectKeyword(kw string) bool {
	if p.atKeyword(kw) {
		p.next()
		return true
	}
	p.errorf(p.tok().Pos, "BCP012", "expected the %q keyword here, found %s", kw, describe(p.tok()))
	return false
}

// ident consumes an identifier, or reports code/what and returns an empty
// *ast.Ident at the current position.
func (p *parser) ident(code, what string) *ast.Ident {
	if p.at(token.Identifier) {
		t := p.next()
		return &ast.Ident{NamePos: t.Pos, Name: t.Text}
	}
	p.errorf(p.tok().Pos, code, "expected %s here, found %s", what, describe(p.tok()))
	return &ast.Ident{NamePos: p.prevEnd()}
}

// skipTo skips tokens until one of the kinds (or EOF) is current. It does
// not look at nesting, as the Bicep compiler does not: recovery stops at the
// first line break or closer.
func (p *parser) skipTo(kinds ...token.Kind) {
	for !p.at(token.EOF) {
		k := p.tok().Kind
		for _, want := range kinds {
			if k == want {
				return
			}
		}
		p.i++
	}
}

// describe names a token for a message.
func describe(t token.Token) string {
	switch t.Kind {
	case token.EOF:
		return "the end of the file"
	case token.NewLine:
		return "a new line"
	case token.Identifier:
		return fmt.Sprintf("%q", t.Text)
	case token.StringComplete, token.StringLeft, token.MultilineString:
		return "a string"
	case token.StringMiddle, token.StringRight:
		return "the rest of a string"
	case token.Integer:
		return "the number " + t.Text
	case token.Illegal:
		return fmt.Sprintf("%q", t.Text)
	}
	return fmt.Sprintf("%q", t.Kind.String())
}

// enter counts one level of nesting; it reports AZB002 and returns false
// beyond MaxDepth.
func (p *parser) enter() bool {
	p.depth++
	if p.depth > MaxDepth {
		if !p.deep {
			p.deep = true
			p.errorf(p.tok().Pos, CodeTooDeep, "the expression nests more than %d levels deep; simplify it", MaxDepth)
		}
		return false
	}
	return true
}

func (p *parser) leave() { p.depth-- }

// atDeclarationStart reports whether the current token, first on its line,
// starts a declaration: a declaration keyword followed by a name. An
// unclosed bracket stops there rather than swallow the rest of the file.
// A valid list item never looks like that, except resource <name> in a
// resource body, which the caller allows with nested.
func (p *parser) atDeclarationStart(nested bool) bool {
	t := p.tok()
	if p.i == 0 || p.tokAt(p.i-1).Kind != token.NewLine || t.Kind != token.Identifier {
		return false
	}
	if nested && t.Text == "resource" {
		return false
	}
	return token.IsDeclarationKeyword(t.Text) && p.peek(1).Kind == token.Identifier
}

// elements parses the items of a multi-line or single-line list up to (not
// including) closer: items are separated by one comma or by new lines, as
// in Bicep arrays, objects, object types, tuples and import lists. A failed
// item is skipped to the next separator.
func (p *parser) elements(closer token.Kind, item func()) {
	if p.at(closer) {
		return
	}
	p.skipNewlines()
	wantItem := true
	for !p.at(token.EOF) && !p.at(closer) && !p.atDeclarationStart(true) {
		if !wantItem {
			switch {
			case p.at(token.NewLine):
				p.skipNewlines()
			case p.at(token.Comma):
				p.next()
				if p.at(token.NewLine) {
					p.errorf(p.tok().Pos, "BCP238", "unexpected new line after a comma; separate items with either commas or new lines")
					p.skipNewlines()
				}
			default:
				// Go on with the next item where it stands: [1 2] keeps both.
				p.errorf(p.tok().Pos, "BCP236", "expected a new line or a comma here, found %s", describe(p.tok()))
			}
			wantItem = true
			continue
		}
		n, start := p.nerr, p.i
		item()
		if p.nerr > n || p.i == start {
			p.skipTo(token.NewLine, token.Comma, closer)
		}
		wantItem = false
	}
}
