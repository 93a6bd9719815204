package params

import (
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// A parameter file can call the user-defined functions it imports
// (import {f} from 'lib.bicep'; param p = f(1)). The compiler copies them
// in as ARM functions; they are evaluated here with their parameters
// bound to the arguments. ARM functions read only their parameters, so a
// call needs no other state of the file.

// maxCallDepth caps user-defined functions calling each other.
const maxCallDepth = 64

// CallUserFunction implements eval.Env for the functions imports copied
// in (namespace __bicep).
func (e *env) CallUserFunction(name string, args []value.Value, at source.Pos) (value.Value, bool, error) {
	return callFunction(e, e.low.Functions, name, args, at, 0)
}

func callFunction(outer eval.Env, funcs *value.Object, name string, args []value.Value, at source.Pos, depth int) (value.Value, bool, error) {
	ns, member, ok := strings.Cut(name, ".")
	if !ok || !strings.EqualFold(ns, "__bicep") || funcs == nil {
		return nil, false, nil
	}
	fv, ok := funcs.Get(member)
	f, isObj := fv.(*value.Object)
	if !ok || !isObj {
		return nil, false, nil
	}
	if depth >= maxCallDepth {
		return nil, true, &source.Error{Pos: at, Code: CodeEval, Message: "user-defined functions call each other more than " + strconv.Itoa(maxCallDepth) + " levels deep"}
	}
	fe := &funcEnv{Env: outer, funcs: funcs, args: map[string]value.Value{}, depth: depth + 1}
	if ps, ok := f.Get("parameters"); ok {
		if arr, ok := ps.(*value.Array); ok {
			if len(arr.Elems) != len(args) {
				return nil, true, &source.Error{Pos: at, Code: CodeEval, Message: "the function '" + member + "' takes " + strconv.Itoa(len(arr.Elems)) + " arguments, not " + strconv.Itoa(len(args))}
			}
			for i, p := range arr.Elems {
				if po, ok := p.(*value.Object); ok {
					if n, ok := po.Get("name"); ok {
						if s, ok := n.(value.String); ok {
							fe.args[strings.ToLower(s.V)] = args[i]
						}
					}
				}
			}
		}
	}
	out, ok := f.Get("output")
	oo, isObj := out.(*value.Object)
	if !ok || !isObj {
		return nil, true, &source.Error{Pos: at, Code: CodeEval, Message: "the function '" + member + "' has no output"}
	}
	body, ok := oo.Get("value")
	if !ok {
		return value.Null{At: at}, true, nil
	}
	v, err := evalTree(body, fe, 0)
	return v, true, err
}

// funcEnv is the environment of a user-defined function's body: its
// parameters are the call's arguments.
type funcEnv struct {
	eval.Env
	funcs *value.Object
	args  map[string]value.Value
	depth int
}

// Parameter implements eval.Env.
func (f *funcEnv) Parameter(name string, at source.Pos) (value.Value, error) {
	if v, ok := f.args[strings.ToLower(name)]; ok {
		return v, nil
	}
	return nil, &source.Error{Pos: at, Code: CodeEval, Message: "the function has no parameter '" + name + "'"}
}

// Variable implements eval.Env: ARM functions cannot read variables.
func (f *funcEnv) Variable(name string, at source.Pos) (value.Value, error) {
	return nil, &source.Error{Pos: at, Code: CodeEval, Message: "a user-defined function cannot read the variable '" + name + "'"}
}

// CallUserFunction implements eval.Env.
func (f *funcEnv) CallUserFunction(name string, args []value.Value, at source.Pos) (value.Value, bool, error) {
	return callFunction(f, f.funcs, name, args, at, f.depth)
}

// evalTree evaluates every expression string of a function's output.
func evalTree(v value.Value, env eval.Env, depth int) (value.Value, error) {
	if depth > maxDepth {
		return nil, &source.Error{Pos: v.Pos(), Code: CodeEval, Message: "the value nests too deeply"}
	}
	switch x := v.(type) {
	case value.String:
		return eval.EvalString(x, env)
	case *value.Array:
		out := value.NewArray(x.At)
		for _, el := range x.Elems {
			r, err := evalTree(el, env, depth+1)
			if err != nil {
				return nil, err
			}
			out.Elems = append(out.Elems, r)
		}
		return out, nil
	case *value.Object:
		out := value.NewObject(x.At)
		for _, m := range x.Members() {
			r, err := evalTree(m.Value, env, depth+1)
			if err != nil {
				return nil, err
			}
			m.Value = r
			out.SetMember(m)
		}
		return out, nil
	}
	return v, nil
}
