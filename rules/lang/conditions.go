package lang

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/rules"
)

type argKind uint8

const (
	argAny     argKind = iota // a value to compare with: string, int, bool ...
	argBool                   // true or false
	argInt                    // an integer
	argArray                  // a list of values
	argStrings                // a string or a list of strings
	argString                 // one string
)

// arrMode says how a deployment-time element inside an array operand
// affects a condition's answer.
type arrMode uint8

const (
	amKnown arrMode = iota // the answer does not look at elements
	amAny                  // true when some element matches: false may be wrong
	amAll                  // true when no element matches: true may be wrong
	amBoth                 // depends on every element: neither is sure
)

// condDef describes one condition of the language.
type condDef struct {
	name string
	arg  argKind
	// fieldOnly conditions need the field operand.
	fieldOnly bool
	// missTrue conditions are true on a missing field (PSRule's
	// "PassPathNotFound" conditions).
	missTrue bool
	arrays   arrMode
	mods     []string
	compile  func(c *cond) string
	// eval answers for a present operand value; the message explains a
	// false answer and is only built when explain is set.
	eval func(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string)
}

func (d *condDef) allows(mod string) bool {
	for _, m := range d.mods {
		if strings.EqualFold(m, mod) {
			return true
		}
	}
	return false
}

const (
	mCase    = "caseSensitive"
	mConvert = "convert"
)

// conditions lists every condition with PSRule's semantics.
var conditions = []*condDef{
	{name: "exists", arg: argBool, fieldOnly: true},
	{name: "equals", arg: argAny, arrays: amBoth, mods: []string{mCase, mConvert}, eval: evalEquals},
	{name: "notEquals", arg: argAny, missTrue: true, arrays: amBoth, mods: []string{mCase, mConvert}, eval: evalNotEquals},
	{name: "hasDefault", arg: argAny, missTrue: true, arrays: amBoth, mods: []string{mCase}, eval: evalHasDefault},
	{name: "hasValue", arg: argBool, eval: evalHasValue},
	{name: "match", arg: argString, arrays: amAny, mods: []string{mCase}, compile: compileRegexp, eval: evalMatch},
	{name: "notMatch", arg: argString, missTrue: true, arrays: amAll, mods: []string{mCase}, compile: compileRegexp, eval: evalNotMatch},
	{name: "in", arg: argArray, arrays: amAny, eval: evalIn},
	{name: "notIn", arg: argArray, missTrue: true, arrays: amAll, eval: evalNotIn},
	{name: "less", arg: argInt, mods: []string{mConvert}, eval: compareEval("<", func(c int) bool { return c < 0 })},
	{name: "lessOrEquals", arg: argInt, mods: []string{mConvert}, eval: compareEval("<=", func(c int) bool { return c <= 0 })},
	{name: "greater", arg: argInt, mods: []string{mConvert}, eval: compareEval(">", func(c int) bool { return c > 0 })},
	{name: "greaterOrEquals", arg: argInt, mods: []string{mConvert}, eval: compareEval(">=", func(c int) bool { return c >= 0 })},
	{name: "startsWith", arg: argStrings, arrays: amAny, mods: []string{mCase, mConvert}, eval: stringsEval(hasPrefix, false, "does not start with any of", "starts with")},
	{name: "notStartsWith", arg: argStrings, arrays: amAll, mods: []string{mCase, mConvert}, eval: stringsEval(hasPrefix, true, "does not start with any of", "starts with")},
	{name: "endsWith", arg: argStrings, arrays: amAny, mods: []string{mCase, mConvert}, eval: stringsEval(hasSuffix, false, "does not end with any of", "ends with")},
	{name: "notEndsWith", arg: argStrings, arrays: amAll, mods: []string{mCase, mConvert}, eval: stringsEval(hasSuffix, true, "does not end with any of", "ends with")},
	{name: "contains", arg: argStrings, arrays: amAny, mods: []string{mCase, mConvert}, eval: stringsEval(containsStr, false, "does not contain any of", "contains")},
	{name: "notContains", arg: argStrings, arrays: amAll, mods: []string{mCase, mConvert}, eval: stringsEval(containsStr, true, "does not contain any of", "contains")},
	{name: "like", arg: argStrings, mods: []string{mCase, mConvert}, eval: evalLike},
	{name: "notLike", arg: argStrings, mods: []string{mCase, mConvert}, eval: evalNotLike},
	{name: "isString", arg: argBool, eval: typeEval("a string", func(c *cond, x *evalCtx, v value.Value) bool { _, ok := v.(value.String); return ok })},
	{name: "isArray", arg: argBool, eval: typeEval("an array", func(c *cond, x *evalCtx, v value.Value) bool { _, ok := v.(*value.Array); return ok })},
	{name: "isBoolean", arg: argBool, mods: []string{mConvert}, eval: typeEval("a boolean", func(c *cond, x *evalCtx, v value.Value) bool { _, ok := asBool(v, c.convert); return ok })},
	{name: "isDateTime", arg: argBool, mods: []string{mConvert}, eval: typeEval("a date", func(c *cond, x *evalCtx, v value.Value) bool { _, ok := asDateTime(v, c.convert, x.now); return ok })},
	{name: "isInteger", arg: argBool, mods: []string{mConvert}, eval: typeEval("an integer", func(c *cond, x *evalCtx, v value.Value) bool { _, ok := asInt(v, c.convert); return ok })},
	{name: "isNumeric", arg: argBool, mods: []string{mConvert}, eval: typeEval("numeric", func(c *cond, x *evalCtx, v value.Value) bool { _, ok := asFloat(v, c.convert); return ok })},
	{name: "isLower", arg: argBool, eval: caseEval(isLower, "lowercase")},
	{name: "isUpper", arg: argBool, eval: caseEval(isUpper, "uppercase")},
	{name: "setOf", arg: argArray, fieldOnly: true, arrays: amBoth, mods: []string{mCase}, eval: evalSetOf},
	{name: "subset", arg: argArray, fieldOnly: true, arrays: amBoth, mods: []string{mCase, "unique"}, eval: evalSubset},
	{name: "count", arg: argInt, eval: evalCount},
	{name: "notCount", arg: argInt, eval: evalNotCount},
	{name: "hasSchema", arg: argArray, fieldOnly: true, mods: []string{mCase, "ignoreScheme"}, eval: evalHasSchema},
	{name: "version", arg: argString, mods: []string{"includePrerelease"}, compile: compileSemver, eval: evalVersion},
	{name: "apiVersion", arg: argString, mods: []string{"includePrerelease"}, compile: compileDateVersion, eval: evalVersion},
	{name: "withinPath", arg: argStrings, mods: []string{mCase}, eval: evalWithinPath},
	{name: "notWithinPath", arg: argStrings, mods: []string{mCase}, eval: evalNotWithinPath},
}

