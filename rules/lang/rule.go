package lang

import (
	"github.com/azrule/azrule/rules"
)

// Rule is a document of kind Rule. It implements rules.Rule.
type Rule struct {
	Metadata
	// Level is spec.level (Error, Warning, Information), or "".
	Level string
	// Type is spec.type: the target types the rule applies to.
	Type []string
	// With is spec.with: names of selectors, one of which must match.
	With []string
	where     *Expr
	condition *Expr
	with      []*Selector
	info      rules.Info
}

// Info implements rules.Rule.
func (r *Rule) Info() *rules.Info { return &r.info }

// SetDoc attaches documentation and its help URI; a rule without a
// synopsis takes the doc's.
func (r *Rule) SetDoc(doc *rules.Doc, helpURI string) {
	panic("not implemented")
}

// Evaluate implements rules.Rule.
func (r *Rule) Evaluate(t *rules.Target) rules.Result {
	panic("not implemented")
}
