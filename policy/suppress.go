package policy

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/azrule/azrule/config"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/rules/lang"
	"github.com/azrule/azrule/source"
	"github.com/azrule/azrule/suppress"
)

// Suppressor applies the three kinds of suppression, in this order: the
// suppression option of ps-rule.yaml (rule -> target names), suppression
// groups (kind: SuppressionGroup), and inline comments
// (// azrule-disable-next-line RULE: reason) above the resource or the
// property that decided the result. It is safe for concurrent use.
type Suppressor struct {
	cfg    *config.Config
	groups []*lang.SuppressionGroup
	now    time.Time

	mu       sync.Mutex
	comments map[string]*suppress.Set // by file name: the Bicep compiler reads a file anew
	errs     []*source.Error
	used     map[*lang.SuppressionGroup]bool
	cfgUsed  map[int]bool
}

// NewSuppressor returns a Suppressor for the options and groups, judging
// expiry at now.
func NewSuppressor(cfg *config.Config, groups []*lang.SuppressionGroup, now time.Time) *Suppressor {
	return &Suppressor{cfg: cfg, groups: groups, now: now,
		comments: map[string]*suppress.Set{}, used: map[*lang.SuppressionGroup]bool{}, cfgUsed: map[int]bool{}}
}

// marker is what every inline suppression contains; files without it are
// not scanned.
var marker = []byte("azrule-disable")

// ScanFiles reads the inline suppressions of the files of a scan, so that
// a comment with no reason is reported even when nothing matches it.
func (s *Suppressor) ScanFiles(files []*source.File) {
	for _, f := range files {
		s.commentsOf(f)
	}
}

func (s *Suppressor) commentsOf(f *source.File) *suppress.Set {
	if f == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if set, ok := s.comments[f.Name]; ok {
		return set
	}
	var set *suppress.Set
	if bytes.Contains(f.Content, marker) {
		cs, errs := suppress.Scan(f)
		s.errs = append(s.errs, errs...)
		set = suppress.NewSet(cs)
	}
	s.comments[f.Name] = set
	return set
}

// Suppress implements engine.Suppressor.
func (s *Suppressor) Suppress(info *rules.Info, t *rules.Target, res rules.Result) (string, bool) {
	if s.cfg != nil {
		for i, sup := range s.cfg.Suppression {
			if NamesRule([]string{sup.Rule}, info) && targetNamed(sup.Targets.Strings(), t.Name) {
				s.mu.Lock()
				s.cfgUsed[i] = true
				s.mu.Unlock()
				return "suppression option in " + optionsName(s.cfg), true
			}
		}
	}
	for _, g := range s.groups {
		ok, _ := g.Match(info, t, s.now)
		if ok {
			s.mu.Lock()
			s.used[g] = true
			s.mu.Unlock()
			return "suppression group " + g.Name, true
		}
	}
	set := s.commentsOf(t.Pos.File)
	if set == nil {
		return "", false
	}
	resourceLine := t.Pos.Position().Line
	var fieldLines []int
	for _, r := range res.Reasons {
		if r.Pos.IsValid() && r.Pos.File.Name == t.Pos.File.Name {
			fieldLines = append(fieldLines, r.Pos.Position().Line)
		}
	}
	s.mu.Lock()
	c, ok := set.Match(info.Name, info.Ref, resourceLine, fieldLines)
	s.mu.Unlock()
	if !ok {
		return "", false
	}
	return fmt.Sprintf("comment at %s: %s", c.Pos, c.Reason), true
}

// targetNamed reports whether target is one of names, without regard to
// case, as PSRule matches target names.
func targetNamed(names []string, target string) bool {
	for _, n := range names {
		if strings.EqualFold(n, target) {
			return true
		}
	}
	return false
}

func optionsName(cfg *config.Config) string {
	if cfg.Path != "" {
		return cfg.Path
	}
	return "options"
}

// Errors are the problems found in inline suppressions (a comment without
// a reason, a block comment used as a directive).
func (s *Suppressor) Errors() []*source.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*source.Error(nil), s.errs...)
}

// Warnings lists suppressions that did nothing: expired suppression groups
// (they no longer suppress, which the user must hear about), and inline
// comments and options entries that matched no result. Call it after the
// scan.
func (s *Suppressor) Warnings() []*source.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*source.Error
	for _, g := range s.groups {
		if g.Expired(s.now) {
			out = append(out, source.Errorf(g.ExpiresOnPos, "suppression group %s expired on %s and no longer suppresses anything; remove it or move spec.expiresOn",
				g.Name, g.ExpiresOn.Format("2006-01-02")))
		}
	}
	if s.cfg != nil {
		for i, sup := range s.cfg.Suppression {
			if !s.cfgUsed[i] {
				out = append(out, source.Errorf(sup.Pos, "suppression of %s matched no result; remove it if the targets no longer exist", sup.Rule))
			}
		}
	}
	files := make([]string, 0, len(s.comments))
	for name, set := range s.comments {
		if set != nil {
			files = append(files, name)
		}
	}
	sort.Strings(files)
	for _, name := range files {
		for _, c := range s.comments[name].Unused() {
			out = append(out, source.Errorf(c.Pos, "suppression comment matched no result on the line below it; remove it, or check the rule name"))
		}
	}
	return out
}
