package eval

import (
	"strings"

	"github.com/azrule/azrule/arm/expr"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// Lambda is the value of lambda('x', ..., body) passed to a function that
// takes one (filter, map, reduce...). It is never a template value: it
// exists only as an argument, and Kind reports KindUnknown only to satisfy
// value.Value.
type Lambda struct {
	// Params are the parameter names, in order.
	Params []string
	body   expr.Node
	node   *expr.Call
	ev     *evaluator
	depth  int
	At     source.Pos
}

// Kind implements value.Value.
func (*Lambda) Kind() value.Kind { return value.KindUnknown }

// Pos implements value.Value.
func (l *Lambda) Pos() source.Pos { return l.At }

func (l *Lambda) text() string { return expr.Format(l.node) }

// lambdaFrame binds lambda parameter names to values while a body runs.
type lambdaFrame struct {
	names []string
	vals  []value.Value
}

// lambda builds a Lambda from a lambda(...) call: every argument but the
// last is a parameter name, the last is the body, evaluated on Apply.
func (ev *evaluator) lambda(n *expr.Call, depth int) (*Lambda, error) {
	if len(n.Args) < 2 {
		return nil, ev.errorf(n.NameOff, "lambda() takes one or more parameter names and a body, e.g. lambda('x', toUpper(lambdaVariables('x')))")
	}
	l := &Lambda{node: n, body: n.Args[len(n.Args)-1], ev: ev, depth: depth, At: ev.pos(n.Off)}
	for _, a := range n.Args[:len(n.Args)-1] {
		v, err := ev.eval(a, depth+1)
		if err != nil {
			return nil, err
		}
		s, ok := v.(value.String)
		if !ok {
			return nil, ev.errorf(a.Pos(), "lambda parameter names must be strings, not %s", value.TypeName(v))
		}
		for _, p := range l.Params {
			if strings.EqualFold(p, s.V) {
				return nil, ev.errorf(a.Pos(), "lambda parameter '%s' is declared twice", s.V)
			}
		}
		l.Params = append(l.Params, s.V)
	}
	return l, nil
}

// Apply evaluates the body with the parameters bound to args. Extra args
// are ignored, so map's optional index parameter is only bound when the
// lambda declares it; too few is an error.
func (l *Lambda) Apply(fn string, args ...value.Value) (value.Value, error) {
	if len(l.Params) > len(args) {
		return nil, source.Errorf(l.At, "%s: the lambda declares %d parameters, but %s passes %d", fn, len(l.Params), fn, len(args))
	}
	ev := l.ev
	ev.frames = append(ev.frames, lambdaFrame{names: l.Params, vals: args[:len(l.Params)]})
	v, err := ev.eval(l.body, l.depth+1)
	ev.frames = ev.frames[:len(ev.frames)-1]
	return v, err
}

// lambdaVariable finds a lambda parameter, innermost first.
func (ev *evaluator) lambdaVariable(name string) (value.Value, bool) {
	for i := len(ev.frames) - 1; i >= 0; i-- {
		f := ev.frames[i]
		for j, n := range f.names {
			if strings.EqualFold(n, name) {
				return f.vals[j], true
			}
		}
	}
	return nil, false
}
