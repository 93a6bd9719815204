package lang

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
	"github.com/azrule/azrule/suggest"
)

// MaxExprDepth caps how deeply operators may nest in one expression.
const MaxExprDepth = 64

// Truth is a three-valued answer: False, True or Unknown (it depends on a
// deployment-time value).
type Truth int8

// The three answers.
const (
	False Truth = iota
	True
	Unknown
)

// String returns "false", "true" or "unknown".
func (t Truth) String() string {
	switch t {
	case True:
		return "true"
	case Unknown:
		return "unknown"
	}
	return "false"
}

type exprKind uint8

const (
	exprCond exprKind = iota
	exprAllOf
	exprAnyOf
	exprNot
)

// Expr is a compiled expression: an operator (allOf, anyOf, not) over
// nested expressions, optionally with a sub-selector, or a condition on
// an operand (field, type, name, source, value, scope).
type Expr struct {
	// Pos is where the expression's object was written.
	Pos      source.Pos
	kind     exprKind
	children []*Expr
	sub      *subSelector
	cond     *cond
}

// subSelector is "field" + optional "where" + optional quantifier on an
// allOf or anyOf: the operator runs once per element of field that where
// accepts, and the quantifier (or, without one, "every element and at
// least one") decides.
type subSelector struct {
	field *Path
	pos   source.Pos
	where *Expr
	quant quantKind
	n     int64
}

type quantKind uint8

const (
	quantNone quantKind = iota
	quantCount
	quantLess
	quantLessOrEqual
	quantGreater
	quantGreaterOrEqual
)

func (q quantKind) accepts(pass, n int64) bool {
	switch q {
	case quantCount:
		return pass == n
	case quantLess:
		return pass < n
	case quantLessOrEqual:
		return pass <= n
	case quantGreater:
		return pass > n
	case quantGreaterOrEqual:
		return pass >= n
	}
	return false
}

var quantNames = map[string]quantKind{
	"count":           quantCount,
	"less":            quantLess,
	"lessorequal":     quantLessOrEqual,
	"lessorequals":    quantLessOrEqual,
	"greater":         quantGreater,
	"greaterorequal":  quantGreaterOrEqual,
	"greaterorequals": quantGreaterOrEqual,
}

type operandKind uint8

const (
	opField operandKind = iota
	opType
	opName
	opSource
	opValue
	opScope
)

var operandNames = map[string]operandKind{
	"field":  opField,
	"type":   opType,
	"name":   opName,
	"source": opSource,
	"value":  opValue,
	"scope":  opScope,
}

// cond is one compiled condition.
type cond struct {
	def       *condDef
	pos       source.Pos // of the condition key
	operand   operandKind
	field     *Path
	literal   value.Value // the value operand
	literalFn *fnExpr     // or a function giving it
	argFn     *fnExpr     // a function giving the argument
	sourceKey string
	arg       value.Value
	// Pre-decoded forms of arg.
	flag    bool
	num     int64
	strs    []string
	re      *regexp.Regexp
	version *constraint
	// Modifiers.
	caseSensitive     bool
	convert           bool
	unique            bool
	ignoreScheme      bool
	includePrerelease bool
}

var modifierNames = []string{"caseSensitive", "convert", "unique", "ignoreScheme", "includePrerelease"}

// ParseExpr compiles an expression written as a value (the object of a
// spec.if, spec.condition or spec.where). It returns nil and the problems
// found, each positioned at the key or value at fault, when the
// expression cannot run.
func ParseExpr(v value.Value) (*Expr, source.ErrorList) {
	var errs source.ErrorList
	e := parseExpr(v, 0, &errs)
	if len(errs) > 0 {
		return nil, errs
	}
	return e, nil
}

