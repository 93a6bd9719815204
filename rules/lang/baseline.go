package lang

import (
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/rules"
)

// Baseline is a document of kind Baseline: a named choice of rules and
// configuration.
type Baseline struct {
	Metadata
	// Include and Exclude are spec.rule.include/exclude: rule names or
	// refs, with * wildcards.
	Include []string
	Exclude []string
	// Tag is spec.rule.tag: every tag must match (the value "*" matches
	// any value; a list is any of).
	Tag map[string][]string
	// Labels is spec.rule.labels: any listed value of any label.
	Labels map[string][]string
	// Configuration is spec.configuration, or nil.
	Configuration *value.Object
}

// Selects reports whether the baseline chooses the rule described by info.
func (b *Baseline) Selects(info *rules.Info) bool {
	panic("not implemented")
}
