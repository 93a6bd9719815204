package eval

import (
	"sort"

	"github.com/azrule/azrule/arm/value"
)

// The lambda functions. Each lambda body runs with its parameters bound;
// lambdaVariables(name) reads them, innermost lambda first. A body that
// yields an Unknown where a decision is needed (filter's condition, sort's
// order, groupBy's key) makes the whole result Unknown.
func init() {
	Register(&Func{Name: "filter", MinArgs: 2, MaxArgs: 2, Lambdas: true, Call: fnFilter})
	Register(&Func{Name: "map", MinArgs: 2, MaxArgs: 2, Lambdas: true, Call: fnMap})
	Register(&Func{Name: "mapValues", MinArgs: 2, MaxArgs: 2, Lambdas: true, Call: fnMapValues})
	Register(&Func{Name: "groupBy", MinArgs: 2, MaxArgs: 3, Lambdas: true, Call: fnGroupBy})
	Register(&Func{Name: "reduce", MinArgs: 3, MaxArgs: 3, Lambdas: true, Call: fnReduce})
	Register(&Func{Name: "sort", MinArgs: 2, MaxArgs: 2, Lambdas: true, Call: fnSort})
	Register(&Func{Name: "toObject", MinArgs: 2, MaxArgs: 3, Lambdas: true, Call: fnToObject})
	Register(&Func{Name: "lambdaVariables", MinArgs: 1, MaxArgs: 1, Call: func(c *Call) (value.Value, error) {
		name, err := c.String(0)
		if err != nil {
			return nil, err
		}
		if c.ev != nil {
			if v, ok := c.ev.lambdaVariable(name); ok {
				return v, nil
			}
		}
		return nil, c.ArgErrorf(0, "'%s' is not a parameter of an enclosing lambda", name)
	}})
}

// lambdaArg returns argument i as a *Lambda taking at least min and at
// most max parameters.
func lambdaArg(c *Call, i, minP, maxP int) (*Lambda, error) {
	l, ok := c.Args[i].(*Lambda)
	if !ok {
		return nil, c.ArgErrorf(i, "argument %d must be a lambda, e.g. lambda('x', ...), not %s", i+1, value.TypeName(c.Args[i]))
	}
	if len(l.Params) < minP || len(l.Params) > maxP {
		want := countNoun(minP, "parameter")
		if maxP != minP {
			want = itoa(minP) + " or " + itoa(maxP) + " parameters"
		}
		return nil, c.ArgErrorf(i, "the lambda must declare %s, not %d", want, len(l.Params))
	}
	return l, nil
}

func arrayArg(c *Call, i int) (*value.Array, error) {
	a, ok := c.Args[i].(*value.Array)
	if !ok {
		return nil, wrongType(c, i, "an array")
	}
	return a, nil
}

func idx(i int, at value.Value) value.Value { return value.Int{V: int64(i), At: at.Pos()} }

func fnFilter(c *Call) (value.Value, error) {
	a, l, err := arrayAndLambda(c, 1, 1, 2)
	if err != nil {
		return nil, err
	}
	out := value.NewArray(c.At)
	for i, e := range a.Elems {
		keep, err := l.Apply(c.Name, e, idx(i, e))
		if err != nil {
			return nil, err
		}
		switch k := keep.(type) {
		case value.Bool:
			if k.V {
				out.Elems = append(out.Elems, e)
			}
		case value.Unknown:
			return unknownCall(c.Name, c.Args, k, c.At), nil
		default:
			return nil, c.ArgErrorf(1, "the lambda must return a boolean, not %s", value.TypeName(keep))
		}
	}
	return out, nil
}

func fnMap(c *Call) (value.Value, error) {
	a, l, err := arrayAndLambda(c, 1, 1, 2)
	if err != nil {
		return nil, err
	}
	out := value.NewArray(c.At)
	out.Elems = make([]value.Value, len(a.Elems))
	for i, e := range a.Elems {
		v, err := l.Apply(c.Name, e, idx(i, e))
		if err != nil {
			return nil, err
		}
		out.Elems[i] = v
	}
	return out, nil
}

func fnMapValues(c *Call) (value.Value, error) {
	o, ok := c.Args[0].(*value.Object)
	if !ok {
		return nil, wrongType(c, 0, "an object")
	}
	l, err := lambdaArg(c, 1, 1, 1)
	if err != nil {
		return nil, err
	}
	out := value.NewObject(c.At)
	for _, m := range o.Members() {
		v, err := l.Apply(c.Name, m.Value)
		if err != nil {
			return nil, err
		}
		out.SetMember(value.Member{Key: m.Key, KeyPos: m.KeyPos, Value: v})
	}
	return out, nil
}

