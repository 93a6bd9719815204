package eval

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/azrule/azrule/arm/expr"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// IsExpression reports whether s is a template expression: it starts with
// '[' and ends with ']', and does not start with "[[" (ARM's escape for a
// literal string that begins with '[').
func IsExpression(s string) bool {
	return len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' && s[1] != '['
}

// EvalString evaluates a template string. A literal string is returned as
// it is; a string that starts with "[[" is returned with the first '['
// removed; an expression is parsed (the tree is cached by text) and
// evaluated against env.
//
// Values built by the expression carry the position of the call or
// literal that made them, inside s; values that come from elsewhere (a
// parameter's value, a variable) keep the position where they were
// written.
func EvalString(s value.String, env Env) (value.Value, error) {
	if !IsExpression(s.V) {
		if strings.HasPrefix(s.V, "[[") {
			s.V = s.V[1:]
			return s, nil
		}
		return s, nil
	}
	n, err := Parse(s)
	if err != nil {
		return nil, err
	}
	return Eval(n, s, env)
}

// Eval evaluates the tree n, parsed from base.V, against env. Offsets in n
// are mapped to positions inside base.
//
// A nil env stands for BaseEnv with PSRule's default context.
func Eval(n expr.Node, base value.String, env Env) (value.Value, error) {
	if env == nil {
		env = BaseEnv{Ctx: DefaultContext()}
	}
	ev := &evaluator{env: env, base: base}
	ev.initPos()
	return ev.eval(n, 0)
}

// Parse parses the expression s (which must satisfy IsExpression), from
// the shared cache, and reports a syntax error at its position in the
// file. It lets callers inspect an expression (what it refers to) before
// evaluating it.
func Parse(s value.String) (expr.Node, error) {
	n, err := parseCached(s.V)
	if err != nil {
		return nil, &source.Error{Pos: stringPos(s, err.Offset), Message: err.Msg}
	}
	return n, nil
}

// maxCached bounds the parse cache. Past it, expressions are parsed each
// time: memory stays bounded on a huge scan, and correctness is the same.
const maxCached = 1 << 16

type cached struct {
	n   expr.Node
	err *expr.Error
}

var (
	parseCache  sync.Map // string -> cached
	cachedCount atomic.Int64
)

// parseCached parses text once per distinct text. Trees are immutable,
// so sharing them between goroutines is safe.
func parseCached(text string) (expr.Node, *expr.Error) {
	if c, ok := parseCache.Load(text); ok {
		c := c.(cached)
		return c.n, c.err
	}
	n, err := expr.Parse(text)
	if cachedCount.Load() < maxCached {
		if _, loaded := parseCache.LoadOrStore(text, cached{n, err}); !loaded {
			cachedCount.Add(1)
		}
	}
	return n, err
}
