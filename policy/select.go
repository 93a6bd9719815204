package policy

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/rules/azure"
	"github.com/azrule/azrule/rules/lang"
	"github.com/azrule/azrule/source"
)

// DefaultBaseline is the baseline used when none is named.
const DefaultBaseline = "Azure.Default"

// RuleOptions say where rules come from and which run.
type RuleOptions struct {
	// Root is the scan root; its .ps-rule folder holds local rules.
	Root string
	// Dirs are more folders of rule files (--rules).
	Dirs []string
	// Baseline names the baseline for the built-in rules; "" is
	// DefaultBaseline.
	Baseline string
	// Include and Exclude are rule names or refs, '*' wildcards allowed.
	Include []string
	Exclude []string
	// IncludeLocal runs local rules even when Include leaves them out.
	IncludeLocal bool
	// Configuration is the configuration option (ps-rule.yaml and
	// flags). Rules read it with PSRule's $configuration functions, on top
	// of the chosen baseline's spec.configuration.
	Configuration *value.Object
}

// RuleSet is the outcome of rule selection.
type RuleSet struct {
	// Selected are the rules to run, sorted by name.
	Selected []rules.Rule
	// All are every rule known, built-in and local, sorted by name.
	All []rules.Rule
	// Baselines are the built-in and local baselines.
	Baselines []*lang.Baseline
	// SuppressionGroups are the local suppression groups (and any
	// built-in ones).
	SuppressionGroups []*lang.SuppressionGroup
	// Errors are problems in rule files or options; the rules that could
	// be read are still selected.
	Errors []*source.Error
	// Warnings are problems that do not stop a run.
	Warnings []*source.Error

	local map[*rules.Info]bool
}

// IsLocal reports whether a rule came from the user's own files.
func (s *RuleSet) IsLocal(info *rules.Info) bool { return s.local[info] }

// Baseline finds a baseline by name, without regard to case.
func (s *RuleSet) Baseline(name string) *lang.Baseline {
	for _, b := range s.Baselines {
		if strings.EqualFold(b.Name, name) {
			return b
		}
	}
	return nil
}

// LoadRules reads the built-in rules and the user's rule files and selects
// the rules to run.
func LoadRules(opt RuleOptions) (*RuleSet, error) {
	builtin, err := azure.LoadBuiltin()
	if err != nil {
		return nil, err
	}
	s := &RuleSet{local: map[*rules.Info]bool{}}
	s.Baselines = append(s.Baselines, builtin.Set.Baselines...)
	s.SuppressionGroups = append(s.SuppressionGroups, builtin.Set.SuppressionGroups...)
	s.All = append(s.All, builtin.Rules...)

	localSet := s.loadLocal(opt)

	name := opt.Baseline
	if name == "" {
		name = DefaultBaseline
	}
	base := s.Baseline(name)
	if base == nil {
		var names []string
		for _, b := range s.Baselines {
			names = append(names, b.Name)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("no baseline is named %q; the baselines are %s", name, strings.Join(names, ", "))
	}
	// Options win over the baseline's configuration, as in PSRule.
	merged := value.NewObject(source.Pos{})
	for _, layer := range []*value.Object{base.Configuration, opt.Configuration} {
		if layer == nil {
			continue
		}
		for _, m := range layer.Members() {
			merged.SetMember(m)
		}
	}
	builtin.Set.Configure(merged)
	if localSet != nil {
		localSet.Configure(merged)
	}
	for _, r := range s.All {
		info := r.Info()
		local := s.local[info]
		if !local && !base.Selects(info) {
			continue
		}
		if len(opt.Include) > 0 && !NamesRule(opt.Include, info) && !(local && opt.IncludeLocal) {
			continue
		}
		if NamesRule(opt.Exclude, info) {
			continue
		}
		s.Selected = append(s.Selected, r)
	}
	sortRules(s.All)
	sortRules(s.Selected)
	return s, nil
}

func sortRules(rs []rules.Rule) {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Info().Name < rs[j].Info().Name })
}

