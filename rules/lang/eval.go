package lang

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// reasonRec is a reason collected during evaluation; unknown marks the
// reasons that say an answer depends on a deployment-time value, which are
// dropped when the answer is decided without them.
type reasonRec struct {
	r       rules.Reason
	unknown bool
	// A condition's message is built only for the reasons that survive
	// to the final answer: lazy is the condition, v its operand value and
	// matched whether it was true (a reason under not).
	lazy    *cond
	v       value.Value
	matched bool
}

// frame is one sub-selector level: the element being evaluated and the
// path that names it, kept in pieces so that the path string is only
// built when a reason needs it.
type frame struct {
	obj   value.Value
	field string
	index int
}

// evalCtx carries one evaluation of an expression on a target.
type evalCtx struct {
	t       *rules.Target
	now     time.Time
	reasons []reasonRec
	frames  []frame
	// negate is set under an odd number of not operators: a condition
	// then explains itself when it is true, since that is what fails.
	negate bool
	// quiet is set where reasons are thrown away (preconditions,
	// selectors, where filters), so that none are formatted.
	quiet bool
}

var ctxPool = sync.Pool{New: func() any { return new(evalCtx) }}

func getCtx(t *rules.Target, quiet bool) *evalCtx {
	c := ctxPool.Get().(*evalCtx)
	c.t, c.now, c.quiet, c.negate = t, nowFunc(), quiet, false
	c.reasons, c.frames = c.reasons[:0], c.frames[:0]
	return c
}

func putCtx(c *evalCtx) {
	c.t = nil
	for i := range c.frames {
		c.frames[i] = frame{}
	}
	ctxPool.Put(c)
}

// nowFunc is the clock for date conditions; tests replace it.
var nowFunc = time.Now

// Eval runs e on t and returns its answer and the reasons that explain a
// false or unknown answer (none for true).
func (e *Expr) Eval(t *rules.Target) (Truth, []rules.Reason) {
	c := getCtx(t, false)
	defer putCtx(c)
	r := c.eval(e)
	if r == True || len(c.reasons) == 0 {
		return r, nil
	}
	out := make([]rules.Reason, len(c.reasons))
	for i, rr := range c.reasons {
		out[i] = rr.r
		if rr.lazy == nil {
			continue
		}
		if rr.matched {
			out[i].Message = isSetTo(rr.v)
			continue
		}
		if _, msg := rr.lazy.def.eval(rr.lazy, c, rr.v, true); msg != "" {
			out[i].Message = msg
		} else {
			out[i].Message = isSetTo(rr.v)
		}
	}
	return r, out
}

// Test runs e on t and returns only the answer, formatting no reasons.
func (e *Expr) Test(t *rules.Target) Truth {
	r, _ := e.test(t)
	return r
}

// test runs e quietly and, for an unknown answer, names the
// deployment-time value it depends on. Unknown answers are rare, so they
// are run again with reasons to find the value that decided.
func (e *Expr) test(t *rules.Target) (Truth, *UnknownError) {
	c := getCtx(t, true)
	r := c.eval(e)
	putCtx(c)
	if r != Unknown {
		return r, nil
	}
	c = getCtx(t, false)
	defer putCtx(c)
	c.eval(e)
	for _, rr := range c.reasons {
		if u, ok := rr.v.(value.Unknown); ok && rr.unknown {
			return r, &UnknownError{Path: rr.r.Path, Unknown: u}
		}
	}
	return r, &UnknownError{}
}

// addUnknown records that the answer depends on u, found at path.
func (c *evalCtx) addUnknown(path string, u value.Unknown, fallback source.Pos) {
	if c.quiet {
		return
	}
	c.reasons = append(c.reasons, reasonRec{
		r:       rules.Reason{Path: path, Message: unknownMessage(u), Pos: posOf(u, fallback)},
		unknown: true,
		v:       u,
	})
}

func (c *evalCtx) current() value.Value {
	if n := len(c.frames); n > 0 {
		return c.frames[n-1].obj
	}
	if c.t.Object == nil {
		return value.Null{At: c.t.Pos}
	}
	return c.t.Object
}

