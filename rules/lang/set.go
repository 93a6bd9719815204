package lang

import "github.com/azrule/azrule/source"

// Set is a compiled collection of rule files: selectors resolved,
// expressions validated.
type Set struct {
	Rules []*Rule
	// Selectors are keyed by lower-cased name.
	Selectors         map[string]*Selector
	Baselines         []*Baseline
	SuppressionGroups []*SuppressionGroup
}

// Compile joins files into a Set. It resolves each rule's spec.with
// against the selectors of all files, reports duplicate rule names, refs,
// selector, baseline and suppression group names at the second one's
// position, and reports expressions that cannot run.
func Compile(files ...*File) (*Set, source.ErrorList) {
	panic("not implemented")
}

// Rule returns the rule with the given name or ref, matched without regard
// to case, or nil.
func (s *Set) Rule(nameOrRef string) *Rule {
	panic("not implemented")
}