func parseExpr(v value.Value, depth int, errs *source.ErrorList) *Expr {
	obj, ok := v.(*value.Object)
	if !ok {
		errs.Add(v.Pos(), "an expression must be an object with a condition (for example field and equals) or an operator (allOf, anyOf, not); found %s", kindWord(v))
		return nil
	}
	if depth > MaxExprDepth {
		errs.Add(obj.Pos(), "expressions nest deeper than %d levels", MaxExprDepth)
		return nil
	}
	var opKey value.Member
	nOps := 0
	for _, m := range obj.Members() {
		switch strings.ToLower(m.Key) {
		case "allof", "anyof", "not":
			if nOps == 0 {
				opKey = m
			} else {
				errs.Add(m.KeyPos, "an expression has one operator; %q and %q are both set (nest one inside the other)", opKey.Key, m.Key)
			}
			nOps++
		}
	}
	if nOps > 0 {
		return parseOperator(obj, opKey, depth, errs)
	}
	return parseCondition(obj, errs)
}

func parseOperator(obj *value.Object, op value.Member, depth int, errs *source.ErrorList) *Expr {
	e := &Expr{Pos: obj.Pos()}
	switch strings.ToLower(op.Key) {
	case "allof":
		e.kind = exprAllOf
	case "anyof":
		e.kind = exprAnyOf
	default:
		e.kind = exprNot
	}
	n := len(*errs)
	if e.kind == exprNot {
		if _, isArr := op.Value.(*value.Array); isArr {
			errs.Add(op.Value.Pos(), "not takes one expression (an object), not a list")
		} else if c := parseExpr(op.Value, depth+1, errs); c != nil {
			e.children = []*Expr{c}
		}
	} else {
		arr, ok := op.Value.(*value.Array)
		switch {
		case !ok:
			errs.Add(op.Value.Pos(), "%s takes a list of expressions; found %s", op.Key, kindWord(op.Value))
		case len(arr.Elems) == 0:
			errs.Add(arr.Pos(), "%s needs at least one expression", op.Key)
		}
		if ok {
			for _, el := range arr.Elems {
				if c := parseExpr(el, depth+1, errs); c != nil {
					e.children = append(e.children, c)
				}
			}
		}
	}
	// Sub-selector properties and anything else beside the operator.
	var sub subSelector
	hasSub := false
	for _, m := range obj.Members() {
		k := strings.ToLower(m.Key)
		switch {
		case m.Key == op.Key:
		case k == "allof" || k == "anyof" || k == "not":
			// reported above
		case k == "field":
			s, ok := pathString(m.Value)
			if !ok {
				errs.Add(m.Value.Pos(), "field must be a string path; found %s", kindWord(m.Value))
				continue
			}
			p, err := ParsePath(s.V, stringStart(s))
			if err != nil {
				*errs = append(*errs, err)
				continue
			}
			sub.field, sub.pos, hasSub = p, m.KeyPos, true
		case k == "where":
			sub.where = parseExpr(m.Value, depth+1, errs)
		case quantNames[k] != quantNone:
			if sub.quant != quantNone {
				errs.Add(m.KeyPos, "a sub-selector takes one quantifier; remove %q", m.Key)
				continue
			}
			n, ok := intArg(m.Value)
			if !ok {
				errs.Add(m.Value.Pos(), "%s must be an integer; found %s", m.Key, kindWord(m.Value))
				continue
			}
			sub.quant, sub.n = quantNames[k], n
		default:
			errs.Add(m.KeyPos, "unknown property %q beside %s; an operator takes only field, where and a quantifier (count, less, lessOrEqual, greater, greaterOrEqual)", m.Key, op.Key)
		}
	}
	if e.kind == exprNot && (hasSub || sub.where != nil || sub.quant != quantNone) {
		errs.Add(op.KeyPos, "sub-selectors (field, where, quantifiers) apply to allOf and anyOf, not to not")
	}
	if !hasSub && (sub.where != nil || sub.quant != quantNone) {
		errs.Add(op.KeyPos, "where and quantifiers need field: the list whose elements %s evaluates", op.Key)
	}
	if hasSub {
		e.sub = &sub
	}
	if len(*errs) > n {
		return nil
	}
	return e
}

