package lang

import (
	"strings"
	"time"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// SuppressionGroup is a document of kind SuppressionGroup: the results of
// the rules it names are suppressed for targets that match spec.if, until
// spec.expiresOn.
type SuppressionGroup struct {
	Metadata
	// Rule is spec.rule: the rule names or refs it suppresses, with *
	// wildcards.
	Rule    []string
	RulePos source.Pos
	// If is spec.if, or nil for every target.
	If *Expr
	// ExpiresOn is spec.expiresOn, or the zero time when it does not
	// expire.
	ExpiresOn    time.Time
	ExpiresOnPos source.Pos
}

func parseSuppressionGroup(md Metadata, spec *value.Object, out *File, errs *source.ErrorList) *SuppressionGroup {
	g := &SuppressionGroup{Metadata: md}
	if v, ok := spec.Get("rule"); ok {
		g.Rule = stringList(v, "spec.rule", errs)
		g.RulePos = v.Pos()
	} else {
		errs.Add(spec.Pos(), "the suppression group %q has no spec.rule; list the rules it suppresses", md.Name)
	}
	g.If, _ = parseExprAt(spec, "if", errs)
	if s, ok := getString(spec, "expiresOn", errs); ok {
		g.ExpiresOnPos = memberValuePos(spec, "expiresOn")
		t, ok := parseExpiry(s)
		if !ok {
			errs.Add(g.ExpiresOnPos, "spec.expiresOn must be a date and time such as 2026-12-31T00:00:00Z; found %q", s)
		}
		g.ExpiresOn = t
	}
	warnUnknown(spec, []string{"rule", "if", "expiresOn"}, "suppression group", out)
	return g
}

func parseExpiry(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// Expired reports whether the group has expired at now.
func (g *SuppressionGroup) Expired(now time.Time) bool {
	return !g.ExpiresOn.IsZero() && !now.Before(g.ExpiresOn)
}

// Match reports whether the group suppresses the rule described by info
// on t at time now. An expired group suppresses nothing. When spec.if
// depends on a deployment-time value, Match returns false and an
// *UnknownError: nothing is suppressed on a guess.
func (g *SuppressionGroup) Match(info *rules.Info, t *rules.Target, now time.Time) (bool, error) {
	if g.Expired(now) || !namesRule(g.Rule, info) {
		return false, nil
	}
	return matchExpr(g.If, t)
}