func (c *evalCtx) eval(e *Expr) Truth {
	mark := len(c.reasons)
	var r Truth
	switch e.kind {
	case exprCond:
		return c.evalCond(e.cond)
	case exprNot:
		c.negate = !c.negate
		r = not(c.eval(e.children[0]))
		c.negate = !c.negate
	case exprAllOf, exprAnyOf:
		if e.sub != nil {
			r = c.evalSub(e)
		} else {
			r = c.evalChildren(e)
		}
	}
	c.settle(mark, r)
	return r
}

// settle drops the reasons gathered since mark when they do not explain
// r: all of them when r is the wanted answer, the unknown ones when r is
// decided without the unknown values.
func (c *evalCtx) settle(mark int, r Truth) {
	if r == Unknown {
		return
	}
	if (r == True) != c.negate {
		c.reasons = c.reasons[:mark]
		return
	}
	keep := c.reasons[:mark]
	for _, rr := range c.reasons[mark:] {
		if !rr.unknown {
			keep = append(keep, rr)
		}
	}
	c.reasons = keep
}

func not(r Truth) Truth {
	switch r {
	case True:
		return False
	case False:
		return True
	}
	return Unknown
}

// evalChildren applies allOf or anyOf with Kleene logic: false AND unknown
// is false, true OR unknown is true. Every child is evaluated so that the
// reasons name every failing part, as PSRule reports them.
func (c *evalCtx) evalChildren(e *Expr) Truth {
	all := e.kind == exprAllOf
	r := True
	if !all {
		r = False
	}
	for _, ch := range e.children {
		x := c.eval(ch)
		if all {
			switch {
			case x == False:
				r = False
			case x == Unknown && r == True:
				r = Unknown
			}
		} else {
			switch {
			case x == True:
				r = True
			case x == Unknown && r == False:
				r = Unknown
			}
		}
	}
	return r
}

// evalSub runs a sub-selector: the operator applies to each element of
// field that where accepts. With a quantifier the number of elements that
// pass decides; without one every accepted element must pass and there
// must be at least one, as PSRule documents ("if there are no results the
// sub-selector returns false").
func (c *evalCtx) evalSub(e *Expr) Truth {
	s := e.sub
	root := c.current()
	items, found, parent := c.subItems(s, root)
	if u, ok := parent.(value.Unknown); ok && !found {
		return c.subUnknown(s, u)
	}
	if len(items) == 1 {
		if u, ok := items[0].(value.Unknown); ok {
			return c.subUnknown(s, u)
		}
	}
	if !found {
		if c.wantReason(False) {
			c.addReason(c.fieldPath(s.field), "Does not exist.", posOf(parent, c.t.Pos), false)
		}
		return c.quantify(s, 0, 0, 0)
	}
	var pass, unknown, seen int64
	failed := false
	start := len(c.reasons)
	for i, it := range items {
		if s.where != nil {
			w := c.filter(s, i, it)
			if w == False {
				continue
			}
			if w == Unknown {
				unknown++
				seen++
				continue
			}
		}
		seen++
		c.frames = append(c.frames, frame{obj: it, field: s.field.Text, index: i})
		mark := len(c.reasons)
		x := c.evalChildren(e)
		c.settle(mark, x)
		c.frames = c.frames[:len(c.frames)-1]
		switch x {
		case True:
			pass++
		case Unknown:
			unknown++
		default:
			failed = true
		}
	}
	if s.quant == quantNone {
		switch {
		case failed:
			return False
		case unknown > 0:
			return Unknown
		case seen == 0:
			if c.wantReason(False) {
				c.addReason(c.fieldPath(s.field), "No items were found that match the sub-selector.", root.Pos(), false)
			}
			return False
		}
		return True
	}
	// With a quantifier an element that fails is not a failure: only
	// the count is, and the unknown elements that may change it.
	keep := c.reasons[:start]
	for _, rr := range c.reasons[start:] {
		if rr.unknown {
			keep = append(keep, rr)
		}
	}
	c.reasons = keep
	r := c.quantify(s, pass, unknown, seen)
	if r == False && c.wantReason(False) {
		c.addReason(c.fieldPath(s.field), quantMessage(s, pass), root.Pos(), false)
	}
	return r
}