// stringStart is the position of the first character inside a string
// literal, for errors about its content. JSON and quoted YAML strings
// start one byte after their position.
func stringStart(s value.String) source.Pos {
	p := s.Pos()
	if p.File != nil && p.Offset < len(p.File.Content) {
		if c := p.File.Content[p.Offset]; c == '"' || c == '\'' {
			return p.Add(1)
		}
	}
	return p
}

func parseCondition(obj *value.Object, errs *source.ErrorList) *Expr {
	c := &cond{}
	n := len(*errs)
	var operandKey value.Member
	nOperands := 0
	for _, m := range obj.Members() {
		k := strings.ToLower(m.Key)
		if d := condByName[k]; d != nil {
			if c.def != nil {
				errs.Add(m.KeyPos, "an expression has one condition; %q and %q are both set (use allOf or anyOf to combine them)", c.def.name, m.Key)
				continue
			}
			c.def, c.pos, c.arg = d, m.KeyPos, m.Value
			continue
		}
		if o, ok := operandNames[k]; ok {
			if nOperands > 0 {
				errs.Add(m.KeyPos, "a condition has one operand; %q and %q are both set", operandKey.Key, m.Key)
				continue
			}
			nOperands++
			operandKey = m
			c.operand = o
			continue
		}
		if isModifier(k) || k == "where" || quantNames[k] != quantNone {
			continue // checked below, once the condition is known
		}
		errs.Add(m.KeyPos, "unknown condition or property %q%s", m.Key, conditionHint(m.Key))
	}
	if c.def == nil {
		if len(*errs) == n {
			errs.Add(obj.Pos(), "the expression has no condition (for example equals, exists, in) and no operator (allOf, anyOf, not)")
		}
		return nil
	}
	if nOperands == 0 {
		errs.Add(c.pos, "%s needs an operand: field, type, name, source, value or scope", c.def.name)
		return nil
	}
	// Modifiers and stray operator properties.
	for _, m := range obj.Members() {
		k := strings.ToLower(m.Key)
		if k == "where" || (quantNames[k] != quantNone && condByName[k] == nil) {
			errs.Add(m.KeyPos, "%q belongs to a sub-selector on allOf or anyOf, not to a condition", m.Key)
			continue
		}
		if !isModifier(k) {
			continue
		}
		if !c.def.allows(k) {
			errs.Add(m.KeyPos, "%s does not take %s", c.def.name, m.Key)
			continue
		}
		b, ok := boolArg(m.Value)
		if !ok {
			errs.Add(m.Value.Pos(), "%s must be true or false; found %s", m.Key, kindWord(m.Value))
			continue
		}
		switch k {
		case "casesensitive":
			c.caseSensitive = b
		case "convert":
			c.convert = b
		case "unique":
			c.unique = b
		case "ignorescheme":
			c.ignoreScheme = b
		case "includeprerelease":
			c.includePrerelease = b
		}
	}
	parseOperand(c, operandKey, errs)
	parseArg(c, errs)
	if len(*errs) > n {
		return nil
	}
	return &Expr{Pos: obj.Pos(), kind: exprCond, cond: c}
}

func parseOperand(c *cond, m value.Member, errs *source.ErrorList) {
	if c.def.fieldOnly && c.operand != opField {
		errs.Add(m.KeyPos, "%s works on a field; use field instead of %s", c.def.name, m.Key)
		return
	}
	switch c.operand {
	case opField:
		s, ok := pathString(m.Value)
		if !ok {
			errs.Add(m.Value.Pos(), "field must be a string path; found %s", kindWord(m.Value))
			return
		}
		p, err := ParsePath(s.V, stringStart(s))
		if err != nil {
			*errs = append(*errs, err)
			return
		}
		c.field = p
	case opType, opName, opScope:
		if s, ok := m.Value.(value.String); !ok || s.V != "." {
			errs.Add(m.Value.Pos(), "%s must be '.' (the target's own %s)", m.Key, strings.ToLower(m.Key))
		}
	case opSource:
		s, ok := m.Value.(value.String)
		if !ok || s.V == "" {
			errs.Add(m.Value.Pos(), "source must name a source, for example 'Template'")
			return
		}
		c.sourceKey = s.V
	case opValue:
		if fv, ok := isFnObject(m.Value); ok {
			c.literalFn = parseFn(fv, 0, errs)
			return
		}
		c.literal = m.Value
	}
}