// loadLocal reads rule files from the root's .ps-rule folder and from
// opt.Dirs, compiles them and adds them, refusing names and refs that are
// already taken.
func (s *RuleSet) loadLocal(opt RuleOptions) *lang.Set {
	var dirs []string
	if opt.Root != "" {
		dirs = append(dirs, filepath.Join(opt.Root, ".ps-rule"))
	}
	dirs = append(dirs, opt.Dirs...)
	var files []*lang.File
	for i, dir := range dirs {
		st, err := os.Stat(dir)
		if err != nil || !st.IsDir() {
			if i >= len(dirs)-len(opt.Dirs) { // an explicit --rules folder must exist
				s.Errors = append(s.Errors, source.Errorf(source.NewFile(filepath.ToSlash(dir), nil).Whole(),
					"rules folder not found; --rules takes a folder of *.Rule.yaml, *.Rule.yml, *.Rule.json or *.Rule.jsonc files"))
			}
			continue
		}
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !IsRuleFile(d.Name()) {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				s.Errors = append(s.Errors, source.Errorf(source.NewFile(displayName(opt.Root, p), nil).Whole(), "%v", err))
				return nil
			}
			f, errs := lang.ParseFile(source.NewFile(displayName(opt.Root, p), data))
			s.Errors = append(s.Errors, errs...)
			if f != nil {
				s.Warnings = append(s.Warnings, f.Warnings...)
				files = append(files, f)
			}
			return nil
		})
	}
	if len(files) == 0 {
		return nil
	}
	set, errs := lang.Compile(files...)
	s.Errors = append(s.Errors, errs...)
	if set == nil {
		return nil
	}
	taken := map[string]*rules.Info{}
	for _, r := range s.All {
		in := r.Info()
		taken[strings.ToLower(in.Name)] = in
		if in.Ref != "" {
			taken[strings.ToLower(in.Ref)] = in
		}
	}
	for _, r := range set.Rules {
		in := r.Info()
		if prev, dup := taken[strings.ToLower(in.Name)]; dup {
			s.Errors = append(s.Errors, source.Errorf(r.NamePos, "rule name %q is already used by the rule at %s; choose another name", in.Name, prev.Source))
			continue
		}
		if in.Ref != "" {
			if prev, dup := taken[strings.ToLower(in.Ref)]; dup {
				s.Errors = append(s.Errors, source.Errorf(r.RefPos, "rule ref %q is already used by %s; choose another ref", in.Ref, prev.Name))
				continue
			}
			taken[strings.ToLower(in.Ref)] = in
		}
		taken[strings.ToLower(in.Name)] = in
		s.local[in] = true
		s.All = append(s.All, r)
	}
	for _, b := range set.Baselines {
		if s.Baseline(b.Name) != nil {
			s.Errors = append(s.Errors, source.Errorf(b.NamePos, "baseline name %q is already used; choose another name", b.Name))
			continue
		}
		s.Baselines = append(s.Baselines, b)
	}
	s.SuppressionGroups = append(s.SuppressionGroups, set.SuppressionGroups...)
	return set
}

// IsRuleFile reports whether a file name is a rule file by PSRule's naming.
func IsRuleFile(name string) bool {
	lower := strings.ToLower(name)
	for _, ext := range []string{".rule.yaml", ".rule.yml", ".rule.json", ".rule.jsonc"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

func displayName(root, p string) string {
	if root != "" {
		if rel, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(p)
}

// NamesRule reports whether any pattern names the rule by name or ref,
// without regard to case, with '*' matching any run of characters.
func NamesRule(patterns []string, info *rules.Info) bool {
	for _, p := range patterns {
		p = strings.ToLower(strings.TrimSpace(p))
		if p == "" {
			continue
		}
		for _, name := range []string{info.Name, info.Ref} {
			if name == "" {
				continue
			}
			if ok, _ := path.Match(p, strings.ToLower(name)); ok {
				return true
			}
		}
	}
	return false
}