// keyOf applies l to e and requires a string key.
func keyOf(c *Call, l *Lambda, arg int, e value.Value) (string, *value.Unknown, error) {
	k, err := l.Apply(c.Name, e)
	if err != nil {
		return "", nil, err
	}
	switch k := k.(type) {
	case value.String:
		return k.V, nil, nil
	case value.Unknown:
		return "", &k, nil
	}
	return "", nil, c.ArgErrorf(arg, "the key lambda must return a string, not %s", value.TypeName(k))
}

// eachKeyed runs the key lambda (argument 1) and the optional value lambda
// (argument 2) of groupBy and toObject over the array (argument 0),
// calling add with each element's key and value (the element itself when
// there is no value lambda). When a key is only known at deployment, the
// whole call is: it returns that Unknown as the result.
func eachKeyed(c *Call, add func(key string, v value.Value)) (unknown value.Value, err error) {
	a, kl, err := arrayAndLambda(c, 1, 1, 1)
	if err != nil {
		return nil, err
	}
	var vl *Lambda
	if len(c.Args) > 2 {
		if vl, err = lambdaArg(c, 2, 1, 1); err != nil {
			return nil, err
		}
	}
	for _, e := range a.Elems {
		k, u, err := keyOf(c, kl, 1, e)
		if err != nil {
			return nil, err
		}
		if u != nil {
			return unknownCall(c.Name, c.Args, *u, c.At), nil
		}
		v := e
		if vl != nil {
			if v, err = vl.Apply(c.Name, e); err != nil {
				return nil, err
			}
		}
		add(k, v)
	}
	return nil, nil
}

// fnGroupBy(array, keyLambda, [valueLambda]) groups elements (or the
// values the value lambda makes of them) by key, keys in first-seen order.
func fnGroupBy(c *Call) (value.Value, error) {
	out := value.NewObject(c.At)
	u, err := eachKeyed(c, func(k string, v value.Value) {
		g, ok := out.Get(k)
		if !ok {
			g = value.NewArray(c.At)
			out.Set(k, g)
		}
		g.(*value.Array).Elems = append(g.(*value.Array).Elems, v)
	})
	if u != nil || err != nil {
		return u, err
	}
	return out, nil
}

func fnReduce(c *Call) (value.Value, error) {
	a, l, err := arrayAndLambda(c, 2, 2, 3)
	if err != nil {
		return nil, err
	}
	acc := c.Args[1]
	for i, e := range a.Elems {
		if acc, err = l.Apply(c.Name, acc, e, idx(i, e)); err != nil {
			return nil, err
		}
	}
	return acc, nil
}

// fnSort orders the array with the lambda as "a comes before b". The sort
// is stable, so equal elements keep their order.
func fnSort(c *Call) (value.Value, error) {
	a, l, err := arrayAndLambda(c, 1, 2, 2)
	if err != nil {
		return nil, err
	}
	elems := append([]value.Value(nil), a.Elems...)
	var failure error
	var unknown *value.Unknown
	sort.SliceStable(elems, func(i, j int) bool {
		if failure != nil || unknown != nil {
			return false
		}
		v, err := l.Apply(c.Name, elems[i], elems[j])
		if err != nil {
			failure = err
			return false
		}
		switch b := v.(type) {
		case value.Bool:
			return b.V
		case value.Unknown:
			unknown = &b
			return false
		}
		failure = c.ArgErrorf(1, "the lambda must return a boolean, not %s", value.TypeName(v))
		return false
	})
	if failure != nil {
		return nil, failure
	}
	if unknown != nil {
		return unknownCall(c.Name, c.Args, *unknown, c.At), nil
	}
	return value.NewArray(c.At, elems...), nil
}

// fnToObject(array, keyLambda, [valueLambda]): without a value lambda the
// element itself is the value. A repeated key keeps the last value.
func fnToObject(c *Call) (value.Value, error) {
	out := value.NewObject(c.At)
	u, err := eachKeyed(c, func(k string, v value.Value) { out.Set(k, v) })
	if u != nil || err != nil {
		return u, err
	}
	return out, nil
}

// arrayAndLambda reads the array that is the first argument of filter,
// map, reduce, sort, groupBy and toObject, and the lambda at argument i
// taking minP to maxP parameters.
func arrayAndLambda(c *Call, i, minP, maxP int) (*value.Array, *Lambda, error) {
	a, err := arrayArg(c, 0)
	if err != nil {
		return nil, nil, err
	}
	l, err := lambdaArg(c, i, minP, maxP)
	if err != nil {
		return nil, nil, err
	}
	return a, l, nil
}
