package lang

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// Filters select elements in a field path: "[?@.properties.direction ==
// 'Inbound']", "[?(@.enabled && @.priority < 100)]", "[?!@.tags]". The
// forms PSRule's path expressions accept are read: @ (the element) and $
// (the root) followed by path steps, string, integer and boolean literals,
// the comparisons == != < <= > >= and =~ (a regular expression), ! for
// "does not exist" or negation, && and ||, and parentheses. Strings
// compare without regard to case, as in PSRule. A comparison that meets a
// deployment-time value is false: the element is not selected.

type filterNode interface {
	test(root, cur value.Value) bool
}

type filterOr []filterNode
type filterAnd []filterNode
type filterNot struct{ n filterNode }
type filterExists struct{ o filterOperand }
type filterCmp struct {
	l, r filterOperand
	op   string
	re   *regexp.Regexp
}

type filterOperand struct {
	lit      value.Value
	segs     []segment
	fromRoot bool
}

func (f filterOr) test(root, cur value.Value) bool {
	for _, n := range f {
		if n.test(root, cur) {
			return true
		}
	}
	return false
}

func (f filterAnd) test(root, cur value.Value) bool {
	for _, n := range f {
		if !n.test(root, cur) {
			return false
		}
	}
	return true
}

func (f filterNot) test(root, cur value.Value) bool { return !f.n.test(root, cur) }

func (f filterExists) test(root, cur value.Value) bool {
	_, ok := f.o.get(root, cur)
	return ok
}

func (o filterOperand) get(root, cur value.Value) (value.Value, bool) {
	if o.lit != nil {
		return o.lit, true
	}
	start := cur
	if o.fromRoot {
		start = root
	}
	var out []Match
	resolve(start, o.segs, "", &out)
	if len(out) == 0 {
		return nil, false
	}
	return out[0].Value, true
}

func (f filterCmp) test(root, cur value.Value) bool {
	l, ok1 := f.l.get(root, cur)
	r, ok2 := f.r.get(root, cur)
	if !ok1 || !ok2 || value.IsUnknown(l) || value.IsUnknown(r) {
		return false
	}
	switch f.op {
	case "==":
		return filterEqual(l, r)
	case "!=":
		return !filterEqual(l, r)
	case "=~":
		s, ok := l.(value.String)
		return ok && f.re != nil && f.re.MatchString(s.V)
	}
	n, ok := asInt(r, false)
	if !ok {
		return false
	}
	c, ok := compareNumeric(l, n, false, nowFunc())
	if !ok {
		return false
	}
	switch f.op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	}
	return c >= 0
}

func filterEqual(a, b value.Value) bool {
	return equalValues(b, a, false, false, false)
}

// filterParser reads a filter from s starting at i.
type filterParser struct {
	s   string
	i   int
	err string
	at  int
}

// parseFilter reads the filter that starts after "[?" at s[i]; it returns
// the filter and the offset after the closing ']'.
func parseFilter(s string, i int) (filterNode, int, string, int) {
	// "[?(...)]", the classic JSONPath form, is a parenthesised
	// expression and needs no special case.
	p := &filterParser{s: s, i: i}
	n := p.or(0)
	if p.err != "" {
		return nil, p.at, p.err, p.at
	}
	p.space()
	if !p.peek("]") {
		return nil, p.i, "expected ']' to end the filter", p.i
	}
	return n, p.i + 1, "", 0
}

func (p *filterParser) fail(msg string) {
	if p.err == "" {
		p.err, p.at = msg, p.i
	}
}

func (p *filterParser) space() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

func (p *filterParser) peek(tok string) bool {
	return strings.HasPrefix(p.s[p.i:], tok)
}

func (p *filterParser) eat(tok string) bool {
	p.space()
	if p.peek(tok) {
		p.i += len(tok)
		return true
	}
	return false
}

func (p *filterParser) or(depth int) filterNode {
	if depth > 32 {
		p.fail("the filter nests too deeply")
		return nil
	}
	var or filterOr
	for {
		var and filterAnd
		for {
			and = append(and, p.unary(depth))
			if p.err != "" || !p.eat("&&") {
				break
			}
		}
		if len(and) == 1 {
			or = append(or, and[0])
		} else {
			or = append(or, and)
		}
		if p.err != "" || !p.eat("||") {
			break
		}
	}
	if len(or) == 1 {
		return or[0]
	}
	return or
}

