package lang

import (
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// Truth is a three-valued answer: False, True or Unknown (depends on a
// deployment-time value).
type Truth int8

// The three answers.
const (
	False Truth = iota
	True
	Unknown
)

// Expr is a compiled expression: an operator (allOf, anyOf, not) or a
// condition on an operand (field, type, name, source, value).
type Expr struct {
	Pos source.Pos
}

// ParseExpr compiles an expression written as a value (a spec.if,
// spec.condition or spec.where object).
func ParseExpr(v value.Value) (*Expr, source.ErrorList) {
	panic("not implemented")
}

// Eval runs e on t and returns its answer and the reasons that explain a
// false or unknown answer.
func (e *Expr) Eval(t *rules.Target) (Truth, []rules.Reason) {
	panic("not implemented")
}

// UnknownError says that an answer depends on a deployment-time value.
type UnknownError struct {
	Path    string
	Unknown value.Unknown
}

// Error renders the reason.
func (e *UnknownError) Error() string {
	panic("not implemented")
}