func isModifier(k string) bool {
	for _, m := range modifierNames {
		if strings.EqualFold(m, k) {
			return true
		}
	}
	return false
}

// conditionHint offers the condition name closest to a misspelt key.
func conditionHint(key string) string {
	best, ok := suggest.Closest(key, sortedConditionNames)
	if !ok {
		return ""
	}
	return "; did you mean " + strconv.Quote(best) + "?"
}

// sortedConditionNames are the candidates for conditionHint, sorted so
// that a tie between two names always gives the same message.
var sortedConditionNames = func() []string {
	names := ConditionNames()
	sort.Strings(names)
	return names
}()

func boolArg(v value.Value) (bool, bool) {
	return asBool(v, true)
}

func intArg(v value.Value) (int64, bool) {
	return asInt(v, true)
}

// parseArg checks and decodes the condition's argument.
func parseArg(c *cond, errs *source.ErrorList) {
	d, a := c.def, c.arg
	n := len(*errs)
	if fv, ok := isFnObject(a); ok {
		if !fnArgConditions[strings.ToLower(d.name)] {
			errs.Add(a.Pos(), "%s does not take a function; functions are allowed in equals, notEquals, count, less, lessOrEquals, greater and greaterOrEquals", d.name)
			return
		}
		c.argFn = parseFn(fv, 0, errs)
		return
	}
	switch d.arg {
	case argBool:
		b, ok := boolArg(a)
		if !ok {
			errs.Add(a.Pos(), "%s must be true or false; found %s", d.name, kindWord(a))
		}
		c.flag = b
	case argInt:
		n, ok := intArg(a)
		if !ok {
			errs.Add(a.Pos(), "%s must be an integer; found %s", d.name, kindWord(a))
		}
		c.num = n
	case argArray:
		if _, ok := a.(*value.Array); !ok {
			errs.Add(a.Pos(), "%s must be a list of values; found %s", d.name, kindWord(a))
		}
	case argStrings:
		switch a := a.(type) {
		case value.String:
			c.strs = []string{a.V}
		case *value.Array:
			for _, e := range a.Elems {
				s, ok := e.(value.String)
				if !ok {
					errs.Add(e.Pos(), "%s takes strings; found %s", d.name, kindWord(e))
					continue
				}
				c.strs = append(c.strs, s.V)
			}
		default:
			errs.Add(a.Pos(), "%s must be a string or a list of strings; found %s", d.name, kindWord(a))
		}
	case argString:
		s, ok := a.(value.String)
		if !ok {
			errs.Add(a.Pos(), "%s must be a string; found %s", d.name, kindWord(a))
			return
		}
		c.strs = []string{s.V}
	case argAny:
		if _, ok := a.(value.Unknown); ok {
			errs.Add(a.Pos(), "%s cannot compare with a deployment-time value", d.name)
		}
	}
	if d.compile != nil && len(*errs) == n {
		if err := d.compile(c); err != "" {
			errs.Add(a.Pos(), "%s", err)
		}
	}
}

// pathString reads a field path. A path YAML reads as a number or
// boolean ("field: 2020", "field: null") is taken as written.
func pathString(v value.Value) (value.String, bool) {
	switch v := v.(type) {
	case value.String:
		return v, true
	case value.Int, value.Float, value.Bool, value.Null:
		if !v.Pos().IsValid() {
			break
		}
		text := scalarText(v)
		if _, null := v.(value.Null); null && !strings.EqualFold(text, "null") {
			break // an empty value, not the word null
		}
		return value.String{V: text, At: v.Pos()}, true
	}
	return value.String{}, false
}