// subUnknown answers a sub-selector whose list is a deployment-time value.
func (c *evalCtx) subUnknown(s *subSelector, u value.Unknown) Truth {
	if !c.quiet {
		c.addUnknown(c.fieldPath(s.field), u, c.t.Pos)
	}
	return Unknown
}

// subItems resolves a sub-selector's field to the elements to visit: the
// elements of an array, or the value itself otherwise.
func (c *evalCtx) subItems(s *subSelector, root value.Value) ([]value.Value, bool, value.Value) {
	v, found, parent := s.field.Lookup(root)
	if !found {
		return nil, false, parent
	}
	if arr, ok := v.(*value.Array); ok {
		return arr.Elems, true, nil
	}
	return []value.Value{v}, true, nil
}

// filter evaluates a sub-selector's where on one element, keeping none of
// its reasons.
func (c *evalCtx) filter(s *subSelector, i int, it value.Value) Truth {
	quiet, neg, mark := c.quiet, c.negate, len(c.reasons)
	c.quiet, c.negate = true, false
	c.frames = append(c.frames, frame{obj: it, field: s.field.Text, index: i})
	w := c.eval(s.where)
	c.frames = c.frames[:len(c.frames)-1]
	c.quiet, c.negate = quiet, neg
	c.reasons = c.reasons[:mark]
	return w
}

// quantify decides a quantifier when pass elements passed and unknown
// more may or may not have: the answer is known when every possible
// count gives the same one.
func (c *evalCtx) quantify(s *subSelector, pass, unknown, seen int64) Truth {
	if s.quant == quantNone {
		return False
	}
	first := s.quant.accepts(pass, s.n)
	for n := pass + 1; n <= pass+unknown; n++ {
		if s.quant.accepts(n, s.n) != first {
			return Unknown
		}
	}
	if first {
		return True
	}
	return False
}

func quantMessage(s *subSelector, pass int64) string {
	var op string
	switch s.quant {
	case quantCount:
		op = "exactly"
	case quantLess:
		op = "fewer than"
	case quantLessOrEqual:
		op = "at most"
	case quantGreater:
		op = "more than"
	default:
		op = "at least"
	}
	return "Has " + strconv.FormatInt(pass, 10) + " matching items; expected " + op + " " + strconv.FormatInt(s.n, 10) + "."
}

// wantReason reports whether a condition with answer r should explain
// itself: when r is the unwanted answer in the current polarity.
func (c *evalCtx) wantReason(r Truth) bool {
	if c.quiet {
		return false
	}
	if r == Unknown {
		return true
	}
	return (r == True) == c.negate
}

func (c *evalCtx) addReason(path, msg string, pos source.Pos, unknown bool) {
	c.reasons = append(c.reasons, reasonRec{r: rules.Reason{Path: path, Message: msg, Pos: pos}, unknown: unknown})
}

// fieldPath names p in reasons, prefixed with the sub-selector elements
// being evaluated ("properties.rules[2].name").
func (c *evalCtx) fieldPath(p *Path) string {
	if len(c.frames) == 0 {
		if p == nil {
			return ""
		}
		return p.Text
	}
	var b strings.Builder
	for _, f := range c.frames {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		if f.field != "." && f.field != "$" {
			b.WriteString(f.field)
		}
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(f.index))
		b.WriteByte(']')
	}
	if p != nil && !p.isSelf() {
		b.WriteByte('.')
		b.WriteString(strings.TrimLeft(p.Text, "$."))
	}
	return b.String()
}

func posOf(v value.Value, fallback source.Pos) source.Pos {
	if v != nil {
		if p := v.Pos(); p.IsValid() {
			return p
		}
	}
	return fallback
}
