package expand

import (
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// evalTree evaluates every expression in a value as written in a
// template: strings that are expressions, object keys that are
// expressions, and property copy loops ("copy": [{name, count, input}]
// inside an object). Errors are appended to errs and the failing value
// becomes an Unknown that names the error. loops is the copy loop stack
// that property copy pushes onto; nil forbids property copy (function
// bodies).
//
// Subtrees with nothing to evaluate are returned as they are, shared with
// the template: evaluated values are never modified afterwards.
func evalTree(env eval.Env, v value.Value, errs *source.ErrorList, loops *[]loop, depth int) value.Value {
	out, _ := evalNode(env, v, errs, loops, depth)
	return out
}

// evalNode is evalTree that also reports whether the result differs from
// the input.
func evalNode(env eval.Env, v value.Value, errs *source.ErrorList, loops *[]loop, depth int) (value.Value, bool) {
	if depth > maxValueDepth {
		*errs = append(*errs, source.Errorf(v.Pos(), "the value is nested deeper than %d levels", maxValueDepth))
		return value.NewUnknown("the value is nested too deeply to evaluate", "too deep", v.Pos()), true
	}
	switch v := v.(type) {
	case value.String:
		if len(v.V) == 0 || v.V[0] != '[' {
			return v, false
		}
		return evalString(env, v, errs), true
	case *value.Array:
		var elems []value.Value
		for i, e := range v.Elems {
			ne, changed := evalNode(env, e, errs, loops, depth+1)
			if changed && elems == nil {
				elems = make([]value.Value, len(v.Elems))
				copy(elems, v.Elems[:i])
			}
			if elems != nil {
				elems[i] = ne
			}
		}
		if elems == nil {
			return v, false
		}
		return &value.Array{Elems: elems, At: v.At}, true
	case *value.Object:
		return evalObject(env, v, errs, loops, depth)
	}
	return v, false
}

// evalString evaluates one template string.
func evalString(env eval.Env, s value.String, errs *source.ErrorList) value.Value {
	v, err := eval.EvalString(s, env)
	if err != nil {
		addError(errs, err, s.At)
		return errorUnknown(err, s)
	}
	if v == nil {
		return value.Null{At: s.At}
	}
	return v
}

// budget is an Env that bounds the copy iterations of one expansion, so
// that copies nested in copies cannot multiply without end.
type budget interface {
	spend(n int64, at source.Pos, errs *source.ErrorList) bool
}

// errorUnknown stands in for a value whose expression failed, so that a
// rule reading it reports that it could not be evaluated.
func errorUnknown(err error, s value.String) value.Unknown {
	msg := err.Error()
	if e, ok := err.(*source.Error); ok {
		msg = e.Message
	}
	text := s.V
	if eval.IsExpression(text) {
		text = text[1 : len(text)-1]
	}
	return value.NewUnknown(errorOrigin+msg, text, s.At)
}

// isErrorUnknown reports whether u stands for a failed expression.
func isErrorUnknown(u value.Unknown) bool {
	return strings.HasPrefix(u.Origin, errorOrigin)
}

const errorOrigin = "the expression could not be evaluated: "

func addError(errs *source.ErrorList, err error, at source.Pos) {
	switch e := err.(type) {
	case *source.Error:
		*errs = append(*errs, e)
	case source.ErrorList:
		*errs = append(*errs, e...)
	default:
		*errs = append(*errs, source.Errorf(at, "%v", err))
	}
}

func evalObject(env eval.Env, o *value.Object, errs *source.ErrorList, loops *[]loop, depth int) (value.Value, bool) {
	members := o.Members()
	var out *value.Object
	start := func(i int) {
		out = value.NewObject(o.At)
		for _, m := range members[:i] {
			out.SetMember(m)
		}
	}
	for i, m := range members {
		if loops != nil && value.EqualFold(m.Key, "copy") && isPropertyCopy(m.Value) {
			if out == nil {
				start(i)
			}
			propertyCopy(env, m.Value.(*value.Array), out, errs, loops, depth)
			continue
		}
		key, keyChanged := evalKey(env, m, errs)
		nv, changed := evalNode(env, m.Value, errs, loops, depth+1)
		if (changed || keyChanged) && out == nil {
			start(i)
		}
		if out != nil {
			out.SetMember(value.Member{Key: key, KeyPos: m.KeyPos, Value: nv})
		}
	}
	if out == nil {
		return o, false
	}
	return out, true
}

// evalKey evaluates an object key written as an expression, such as
// "[format('{0}', resourceId(...))]" in userAssignedIdentities.
func evalKey(env eval.Env, m value.Member, errs *source.ErrorList) (string, bool) {
	if len(m.Key) == 0 || m.Key[0] != '[' {
		return m.Key, false
	}
	if strings.HasPrefix(m.Key, "[[") {
		return m.Key[1:], true
	}
	if !eval.IsExpression(m.Key) {
		return m.Key, false
	}
	v, err := eval.EvalString(value.String{V: m.Key, At: m.KeyPos}, env)
	if err != nil {
		addError(errs, err, m.KeyPos)
		return m.Key, false
	}
	switch k := v.(type) {
	case value.String:
		return k.V, true
	case value.Unknown:
		return k.Text, true
	case value.Int:
		return strconv.FormatInt(k.V, 10), true
	}
	*errs = append(*errs, source.Errorf(m.KeyPos, "a property name must evaluate to a string, not %s", value.TypeName(v)))
	return m.Key, false
}

// isPropertyCopy reports whether v has the shape of property copy: a
// non-empty array of objects with "name" and "input".
func isPropertyCopy(v value.Value) bool {
	a, ok := v.(*value.Array)
	if !ok || len(a.Elems) == 0 {
		return false
	}
	for _, e := range a.Elems {
		o, ok := e.(*value.Object)
		if !ok || !o.Has("name") || !o.Has("input") {
			return false
		}
	}
	return true
}

// propertyCopy sets, for each loop in arr, the property it names to the
// array of its input evaluated count times.
func propertyCopy(env eval.Env, arr *value.Array, out *value.Object, errs *source.ErrorList, loops *[]loop, depth int) {
	for _, e := range arr.Elems {
		o := e.(*value.Object)
		nm, _ := o.Member("name")
		nameV := evalTree(env, nm.Value, errs, nil, depth+1)
		name, ok := nameV.(value.String)
		if !ok {
			*errs = append(*errs, source.Errorf(nm.Value.Pos(), "the name of a property copy must be a string, not %s", value.TypeName(nameV)))
			continue
		}
		input, _ := o.Get("input")
		countV, ok := o.Get("count")
		if !ok {
			*errs = append(*errs, source.Errorf(o.At, "property copy '%s' has no \"count\"", name.V))
			continue
		}
		n, u, ok := copyCount(env, countV, "property copy '"+name.V+"'", errs)
		if !ok {
			if u != nil {
				out.Set(name.V, *u)
			}
			continue
		}
		if b, ok := env.(budget); ok && !b.spend(n, o.At, errs) {
			return
		}
		elems := make([]value.Value, 0, n)
		saved := *loops
		for i := int64(0); i < n; i++ {
			*loops = append(saved[:len(saved):len(saved)], loop{name: name.V, index: i, named: true})
			elems = append(elems, evalTree(env, input, errs, loops, depth+1))
		}
		*loops = saved
		out.SetMember(value.Member{Key: name.V, KeyPos: nm.KeyPos, Value: &value.Array{Elems: elems, At: o.At}})
	}
}

// copyCount evaluates a copy count and checks it against ARM's limit. An
// Unknown count is returned in u, without an error.
func copyCount(env eval.Env, v value.Value, what string, errs *source.ErrorList) (n int64, u *value.Unknown, ok bool) {
	if v == nil {
		return 0, nil, false // the decoder reported the missing count
	}
	cv := evalTree(env, v, errs, nil, 0)
	switch c := cv.(type) {
	case value.Int:
		n = c.V
	case value.Float:
		if c.V != float64(int64(c.V)) {
			*errs = append(*errs, source.Errorf(v.Pos(), "the count of %s must be a whole number, not %v", what, c.V))
			return 0, nil, false
		}
		n = int64(c.V)
	case value.Unknown:
		// Not an error: the count depends on a value only known at
		// deployment (or on an error already reported). The caller
		// decides what stands for the unknown iterations.
		return 0, &c, false
	default:
		*errs = append(*errs, source.Errorf(v.Pos(), "the count of %s must be an integer, not %s", what, value.TypeName(cv)))
		return 0, nil, false
	}
	if n < 0 || n > MaxCopy {
		*errs = append(*errs, source.Errorf(v.Pos(), "the count of %s is %d; ARM allows 0 to %d iterations", what, n, MaxCopy))
		return 0, nil, false
	}
	return n, nil, true
}
