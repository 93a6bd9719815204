package lang

import "github.com/azrule/azrule/rules"

// Selector is a document of kind Selector: a named expression used as a
// rule precondition (spec.with) or a baseline's selection.
type Selector struct {
	Metadata
	// If is spec.if.
	If *Expr
}

// Match reports whether t matches the selector. A deployment-time value
// that decides the answer gives false and an *UnknownError.
func (s *Selector) Match(t *rules.Target) (bool, error) {
	panic("not implemented")
}
