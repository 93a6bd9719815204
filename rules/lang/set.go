package lang

import (
	"sort"
	"strings"

	"github.com/azrule/azrule/source"
	"github.com/azrule/azrule/suggest"
)

// Set is a compiled collection of rule files: selectors resolved,
// duplicates rejected.
type Set struct {
	// Rules are in the order their files were given.
	Rules []*Rule
	// Selectors are keyed by lower-cased name.
	Selectors         map[string]*Selector
	Baselines         []*Baseline
	SuppressionGroups []*SuppressionGroup
	byName            map[string]*Rule
	config            configHolder
}

// Compile joins parsed files into a Set. Expressions were validated by
// ParseFile; Compile reports what needs every file: a spec.with that names
// no selector, and duplicate names or refs (two rules with the same name,
// ref or alias; two selectors, baselines or suppression groups with the
// same name), each at the second one's position. A rule with an unresolved
// selector is left out of the set.
func Compile(files ...*File) (*Set, source.ErrorList) {
	s := &Set{Selectors: map[string]*Selector{}, byName: map[string]*Rule{}}
	var errs source.ErrorList
	for _, f := range files {
		if f == nil {
			continue
		}
		for _, sel := range f.Selectors {
			k := strings.ToLower(sel.Name)
			if prev, dup := s.Selectors[k]; dup {
				errs.Add(sel.NamePos, "duplicate selector name %q; it is already declared at %s", sel.Name, prev.NamePos)
				continue
			}
			s.Selectors[k] = sel
		}
	}
	refs := map[string]*Rule{}
	for _, f := range files {
		if f == nil {
			continue
		}
		for _, r := range f.Rules {
			if !s.addRule(r, refs, &errs) {
				continue
			}
			s.Rules = append(s.Rules, r)
		}
	}
	baselines := map[string]*Baseline{}
	groups := map[string]*SuppressionGroup{}
	for _, f := range files {
		if f == nil {
			continue
		}
		for _, b := range f.Baselines {
			k := strings.ToLower(b.Name)
			if prev, dup := baselines[k]; dup {
				errs.Add(b.NamePos, "duplicate baseline name %q; it is already declared at %s", b.Name, prev.NamePos)
				continue
			}
			baselines[k] = b
			s.Baselines = append(s.Baselines, b)
		}
		for _, g := range f.SuppressionGroups {
			k := strings.ToLower(g.Name)
			if prev, dup := groups[k]; dup {
				errs.Add(g.NamePos, "duplicate suppression group name %q; it is already declared at %s", g.Name, prev.NamePos)
				continue
			}
			groups[k] = g
			s.SuppressionGroups = append(s.SuppressionGroups, g)
		}
	}
	s.linkConfig()
	errs.Sort()
	return s, errs
}

// addRule checks r's names and selectors and indexes it.
func (s *Set) addRule(r *Rule, refs map[string]*Rule, errs *source.ErrorList) bool {
	n := len(*errs)
	names := append([]string{r.Name}, r.Aliases...)
	for _, name := range names {
		k := strings.ToLower(name)
		if prev, dup := s.byName[k]; dup {
			errs.Add(r.NamePos, "duplicate rule name %q; it is already used by the rule declared at %s", name, prev.NamePos)
		}
	}
	if r.Ref != "" {
		k := strings.ToLower(r.Ref)
		if prev, dup := refs[k]; dup {
			errs.Add(r.RefPos, "duplicate rule ref %q; it is already used by %q at %s", r.Ref, prev.Name, prev.RefPos)
		}
	}
	r.with = r.with[:0]
	for i, w := range r.With {
		sel, ok := s.Selectors[strings.ToLower(stripModule(w))]
		if !ok {
			pos := r.Pos
			if i < len(r.withPos) {
				pos = r.withPos[i]
			}
			errs.Add(pos, "the rule %q uses selector %q, which is not declared in any rule file%s", r.Name, w, s.selectorHint(w))
			continue
		}
		r.with = append(r.with, sel)
	}
	if len(*errs) > n {
		return false
	}
	for _, name := range names {
		s.byName[strings.ToLower(name)] = r
	}
	if r.Ref != "" {
		refs[strings.ToLower(r.Ref)] = r
		s.byName[strings.ToLower(r.Ref)] = r
	}
	return true
}

func (s *Set) selectorHint(name string) string {
	names := make([]string, 0, len(s.Selectors))
	for _, sel := range s.Selectors {
		names = append(names, sel.Name)
	}
	// Selector names are longer than option names: three edits, and every
	// close one is listed.
	close := suggest.Within(name, names, 3)
	if len(close) == 0 {
		return ""
	}
	sort.Strings(close)
	return "; did you mean " + strings.Join(close, " or ") + "?"
}

// Rule returns the rule with the given name, alias or ref, matched without
// regard to case, or nil.
func (s *Set) Rule(nameOrRef string) *Rule {
	return s.byName[strings.ToLower(nameOrRef)]
}
