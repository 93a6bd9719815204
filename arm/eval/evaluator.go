package eval

import (
	"strings"

	"github.com/azrule/azrule/arm/expr"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// evaluator evaluates one expression tree. It is not shared between
// goroutines: each Eval makes its own.
type evaluator struct {
	env  Env
	base value.String
	// fast is set when base was read from a JSON string without escapes,
	// so offset i of base.V is byte base.At.Offset+1+i of the file.
	fast bool
	// table maps offsets when base has escapes; built on first use.
	table      []int
	tableBuilt bool
	frames     []lambdaFrame
	steps      int
	// views marks the objects and arrays that are part of a reference()
	// view, so that a member Azure adds at deployment reads as Unknown.
	views map[value.Value]viewMark
}

// MaxSteps bounds the work of one evaluation (nodes evaluated, lambda
// bodies included), so that nested loops such as
// map(range(0, 10000), lambda('i', map(range(0, 10000), ...))) are
// reported instead of running for minutes.
const MaxSteps = 1_000_000

func (ev *evaluator) initPos() {
	f := ev.base.At.File
	if f == nil {
		return
	}
	start := ev.base.At.Offset + 1
	end := start + len(ev.base.V)
	if start-1 >= len(f.Content) || f.Content[start-1] != '"' || end >= len(f.Content) || f.Content[end] != '"' {
		return
	}
	for _, c := range f.Content[start:end] {
		if c == '\\' {
			return
		}
	}
	ev.fast = true
}

// pos maps an offset in the expression text to a file position.
func (ev *evaluator) pos(off int) source.Pos {
	if ev.fast {
		return ev.base.At.Add(1 + off)
	}
	f := ev.base.At.File
	if f == nil {
		return ev.base.At
	}
	if !ev.tableBuilt {
		ev.table = jsonc.StringOffsets(ev.base) // built once: O(1) per position after
		ev.tableBuilt = true
	}
	if off >= 0 && off < len(ev.table) {
		return f.Pos(ev.table[off])
	}
	return jsonc.StringPos(ev.base, off)
}

func (ev *evaluator) errorf(off int, format string, args ...any) error {
	return source.Errorf(ev.pos(off), format, args...)
}

func (ev *evaluator) eval(n expr.Node, depth int) (value.Value, error) {
	ev.steps++
	if ev.steps > MaxSteps {
		return nil, ev.errorf(n.Pos(), "the expression needs more than %d evaluation steps; simplify its loops", MaxSteps)
	}
	if depth > expr.MaxDepth {
		return nil, ev.errorf(n.Pos(), "the expression is nested more than %d levels deep", expr.MaxDepth)
	}
	switch n := n.(type) {
	case *expr.String:
		return value.String{V: n.Value, At: ev.pos(n.Off)}, nil
	case *expr.Int:
		return value.Int{V: n.Value, At: ev.pos(n.Off)}, nil
	case *expr.Bool:
		return value.Bool{V: n.Value, At: ev.pos(n.Off)}, nil
	case *expr.Null:
		return value.Null{At: ev.pos(n.Off)}, nil
	case *expr.Call:
		return ev.call(n, depth)
	case *expr.Property:
		x, err := ev.eval(n.X, depth+1)
		if err != nil {
			return nil, err
		}
		v, err := ev.member(x, value.String{V: n.Name, At: ev.pos(n.NameOff)}, n.NameOff, true)
		return stamp(v, ev.pos(n.NameOff)), err
	case *expr.Index:
		x, err := ev.eval(n.X, depth+1)
		if err != nil {
			return nil, err
		}
		i, err := ev.eval(n.Index, depth+1)
		if err != nil {
			return nil, err
		}
		v, err := ev.member(x, i, n.Index.Pos(), false)
		return stamp(v, ev.pos(n.Lbrack)), err
	}
	return nil, ev.errorf(0, "internal error: unexpected expression node %T", n)
}

// stamp gives a member that no file wrote (a default of the deployment
// context, say) the position of the access that read it; a member that
// has its own position keeps it.
func stamp(v value.Value, at source.Pos) value.Value {
	if v == nil || !at.IsValid() || v.Pos().IsValid() {
		return v
	}
	return value.WithPos(v, at)
}

func (ev *evaluator) call(n *expr.Call, depth int) (value.Value, error) {
	at := ev.pos(n.Off)
	if n.Namespace != "" {
		args, _, err := ev.args(n, depth, false)
		if err != nil {
			return nil, err
		}
		v, found, err := ev.env.CallUserFunction(n.FullName(), args, at)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, ev.errorf(n.Off, "unknown function '%s': no user-defined function of that name is declared in the template", n.FullName())
		}
		if v == nil {
			v = value.Null{At: at}
		}
		return v, nil
	}
	if strings.EqualFold(n.Name, "lambda") {
		return nil, ev.errorf(n.Off, "lambda() can only be written as an argument of filter, groupBy, map, mapValues, reduce, sort or toObject")
	}
	f, ok := Lookup(n.Name)
	if !ok {
		if len(n.Name) >= 4 && strings.EqualFold(n.Name[:4], "list") {
			return ev.list(n, depth)
		}
		if s := closestFunction(n.Name); s != "" {
			return nil, ev.errorf(n.NameOff, "unknown function '%s'; did you mean '%s'?", n.Name, s)
		}
		return nil, ev.errorf(n.NameOff, "unknown function '%s'", n.Name)
	}
	if err := checkArgCount(f, len(n.Args)); err != "" {
		return nil, ev.errorf(n.NameOff, "%s", err)
	}
	// One allocation holds the Call and, for the usual few arguments, its
	// argument slices.
	b := &callBuf{}
	c := &b.c
	*c = Call{Env: ev.env, Name: f.Name, At: at, ev: ev}
	if len(n.Args) <= len(b.pos) {
		c.ArgPos = b.pos[:len(n.Args)]
	} else {
		c.ArgPos = make([]source.Pos, len(n.Args))
	}
	for i, a := range n.Args {
		c.ArgPos[i] = ev.pos(a.Pos())
	}
	var v value.Value
	var err error
	if f.Lazy != nil {
		c.Eval = func(i int) (value.Value, error) { return ev.eval(n.Args[i], depth+1) }
		c.argText = func(i int) string { return expr.Format(n.Args[i]) }
		v, err = f.Lazy(c)
	} else {
		var buf []value.Value
		if len(n.Args) <= len(b.args) {
			buf = b.args[:len(n.Args)]
		}
		args, unknown, err := ev.argsInto(buf, n, depth, f.Lambdas)
		if err != nil {
			return nil, err
		}
		if unknown >= 0 && !f.AcceptsUnknown {
			return unknownCall(f.Name, args, args[unknown].(value.Unknown), at), nil
		}
		c.Args = args
		v, err = f.Call(c)
		if err != nil {
			return nil, err
		}
	}
	if err != nil {
		return nil, err
	}
	if v == nil {
		v = value.Null{At: at}
	} else if at.IsValid() && !v.Pos().IsValid() {
		v = value.WithPos(v, at)
	}
	return v, nil
}

