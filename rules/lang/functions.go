package lang

import (
	"strings"
	"sync/atomic"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// PSRule's expression functions, written as `$: {function: argument}` in a
// value operand or in the argument of equals, notEquals, count, less,
// lessOrEquals, greater and greaterOrEquals (the conditions PSRule
// documents functions for). The documented functions are supported:
//
//	boolean, string, integer   convert a value (or a nested function's)
//	concat                     join a list of functions' values as strings
//	substring (with length)    the first length characters of a string
//	configuration              a configuration value, see Set.Configure
//	path                       the value at a field path of the object
//
// A function whose input is a deployment-time value gives that value.

// maxFnDepth caps how deeply functions nest.
const maxFnDepth = 16

var fnNames = []string{"boolean", "string", "integer", "concat", "substring", "configuration", "path"}

// fnArgConditions are the conditions whose argument may be a function.
var fnArgConditions = map[string]bool{
	"equals": true, "notequals": true, "count": true, "less": true,
	"lessorequals": true, "greater": true, "greaterorequals": true,
}

type fnExpr struct {
	name   string
	arg    value.Value // a literal argument
	argFn  *fnExpr     // or a nested function
	list   []*fnExpr   // concat's elements
	length int64       // substring
	path   *Path
	key    string // configuration
	cfg    *configHolder
}

// configHolder is shared by every configuration function of a Set, so
// that Set.Configure reaches them all.
type configHolder struct {
	values atomic.Pointer[value.Object]
}

// isFnObject reports whether v is written as `{$: ...}`.
func isFnObject(v value.Value) (value.Value, bool) {
	o, ok := v.(*value.Object)
	if !ok || o.Len() != 1 {
		return nil, false
	}
	return o.Get("$")
}

// parseFn reads the object under "$" (or a nested function object such as
// {path: name}): one function name and its named parameters.
func parseFn(v value.Value, depth int, errs *source.ErrorList) *fnExpr {
	o, ok := v.(*value.Object)
	if !ok {
		errs.Add(v.Pos(), "a function must be an object naming one of %s; found %s", strings.Join(fnNames, ", "), kindWord(v))
		return nil
	}
	if depth > maxFnDepth {
		errs.Add(o.Pos(), "functions nest deeper than %d levels", maxFnDepth)
		return nil
	}
	var f *fnExpr
	var fnMember value.Member
	for _, m := range o.Members() {
		k := strings.ToLower(m.Key)
		if !isFnName(k) {
			continue
		}
		if f != nil {
			errs.Add(m.KeyPos, "a function object names one function; %q and %q are both set", fnMember.Key, m.Key)
			return nil
		}
		f, fnMember = &fnExpr{name: k}, m
	}
	if f == nil {
		errs.Add(o.Pos(), "no function named; use one of %s", strings.Join(fnNames, ", "))
		return nil
	}
	for _, m := range o.Members() {
		switch k := strings.ToLower(m.Key); {
		case m.Key == fnMember.Key:
		case k == "length" && f.name == "substring":
			n, ok := intArg(m.Value)
			if !ok || n < 0 {
				errs.Add(m.Value.Pos(), "length must be a non-negative integer; found %s", kindWord(m.Value))
			}
			f.length = n
		default:
			errs.Add(m.KeyPos, "%s does not take %q", f.name, m.Key)
		}
	}
	a := fnMember.Value
	switch f.name {
	case "concat":
		arr, ok := a.(*value.Array)
		if !ok {
			errs.Add(a.Pos(), "concat takes a list of functions, for example [{path: name}, {string: '-'}]")
			return nil
		}
		for _, e := range arr.Elems {
			if g := parseFn(e, depth+1, errs); g != nil {
				f.list = append(f.list, g)
			}
		}
	case "path":
		s, ok := a.(value.String)
		if !ok {
			errs.Add(a.Pos(), "path takes a field path; found %s", kindWord(a))
			return nil
		}
		p, err := ParsePath(s.V, stringStart(s))
		if err != nil {
			*errs = append(*errs, err)
			return nil
		}
		f.path = p
	case "configuration":
		s, ok := a.(value.String)
		if !ok || s.V == "" {
			errs.Add(a.Pos(), "configuration takes the name of a configuration value")
			return nil
		}
		f.key = s.V
	case "substring":
		if !o.Has("length") {
			errs.Add(fnMember.KeyPos, "substring needs length")
		}
		fallthrough
	default:
		if ao, ok := a.(*value.Object); ok && hasFnKey(ao) {
			f.argFn = parseFn(ao, depth+1, errs)
		} else {
			f.arg = a
		}
	}
	return f
}

func isFnName(k string) bool {
	for _, n := range fnNames {
		if n == k {
			return true
		}
	}
	return false
}

func hasFnKey(o *value.Object) bool {
	for _, m := range o.Members() {
		if isFnName(strings.ToLower(m.Key)) {
			return true
		}
	}
	return false
}

// eval computes the function's value in the current object.
func (f *fnExpr) eval(x *evalCtx) value.Value {
	at := x.t.Pos
	switch f.name {
	case "path":
		v, found, parent := f.path.Lookup(x.current())
		if !found {
			if u, ok := parent.(value.Unknown); ok {
				return u
			}
			return value.Null{At: at}
		}
		return v
	case "configuration":
		if f.cfg != nil {
			if cfg := f.cfg.values.Load(); cfg != nil {
				if v, ok := cfg.Get(f.key); ok {
					return v
				}
			}
		}
		return value.Null{At: at}
	case "concat":
		var b strings.Builder
		for _, g := range f.list {
			v := g.eval(x)
			if u, ok := v.(value.Unknown); ok {
				return u
			}
			if s, ok := asString(v, true); ok {
				b.WriteString(s)
			}
		}
		return value.String{V: b.String(), At: at}
	}
	a := f.arg
	if f.argFn != nil {
		a = f.argFn.eval(x)
	}
	if u, ok := a.(value.Unknown); ok {
		return u
	}
	switch f.name {
	case "boolean":
		if b, ok := asBool(a, true); ok {
			return value.Bool{V: b, At: a.Pos()}
		}
	case "string":
		if s, ok := asString(a, true); ok {
			return value.String{V: s, At: a.Pos()}
		}
	case "integer":
		if n, ok := asInt(a, true); ok {
			return value.Int{V: n, At: a.Pos()}
		}
	case "substring":
		if s, ok := asString(a, true); ok {
			r := []rune(s)
			if int64(len(r)) > f.length {
				r = r[:f.length]
			}
			return value.String{V: string(r), At: a.Pos()}
		}
	}
	return value.Null{At: at}
}

// fnRefs collects the configuration functions of e, for Compile to link.
func (e *Expr) configFns(out []*fnExpr) []*fnExpr {
	if e == nil {
		return out
	}
	if e.cond != nil {
		out = collectConfig(e.cond.literalFn, out)
		out = collectConfig(e.cond.argFn, out)
	}
	if e.sub != nil {
		out = e.sub.where.configFns(out)
	}
	for _, c := range e.children {
		out = c.configFns(out)
	}
	return out
}

func collectConfig(f *fnExpr, out []*fnExpr) []*fnExpr {
	if f == nil {
		return out
	}
	if f.name == "configuration" {
		out = append(out, f)
	}
	out = collectConfig(f.argFn, out)
	for _, g := range f.list {
		out = collectConfig(g, out)
	}
	return out
}

// Configure sets the configuration values that configuration functions
// read (the merged configuration of ps-rule.yaml and baselines), for
// every rule, selector and suppression group of the set. It may be called
// again; evaluations after it see the new values.
func (s *Set) Configure(cfg *value.Object) {
	s.config.values.Store(cfg)
}

// linkConfig points every configuration function of the set at its
// holder.
func (s *Set) linkConfig() {
	var fns []*fnExpr
	for _, r := range s.Rules {
		fns = r.Where.configFns(fns)
		fns = r.Condition.configFns(fns)
	}
	for _, sel := range s.Selectors {
		fns = sel.If.configFns(fns)
	}
	for _, g := range s.SuppressionGroups {
		fns = g.If.configFns(fns)
	}
	for _, f := range fns {
		f.cfg = &s.config
	}
}
