package lang

import (
	"time"

	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// SuppressionGroup is a document of kind SuppressionGroup: rules whose
// results are suppressed for targets that match spec.if until expiresOn.
type SuppressionGroup struct {
	Metadata
	// Rule is spec.rule: rule names or refs it suppresses ("" means all).
	Rule []string
	// If is spec.if, or nil for every target.
	If *Expr
	// ExpiresOn is spec.expiresOn, or the zero time when it does not
	// expire.
	ExpiresOn    time.Time
	ExpiresOnPos source.Pos
}

// Match reports whether the group suppresses the rule described by info
// on t at time now. An unknown answer gives false and an *UnknownError.
func (g *SuppressionGroup) Match(info *rules.Info, t *rules.Target, now time.Time) (bool, error) {
	panic("not implemented")
}