// callBuf is a Call with room for the arguments of most calls.
type callBuf struct {
	c    Call
	args [4]value.Value
	pos  [4]source.Pos
}

// args evaluates the arguments of n. It returns the index of the first
// Unknown argument, or -1.
func (ev *evaluator) args(n *expr.Call, depth int, lambdas bool) ([]value.Value, int, error) {
	return ev.argsInto(nil, n, depth, lambdas)
}

// argsInto is args evaluating into buf when it is not nil.
func (ev *evaluator) argsInto(buf []value.Value, n *expr.Call, depth int, lambdas bool) ([]value.Value, int, error) {
	args := buf
	if args == nil {
		args = make([]value.Value, len(n.Args))
	}
	unknown := -1
	for i, a := range n.Args {
		if lc, ok := a.(*expr.Call); ok && lambdas && lc.Namespace == "" && strings.EqualFold(lc.Name, "lambda") {
			l, err := ev.lambda(lc, depth+1)
			if err != nil {
				return nil, -1, err
			}
			args[i] = l
			continue
		}
		v, err := ev.eval(a, depth+1)
		if err != nil {
			return nil, -1, err
		}
		if _, ok := v.(value.Unknown); ok && unknown < 0 {
			unknown = i
		}
		args[i] = v
	}
	return args, unknown, nil
}

// list handles every function whose name starts with "list" (listKeys,
// listSecrets, list, listAccountSas...): their results exist only at
// deployment time.
func (ev *evaluator) list(n *expr.Call, depth int) (value.Value, error) {
	args, _, err := ev.args(n, depth, false)
	if err != nil {
		return nil, err
	}
	if lc, ok := ev.env.(ListChecker); ok {
		if err := lc.CheckList(n.Name, ev.pos(n.Off)); err != nil {
			return nil, err
		}
	}
	u := unknownCall(n.Name, args, value.Unknown{}, ev.pos(n.Off))
	u.Origin = n.Name + "() is evaluated by Azure at deployment time"
	return u, nil
}

// checkArgCount returns a message when n arguments do not suit f.
func checkArgCount(f *Func, n int) string {
	if n >= f.MinArgs && (f.MaxArgs < 0 || n <= f.MaxArgs) {
		return ""
	}
	return "'" + f.Name + "' takes " + expectedArgs(f.MinArgs, f.MaxArgs) + ", but " + countVerb(n, "was", "were") + " given"
}

func expectedArgs(lo, hi int) string {
	switch {
	case lo == hi && lo == 0:
		return "no arguments"
	case lo == hi:
		return countNoun(lo, "argument")
	case hi < 0:
		return "at least " + countNoun(lo, "argument")
	}
	return itoa(lo) + " to " + itoa(hi) + " arguments"
}

func countVerb(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return itoa(n) + " " + noun + "s"
}