// condByName indexes conditions by lower-cased name: PSRule matches
// condition names without regard to case.
var condByName = func() map[string]*condDef {
	m := make(map[string]*condDef, len(conditions))
	for _, d := range conditions {
		m[strings.ToLower(d.name)] = d
	}
	return m
}()

// ConditionNames returns the names of every condition, as PSRule spells
// them.
func ConditionNames() []string {
	out := make([]string, len(conditions))
	for i, d := range conditions {
		out[i] = d.name
	}
	return out
}

// evalCond resolves the operand and runs the condition.
func (x *evalCtx) evalCond(c *cond) Truth {
	v, found, parent, path := x.operand(c)
	d := c.def
	if u, ok := parent.(value.Unknown); ok && !found {
		// A value on the way is known only at deployment time: whether
		// the field exists, and what it holds, is unknown too.
		x.addUnknown(path, u, x.t.Pos)
		return Unknown
	}
	if !found {
		var r bool
		switch {
		case d.name == "exists":
			r = !c.flag
		case d.name == "hasValue":
			r = !c.flag
		default:
			r = d.missTrue
		}
		t := truth(r)
		if x.wantReason(t) {
			x.addReason(path, "Does not exist.", posOf(parent, x.t.Pos), false)
		}
		return t
	}
	if d.name == "exists" {
		t := truth(c.flag)
		if x.wantReason(t) {
			x.addReason(path, "Exists.", posOf(v, x.t.Pos), false)
		}
		return t
	}
	if u, ok := v.(value.Unknown); ok {
		x.addUnknown(path, u, x.t.Pos)
		return Unknown
	}
	if c.argFn != nil {
		// The argument is computed per target: run on a copy.
		a := c.argFn.eval(x)
		if u, ok := a.(value.Unknown); ok {
			x.addUnknown(path, u, x.t.Pos)
			return Unknown
		}
		cc := *c
		cc.argFn, cc.arg = nil, a
		if d.arg == argInt {
			n, ok := intArg(a)
			if !ok {
				if !x.quiet {
					x.addReason(path, "The value '"+render(a)+"' given to "+d.name+" is not an integer.", posOf(v, x.t.Pos), false)
				}
				return False
			}
			cc.num = n
		}
		return x.evalCond(&cc)
	}
	ok, _ := d.eval(c, x, v, false)
	t := truth(ok)
	if d.arrays != amKnown {
		if u, has := elementUnknown(v, c.arg, d.arrays == amBoth); has {
			unsure := d.arrays == amBoth || (d.arrays == amAny && !ok) || (d.arrays == amAll && ok)
			if unsure {
				x.addUnknown(path, u, posOf(v, x.t.Pos))
				return Unknown
			}
		}
	}
	if x.wantReason(t) {
		x.reasons = append(x.reasons, reasonRec{
			r:    rules.Reason{Path: path, Pos: posOf(v, x.t.Pos)},
			lazy: c, v: v, matched: ok,
		})
	}
	return t
}