func (p *filterParser) unary(depth int) filterNode {
	p.space()
	switch {
	case p.eat("!"):
		if p.eat("(") {
			n := p.or(depth + 1)
			if !p.eat(")") {
				p.fail("expected ')'")
			}
			return filterNot{n}
		}
		return filterNot{filterExists{p.operand()}}
	case p.eat("("):
		n := p.or(depth + 1)
		if !p.eat(")") {
			p.fail("expected ')'")
		}
		return n
	}
	l := p.operand()
	p.space()
	for _, op := range []string{"==", "!=", "<=", ">=", "=~", "<", ">"} {
		if p.eat(op) {
			c := filterCmp{l: l, op: op}
			if op == "=~" {
				c.r = p.regexOperand()
				if c.r.lit != nil {
					pat := value.Render(c.r.lit)
					re, err := regexp.Compile("(?i)" + pat)
					if err != nil {
						p.fail("invalid regular expression " + strconv.Quote(pat))
					}
					c.re = re
				}
			} else {
				c.r = p.operand()
			}
			return c
		}
	}
	return filterExists{l}
}

// regexOperand reads "/pattern/" or a quoted string.
func (p *filterParser) regexOperand() filterOperand {
	p.space()
	if p.peek("/") {
		end := strings.IndexByte(p.s[p.i+1:], '/')
		if end < 0 {
			p.fail("unterminated /regular expression/")
			return filterOperand{}
		}
		pat := p.s[p.i+1 : p.i+1+end]
		p.i += end + 2
		return filterOperand{lit: value.String{V: pat}}
	}
	return p.operand()
}

func (p *filterParser) operand() filterOperand {
	p.space()
	if p.i >= len(p.s) {
		p.fail("the filter ends early; expected @, $ or a value")
		return filterOperand{}
	}
	switch c := p.s[p.i]; {
	case c == '@' || c == '$':
		p.i++
		return filterOperand{segs: p.steps(), fromRoot: c == '$'}
	case c == '\'' || c == '"':
		end := strings.IndexByte(p.s[p.i+1:], c)
		if end < 0 {
			p.fail("unterminated string in the filter")
			return filterOperand{}
		}
		s := p.s[p.i+1 : p.i+1+end]
		p.i += end + 2
		return filterOperand{lit: value.String{V: s}}
	case c == '-' || c >= '0' && c <= '9':
		j := p.i + 1
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
		n, err := strconv.ParseInt(p.s[p.i:j], 10, 64)
		if err != nil {
			p.fail("expected a number")
			return filterOperand{}
		}
		p.i = j
		return filterOperand{lit: value.Int{V: n}}
	}
	for _, w := range []string{"true", "false"} {
		if strings.HasPrefix(strings.ToLower(p.s[p.i:]), w) {
			p.i += len(w)
			return filterOperand{lit: value.Bool{V: w == "true"}}
		}
	}
	p.fail("expected @, $, a string, a number, true or false")
	return filterOperand{}
}

// steps reads path steps after @ or $: .name, ['name'], [n], [*], .*.
func (p *filterParser) steps() []segment {
	var segs []segment
	for p.i < len(p.s) && len(segs) < MaxPathSegments {
		switch p.s[p.i] {
		case '.':
			j := p.i + 1
			for j < len(p.s) && !strings.ContainsRune(".[]() =!<>&|", rune(p.s[j])) {
				j++
			}
			if j == p.i+1 {
				p.fail("expected a property name after '.'")
				return segs
			}
			segs = append(segs, nameSeg(p.s[p.i+1:j]))
			p.i = j
		case '[':
			if strings.HasPrefix(p.s[p.i:], "[?") {
				p.fail("filters cannot nest")
				return segs
			}
			seg, n, err := readBracket(p.s, p.i)
			if err != "" {
				p.fail(err)
				return segs
			}
			segs = append(segs, seg)
			p.i = n
		default:
			return segs
		}
	}
	return segs
}
