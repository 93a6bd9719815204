// Package azure holds azrule's built-in rules for Azure, grouped by service
// (ml/ for Azure Machine Learning, ...). Each service folder has the rules
// in PSRule's own YAML rule language (Azure.<Service>.Rule.yaml) and one
// page per rule in docs/ (Azure.<Service>.<Name>.md), in the shape PSRule
// for Azure users know. Both are embedded in the binary.
//
// The rule files are the same language a user's own rules are written in;
// nothing here is special-cased by the engine. The doc of a rule is the
// single source of what is shown about it: its synopsis, description and
// recommendation in the CLI, the help text of the SARIF rule descriptor,
// the Markdown report. Severity and category come from the doc's front
// matter, as in PSRule for Azure; the pillar comes from the rule's
// Azure.WAF/pillar tag, and the doc must agree.
//
// # Help URI
//
// A rule's HelpURI is the page PSRule for Azure publishes for the rule of
// the same name (https://azure.github.io/PSRule.Rules.Azure/en/rules/<Name>/),
// which is also each doc's "online version". The rules have the same names,
// refs and meaning as PSRule's, users already know those pages, and azrule
// has no site of its own to point at; the full text azrule ships is in the
// doc embedded here, so nothing is lost when the link is not followed.
package azure

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/rules/lang"
	"github.com/azrule/azrule/rules/ruledoc"
	"github.com/azrule/azrule/source"
)

// The embedded rule files and docs: every service folder's rule files and
// its docs/ pages.
//
//go:embed */*.Rule.yaml */docs/*.md
var files embed.FS

// Root is the folder that embedded files are named under in positions and
// errors, so that a problem in a built-in rule points at its file in the
// azrule source tree.
const Root = "rules/azure"

// HelpBase is the start of every built-in rule's HelpURI.
const HelpBase = "https://azure.github.io/PSRule.Rules.Azure/en/rules/"

// HelpURI returns the published page for the rule named name.
func HelpURI(name string) string { return HelpBase + name + "/" }

// FS returns the embedded rule files and docs, for commands that show or
// export them. Paths are relative to Root ("ml/Azure.ML.Rule.yaml").
func FS() fs.FS { return files }

var (
	loadOnce sync.Once
	loaded   *Builtin
	loadErr  error
)

// Builtin is the compiled set of built-in rules with their docs.
type Builtin struct {
	// Set is the compiled rule set; Set.Rules is sorted by name.
	Set *lang.Set
	// Rules are Set.Rules as rules.Rule, in the same order.
	Rules []rules.Rule
	// Meta holds each rule's doc front matter and example lines, by rule
	// name.
	Meta map[string]ruledoc.Meta
}

// Load returns the built-in rules, compiled on first use and shared after
// that: callers must not change them. A problem in an embedded rule file or
// doc is a bug in azrule, but it is returned as an error, with the file and
// position, rather than stopping the process.
func Load() (*lang.Set, []rules.Rule, error) {
	b, err := LoadBuiltin()
	if err != nil {
		return nil, nil, err
	}
	return b.Set, b.Rules, nil
}

// LoadBuiltin is Load with the docs' Meta as well.
func LoadBuiltin() (*Builtin, error) {
	loadOnce.Do(func() { loaded, loadErr = load(files) })
	return loaded, loadErr
}

// load compiles every rule file in fsys and attaches every rule's doc.
func load(fsys fs.FS) (*Builtin, error) {
	var (
		ruleFiles []*lang.File
		docs      = map[string]string{} // lower-cased rule name -> doc path
		errs      source.ErrorList
	)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := path.Base(p)
		switch {
		case strings.HasSuffix(name, ".Rule.yaml"):
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			f, ferrs := lang.ParseFile(source.NewFile(Root+"/"+p, data))
			errs = append(errs, ferrs...)
			if f != nil {
				ruleFiles = append(ruleFiles, f)
			}
		case path.Base(path.Dir(p)) == "docs" && strings.HasSuffix(name, ".md"):
			docs[strings.ToLower(strings.TrimSuffix(name, ".md"))] = p
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading built-in rules: %w", err)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("built-in rules: %w", errs.Err())
	}
	set, cerrs := lang.Compile(ruleFiles...)
	if len(cerrs) > 0 {
		return nil, fmt.Errorf("built-in rules: %w", cerrs.Err())
	}
	sort.Slice(set.Rules, func(i, j int) bool { return set.Rules[i].Name < set.Rules[j].Name })

	b := &Builtin{Set: set, Meta: make(map[string]ruledoc.Meta, len(set.Rules))}
	var problems []string
	for _, r := range set.Rules {
		p, ok := docs[strings.ToLower(r.Name)]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s: rule %s has no doc: add docs/%s.md beside its rule file",
				r.NamePos, r.Name, r.Name))
			continue
		}
		meta, err := attachDoc(fsys, p, r)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		b.Meta[r.Name] = meta
		b.Rules = append(b.Rules, r)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("built-in rule docs:\n%s", strings.Join(problems, "\n"))
	}
	return b, nil
}

// attachDoc reads the doc at p and fills r's Info from it.
func attachDoc(fsys fs.FS, p string, r *lang.Rule) (ruledoc.Meta, error) {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return ruledoc.Meta{}, err
	}
	doc, meta, err := ruledoc.Parse(Root+"/"+p, data)
	if err != nil {
		return meta, err
	}
	help := meta.OnlineVersion
	if help == "" {
		help = HelpURI(r.Name)
	}
	r.SetDoc(doc, help)
	info := r.Info()
	info.Severity = meta.Severity
	info.Category = meta.Category
	// The tag decides, as baselines select on it; the doc is the fallback
	// for a rule without the tag.
	if pillar := r.Tags["Azure.WAF/pillar"]; pillar != "" {
		info.Pillar = pillar
	} else if info.Pillar == "" {
		info.Pillar = meta.Pillar
	}
	return meta, nil
}