func truth(b bool) Truth {
	if b {
		return True
	}
	return False
}

// elementUnknown finds a deployment-time value that could change a
// condition on v: among an array's elements, or, when deep, anywhere inside
// an array or inside an object compared with an object (an object is never
// equal to a string, whatever it holds).
func elementUnknown(v, arg value.Value, deep bool) (value.Unknown, bool) {
	if deep {
		switch v.(type) {
		case *value.Array:
			return value.FirstUnknown(v)
		case *value.Object:
			if _, ok := arg.(*value.Object); ok {
				return value.FirstUnknown(v)
			}
		}
		return value.Unknown{}, false
	}
	if arr, ok := v.(*value.Array); ok {
		for _, e := range arr.Elems {
			if u, ok := e.(value.Unknown); ok {
				return u, true
			}
		}
	}
	return value.Unknown{}, false
}

// operand resolves the condition's operand in the current object. It
// returns the value, whether it exists, the deepest existing parent when
// it does not, and the path to name in reasons.
func (x *evalCtx) operand(c *cond) (v value.Value, found bool, parent value.Value, path string) {
	switch c.operand {
	case opField:
		v, found, parent = c.field.Lookup(x.current())
		if !x.quiet {
			path = x.fieldPath(c.field)
		}
		return v, found, parent, path
	case opType:
		return x.bound("type", x.t.Type)
	case opName:
		return x.bound("name", x.t.Name)
	case opSource:
		if x.t.Pos.File == nil {
			return nil, false, nil, "source"
		}
		return value.String{V: x.t.Pos.File.Name, At: x.t.Pos}, true, nil, ""
	case opScope:
		id := x.t.ID
		if len(x.frames) > 0 {
			if o, ok := x.current().(*value.Object); ok {
				if s, ok := o.Get("id"); ok {
					if s, ok := s.(value.String); ok {
						id = s.V
					}
				}
			}
		}
		if id == "" {
			return nil, false, nil, "scope"
		}
		return value.String{V: scopeOf(id), At: x.t.Pos}, true, nil, ""
	case opValue:
		if c.literalFn != nil {
			return c.literalFn.eval(x), true, nil, ""
		}
		return c.literal, true, nil, ""
	}
	return nil, false, nil, ""
}

// bound returns the target's type or name; inside a sub-selector, the
// element's own "type" or "name" property.
func (x *evalCtx) bound(key, top string) (value.Value, bool, value.Value, string) {
	if len(x.frames) == 0 {
		if top == "" {
			return nil, false, nil, key
		}
		return value.String{V: top, At: x.t.Pos}, true, nil, ""
	}
	cur := x.current()
	o, ok := cur.(*value.Object)
	if !ok {
		return nil, false, cur, x.fieldPath(nil)
	}
	v, ok := o.Get(key)
	if !ok {
		return nil, false, cur, x.fieldPath(nil)
	}
	return v, true, nil, x.fieldPath(nil)
}

// scopeOf is the scope of a resource id: everything before its last
// "/providers/" segment.
func scopeOf(id string) string {
	l := strings.ToLower(id)
	if i := strings.LastIndex(l, "/providers/"); i > 0 {
		return id[:i]
	}
	return id
}

// render prints a value as reasons show it: strings bare, booleans as
// PSRule prints them ("True"), other values as compact JSON.
func render(v value.Value) string {
	var s string
	switch v := v.(type) {
	case value.Bool:
		return dotnetBool(v.V)
	case value.Null, nil:
		return ""
	default:
		s = value.Render(v)
	}
	const maxLen = 200
	if len(s) > maxLen {
		s = s[:maxLen] + "..."
	}
	return s
}

func joinQuoted(xs []string) string {
	var b strings.Builder
	for i, s := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('\'')
		b.WriteString(s)
		b.WriteByte('\'')
	}
	return b.String()
}

func joinValues(arr value.Value) string {
	a, ok := arr.(*value.Array)
	if !ok {
		return "'" + render(arr) + "'"
	}
	xs := make([]string, len(a.Elems))
	for i, e := range a.Elems {
		xs[i] = render(e)
	}
	return joinQuoted(xs)
}
