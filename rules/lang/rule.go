package lang

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// Rule is a document of kind Rule. It implements rules.Rule.
//
// A Rule is safe for concurrent evaluation once compiled.
type Rule struct {
	Metadata
	// Level is spec.level (Error, Warning or Information), or "".
	Level string
	// Recommend is spec.recommend, or "".
	Recommend string
	// Type is spec.type: the target types the rule applies to, matched
	// without regard to case; empty means every type.
	Type []string
	// With is spec.with: names of selectors, one of which must match.
	With    []string
	withPos []source.Pos
	// Where is spec.where (a precondition), or nil.
	Where *Expr
	// Condition is spec.condition.
	Condition *Expr
	with      []*Selector
	info      rules.Info
}

var _ rules.Rule = (*Rule)(nil)

var ruleSpecKeys = []string{"type", "with", "where", "condition", "level", "recommend", "tag", "labels"}

func parseRule(md Metadata, spec *value.Object, out *File, errs *source.ErrorList) *Rule {
	r := &Rule{Metadata: md}
	if v, ok := spec.Get("type"); ok {
		r.Type = stringList(v, "spec.type", errs)
	}
	if v, ok := spec.Get("with"); ok {
		r.With = stringList(v, "spec.with", errs)
		if arr, ok := v.(*value.Array); ok {
			for _, e := range arr.Elems {
				r.withPos = append(r.withPos, e.Pos())
			}
		} else {
			r.withPos = append(r.withPos, v.Pos())
		}
	}
	if lvl, ok := getString(spec, "level", errs); ok {
		switch strings.ToLower(lvl) {
		case "error", "warning", "information":
			r.Level = lvl
		default:
			errs.Add(memberValuePos(spec, "level"), "spec.level must be Error, Warning or Information; found %q", lvl)
		}
	}
	if s, ok := getString(spec, "recommend", errs); ok {
		r.Recommend = s
	}
	r.Where, _ = parseExprAt(spec, "where", errs)
	var has bool
	r.Condition, has = parseExprAt(spec, "condition", errs)
	if !has {
		errs.Add(spec.Pos(), "the rule %q has no spec.condition", md.Name)
	}
	warnUnknown(spec, ruleSpecKeys, "rule", out)
	r.info = ruleInfo(r)
	return r
}

// ruleInfo fills rules.Info from the document: severity from the
// "severity" annotation, category from "category", pillar from the
// Azure.WAF/pillar tag.
func ruleInfo(r *Rule) rules.Info {
	info := rules.Info{
		Name:     r.Name,
		Ref:      r.Ref,
		Synopsis: r.Synopsis,
		Tags:     r.Tags,
		Labels:   r.Labels,
		Types:    r.Type,
		Source:   r.Pos,
	}
	for k, v := range r.Annotations {
		switch strings.ToLower(k) {
		case "severity":
			info.Severity = rules.Severity(v)
		case "category":
			info.Category = v
		case "online version":
			info.HelpURI = v
		}
	}
	for k, v := range r.Tags {
		if strings.EqualFold(k, "Azure.WAF/pillar") {
			info.Pillar = v
		}
	}
	return info
}

// Info implements rules.Rule.
func (r *Rule) Info() *rules.Info { return &r.info }

// SetDoc attaches documentation and its help URI. Fields the rule file
// left empty (synopsis, severity, pillar, category) are taken from the
// doc's front matter values given here; values from the rule file win.
func (r *Rule) SetDoc(doc *rules.Doc, helpURI string) {
	r.info.Doc = doc
	if helpURI != "" {
		r.info.HelpURI = helpURI
	}
	if doc != nil && r.info.Synopsis == "" {
		r.info.Synopsis = doc.Synopsis
	}
}

// SetMeta sets severity, pillar and category where the rule file did not.
func (r *Rule) SetMeta(severity rules.Severity, pillar, category string) {
	if r.info.Severity == "" {
		r.info.Severity = severity
	}
	if r.info.Pillar == "" {
		r.info.Pillar = pillar
	}
	if r.info.Category == "" {
		r.info.Category = category
	}
}

// appliesTo reports whether t's type is one of spec.type.
func (r *Rule) appliesTo(t *rules.Target) bool {
	if len(r.Type) == 0 {
		return true
	}
	for _, ty := range r.Type {
		if strings.EqualFold(ty, t.Type) {
			return true
		}
	}
	return false
}

// Applies reports whether the rule's preconditions (spec.type, spec.with,
// spec.where) accept t. A precondition that depends on a deployment-time
// value does not count as accepting.
func (r *Rule) Applies(t *rules.Target) bool {
	return r.applies(t) == True
}

// applies answers the preconditions in three values: with selectors, one
// that matches is enough (Kleene OR), then where must hold too.
func (r *Rule) applies(t *rules.Target) Truth {
	if !r.appliesTo(t) {
		return False
	}
	res := True
	if len(r.with) > 0 {
		res = False
		for _, s := range r.with {
			switch s.If.Test(t) {
			case True:
				res = True
			case Unknown:
				if res == False {
					res = Unknown
				}
			}
			if res == True {
				break
			}
		}
		if res == False {
			return False
		}
	}
	if r.Where != nil {
		switch r.Where.Test(t) {
		case False:
			return False
		case Unknown:
			res = Unknown
		}
	}
	return res
}

// preconditionReasons explains a precondition that depends on a
// deployment-time value.
func (r *Rule) preconditionReasons(t *rules.Target) []rules.Reason {
	var out []rules.Reason
	add := func(e *Expr, what string) {
		if _, unk := e.test(t); unk != nil {
			out = append(out, rules.Reason{
				Path:    unk.Path,
				Message: "Whether the rule applies (" + what + ") " + lowerFirst(unknownMessage(unk.Unknown)),
				Pos:     posOf(unk.Unknown, t.Pos),
			})
		}
	}
	for _, s := range r.with {
		add(s.If, "selector "+s.Name)
	}
	if r.Where != nil {
		add(r.Where, "spec.where")
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// Evaluate implements rules.Rule: None when a precondition does not
// accept t, Error when t has errors, otherwise Pass or Fail from
// spec.condition. An answer that depends on a deployment-time value is a
// Fail whose reasons name the value. When a precondition depends on one,
// the rule runs as if it applied: a Pass stays a Pass (nothing to fix
// either way), a Fail says that the rule may not apply and why.
func (r *Rule) Evaluate(t *rules.Target) rules.Result {
	app := r.applies(t)
	if app == False {
		return rules.Result{Outcome: rules.None}
	}
	if len(t.Errors) > 0 {
		res := rules.Result{Outcome: rules.Error, Reasons: make([]rules.Reason, len(t.Errors))}
		for i, e := range t.Errors {
			res.Reasons[i] = rules.Reason{Message: e.Message, Pos: e.Pos}
		}
		return res
	}
	if r.Condition == nil {
		return rules.Result{Outcome: rules.Error, Reasons: []rules.Reason{{Message: "The rule has no condition.", Pos: r.Pos}}}
	}
	truth, reasons := r.Condition.Eval(t)
	if truth == True {
		return rules.Result{Outcome: rules.Pass}
	}
	if len(reasons) == 0 {
		reasons = []rules.Reason{{Message: "The condition was not met.", Pos: t.Pos}}
	}
	if app == Unknown {
		reasons = append(reasons, r.preconditionReasons(t)...)
	}
	return rules.Result{Outcome: rules.Fail, Reasons: reasons}
}
