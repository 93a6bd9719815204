package lang

import (
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// Selector is a document of kind Selector: a named expression used as a
// rule precondition (spec.with).
type Selector struct {
	Metadata
	// If is spec.if.
	If *Expr
}

func parseSelector(md Metadata, spec *value.Object, out *File, errs *source.ErrorList) *Selector {
	s := &Selector{Metadata: md}
	var has bool
	s.If, has = parseExprAt(spec, "if", errs)
	if !has {
		errs.Add(spec.Pos(), "the selector %q has no spec.if", md.Name)
	}
	warnUnknown(spec, []string{"if"}, "selector", out)
	return s
}

// Match reports whether t matches the selector. When the answer depends
// on a deployment-time value, Match returns false and an *UnknownError
// naming it.
func (s *Selector) Match(t *rules.Target) (bool, error) {
	return matchExpr(s.If, t)
}

// matchExpr evaluates e as a yes/no question; unknown is false with an
// *UnknownError.
func matchExpr(e *Expr, t *rules.Target) (bool, error) {
	if e == nil {
		return true, nil
	}
	r, unk := e.test(t)
	switch r {
	case True:
		return true, nil
	case Unknown:
		return false, unk
	}
	return false, nil
}
