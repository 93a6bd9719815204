package lang

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// Baseline is a document of kind Baseline: a named choice of rules and
// configuration.
type Baseline struct {
	Metadata
	// Include and Exclude are spec.rule.include and spec.rule.exclude:
	// rule names or refs, with * wildcards, matched without regard to
	// case.
	Include []string
	Exclude []string
	// Tag is spec.rule.tag: every tag named must be set on the rule to
	// one of the values listed; the value "*" accepts any value.
	Tag map[string][]string
	// Labels is spec.rule.labels: the rule must have one of the values
	// listed for at least one of the labels named ("*" accepts any).
	Labels map[string][]string
	// Configuration is spec.configuration, or nil.
	Configuration *value.Object
	// Spec is the whole spec, for settings this package does not model
	// (binding, convention, override).
	Spec *value.Object
}

func parseBaseline(md Metadata, spec *value.Object, out *File, errs *source.ErrorList) *Baseline {
	b := &Baseline{Metadata: md, Spec: spec}
	if rv, ok := spec.Get("rule"); ok {
		ro, ok := rv.(*value.Object)
		if !ok {
			errs.Add(rv.Pos(), "spec.rule must be an object with include, exclude, tag or labels; found %s", kindWord(rv))
			return b
		}
		for _, m := range ro.Members() {
			switch strings.ToLower(m.Key) {
			case "include":
				b.Include = stringList(m.Value, "spec.rule.include", errs)
			case "exclude":
				b.Exclude = stringList(m.Value, "spec.rule.exclude", errs)
			case "tag":
				b.Tag = labelMap(m.Value, "spec.rule.tag", errs)
			case "labels":
				b.Labels = labelMap(m.Value, "spec.rule.labels", errs)
			case "includelocal":
			default:
				out.Warnings.Add(m.KeyPos, "ignored unknown baseline property spec.rule.%s", m.Key)
			}
		}
	}
	if cv, ok := spec.Get("configuration"); ok {
		co, ok := cv.(*value.Object)
		if !ok {
			errs.Add(cv.Pos(), "spec.configuration must be an object; found %s", kindWord(cv))
		} else {
			b.Configuration = co
		}
	}
	warnUnknown(spec, []string{"rule", "configuration", "binding", "convention", "override"}, "baseline", out)
	return b
}

// Selects reports whether the baseline chooses the rule described by info,
// with PSRule's rule filter: an excluded rule is never chosen; with an
// include list, only rules it names; every tag filter must match; with
// label filters, at least one must match.
func (b *Baseline) Selects(info *rules.Info) bool {
	if len(b.Exclude) > 0 && namesRule(b.Exclude, info) {
		return false
	}
	if len(b.Include) > 0 && !namesRule(b.Include, info) {
		return false
	}
	for key, want := range b.Tag {
		got, ok := lookupFold(info.Tags, key)
		if !ok || !anyFold(want, got) {
			return false
		}
	}
	if len(b.Labels) > 0 {
		matched := false
		for key, want := range b.Labels {
			for k, vals := range info.Labels {
				if !strings.EqualFold(k, key) {
					continue
				}
				for _, v := range vals {
					if anyFold(want, v) {
						matched = true
					}
				}
			}
		}
		if !matched {
			return false
		}
	}
	return true
}

// namesRule reports whether any pattern names the rule by name or ref.
func namesRule(patterns []string, info *rules.Info) bool {
	for _, p := range patterns {
		if p = stripModule(p); likeMatch(info.Name, p, false) || info.Ref != "" && likeMatch(info.Ref, p, false) {
			return true
		}
	}
	return false
}

// stripModule removes a "Module\" qualifier from a rule or selector
// reference: azrule has one namespace.
func stripModule(name string) string {
	if i := strings.LastIndexByte(name, '\\'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func lookupFold(m map[string]string, key string) (string, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return "", false
}

func anyFold(want []string, got string) bool {
	for _, w := range want {
		if w == "*" || strings.EqualFold(w, got) {
			return true
		}
	}
	return false
}
