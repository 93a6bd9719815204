package config

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/azrule/azrule/pathignore"
	"github.com/azrule/azrule/source"
)

// Diagnostic codes. Errors and warnings are *source.Error values with one
// of these codes.
const (
	CodeSyntax      = "CFG001" // the file is not valid YAML (error)
	CodeType        = "CFG002" // a value has the wrong type or an unknown name (error)
	CodeUnknown     = "CFG003" // an option azrule does not know (warning)
	CodeNoEffect    = "CFG004" // a PSRule option that has no effect in azrule (warning)
	CodeDuplicate   = "CFG005" // a key set twice in one mapping (warning: PSRule accepts it, the later value wins)
	CodeLimit       = "CFG006" // nesting or size past a limit (error)
	CodeRead        = "CFG007" // the file cannot be read (error)
	CodeUnsupported = "CFG008" // a value azrule understands but cannot honour (warning)
)

type parser struct {
	f     *source.File
	cfg   *Config
	errs  []*source.Error
	nodes int
}

func (p *parser) errorf(at source.Pos, code, format string, args ...any) {
	e := source.Errorf(at, format, args...)
	e.Code = code
	p.errs = append(p.errs, e)
}

func (p *parser) warnf(at source.Pos, code, format string, args ...any) {
	e := source.Errorf(at, format, args...)
	e.Code = code
	p.cfg.Warnings = append(p.cfg.Warnings, e)
}

func (p *parser) pos(n *yaml.Node) source.Pos { return nodePos(p.f, n) }

// Parse reads an options file in PSRule's ps-rule.yaml format. The Config
// is always returned, with defaults where the file is silent or wrong;
// the errors say what must be fixed, and Config.Warnings what was ignored.
// Option names are matched without regard to case. Only the first YAML
// document is read.
func Parse(f *source.File) (*Config, []*source.Error) {
	c := Default()
	c.Path = f.Name
	p := &parser{f: f, cfg: c}
	dec := yaml.NewDecoder(bytes.NewReader(f.Content))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if !errors.Is(err, io.EOF) {
			p.errorf(yamlErrorPos(f, err), CodeSyntax, "%s", yamlErrorText(err))
		}
		return c, p.errs
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		at := &extra
		if len(extra.Content) > 0 {
			at = extra.Content[0]
		}
		p.warnf(p.pos(at), CodeUnknown, "only the first YAML document of an options file is read; this one is ignored")
	case !errors.Is(err, io.EOF):
		p.errorf(yamlErrorPos(f, err), CodeSyntax, "%s", yamlErrorText(err))
	}
	if len(doc.Content) == 0 {
		return c, p.errs
	}
	root := resolve(doc.Content[0])
	if isNull(root) {
		return c, p.errs
	}
	if root.Kind != yaml.MappingNode {
		p.errorf(p.pos(root), CodeType, "an options file must be a mapping of options (input:, rule:, output: ...), not %s", kindWord(root))
		return c, p.errs
	}
	p.top(root)
	p.errs = append(p.errs, checkAzureKeys(c.Configuration)...)
	return c, p.errs
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// sections lists the options read in each mapping, for messages.
var sections = map[string][]string{
	"":            {"input", "rule", "baseline", "output", "execution", "suppression", "configuration"},
	"input":       {"pathIgnore", "ignoreGitPath", "ignoreRepositoryCommon", "targetType", "format"},
	"rule":        {"include", "exclude", "includeLocal", "baseline", "tag"},
	"baseline":    {"group"},
	"output":      {"format", "path", "outcome", "sarifProblemsOnly", "jsonIndent", "culture"},
	"execution":   {"ruleSuppressed", "ruleExcluded", "noMatchingRules", "noValidInput", "suppressionGroupExpired", "ruleInconclusive", "unprocessedObject", "break"},
	"suppression": {"targetName"},
}

// quiet lists PSRule options that azrule accepts and has no use for, and
// that PSRule for Azure projects commonly carry (include.module,
// requires ...). They are not checked and not warned about.
var quiet = map[string]bool{
	"binding": true, "include": true, "requires": true, "convention": true, "repository": true,
	"run": true, "capabilities": true, "format": true, "logging": true,
	"input.stringformat": true,
	"output.banner":      true, "output.footer": true, "output.style": true, "output.encoding": true, "output.as": true,
}

// noEffect lists PSRule options that would change a PSRule run but mean
// nothing to azrule; setting one gives a warning so nobody relies on it.
var noEffect = map[string]bool{
	"override":                 true,
	"input.ignoreobjectsource": true, "input.ignoreunchangedpath": true, "input.objectpath": true, "input.fileobjects": true,
	"output.jobsummarypath":  true,
	"execution.languagemode": true, "execution.hashalgorithm": true, "execution.initialsessionstate": true,
	"execution.restrictscriptsource": true, "execution.aliasreference": true, "execution.duplicateresourceid": true,
	"execution.invariantculture": true, "execution.novalidsources": true, "execution.inconclusivewarning": true,
	"execution.notprocessedwarning": true, "execution.suppressedrulewarning": true,
	"execution.aliasreferencewarning": true, "execution.invariantculturewarning": true,
}

// each calls fn for every pair of the mapping n, checking the shape and
// duplicate keys. A null value is an empty mapping.
func (p *parser) each(n *yaml.Node, path string, fn func(key string, k, v *yaml.Node)) {
	m := resolve(n)
	if isNull(m) {
		return
	}
	if m.Kind != yaml.MappingNode {
		p.errorf(p.pos(n), CodeType, "%s must be a mapping, not %s", path, kindWord(n))
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := resolve(m.Content[i]), m.Content[i+1]
		if k == nil || k.Kind != yaml.ScalarNode {
			p.errorf(p.pos(m.Content[i]), CodeType, "a key in %s must be a plain name, not %s", orTop(path), kindWord(k))
			continue
		}
		lk := strings.ToLower(k.Value)
		if line, dup := seen[lk]; dup {
			p.warnf(p.pos(m.Content[i]), CodeDuplicate, "%s is set twice (first on line %d); both are read, later values win", join(path, k.Value), line)
		}
		seen[lk] = m.Content[i].Line
		fn(k.Value, m.Content[i], v)
	}
}

func orTop(path string) string {
	if path == "" {
		return "the options file"
	}
	return path
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// other handles a key a section does not read: quiet, no effect, or
// unknown (with a suggestion when the spelling is close to a known one).
func (p *parser) other(section, key string, k *yaml.Node) {
	full := strings.ToLower(join(section, key))
	switch {
	case quiet[full]:
	case noEffect[full]:
		p.warnf(p.pos(k), CodeNoEffect, "%s is a PSRule option that has no effect in azrule", join(section, key))
	default:
		msg := "unknown option " + join(section, key)
		if s := suggest(key, sections[section]); s != "" {
			msg += "; did you mean " + join(section, s) + "?"
		} else if known := sections[section]; len(known) > 0 {
			msg += "; azrule reads " + strings.Join(known, ", ") + " here"
		}
		p.warnf(p.pos(k), CodeUnknown, "%s", msg)
	}
}

func (p *parser) top(root *yaml.Node) {
	p.each(root, "", func(key string, k, v *yaml.Node) {
		switch strings.ToLower(key) {
		case "input":
			p.input(v)
		case "rule":
			p.rule(v)
		case "baseline":
			p.baseline(v)
		case "output":
			p.output(v)
		case "execution":
			p.execution(v)
		case "suppression":
			p.suppression(v)
		case "configuration":
			p.configuration(v)
		default:
			p.other("", key, k)
		}
	})
}

func (p *parser) input(n *yaml.Node) {
	in := &p.cfg.Input
	p.each(n, "input", func(key string, k, v *yaml.Node) {
		switch strings.ToLower(key) {
		case "pathignore":
			in.PathIgnore = p.strList(v, "input.pathIgnore")
			p.checkPatterns(in.PathIgnore)
		case "ignoregitpath":
			p.boolean(v, "input.ignoreGitPath", &in.IgnoreGitPath)
		case "ignorerepositorycommon":
			p.boolean(v, "input.ignoreRepositoryCommon", &in.IgnoreRepositoryCommon)
		case "targettype":
			in.TargetType = p.strList(v, "input.targetType")
		case "format":
			if it, ok := p.str(v, "input.format"); ok {
				in.Format = it.Value
			}
		default:
			p.other("input", key, k)
		}
	})
}

// checkPatterns compiles input.pathIgnore so that a bad pattern is
// reported at its line now, not when files are walked.
func (p *parser) checkPatterns(items Items) {
	p.errs = append(p.errs, patternErrors(items)...)
}

func patternErrors(items Items) []*source.Error {
	_, err := pathignore.Compile(items.Strings())
	if err == nil {
		return nil
	}
	var out []*source.Error
	list := []error{err}
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		list = u.Unwrap()
	}
	for _, e := range list {
		var pe *pathignore.PatternError
		if errors.As(e, &pe) && pe.Index < len(items) {
			se := source.Errorf(items[pe.Index].Pos, "input.pathIgnore: %s", pe.Error())
			se.Code = CodeType
			out = append(out, se)
		}
	}
	return out
}

func (p *parser) rule(n *yaml.Node) {
	r := &p.cfg.Rule
	p.each(n, "rule", func(key string, k, v *yaml.Node) {
		switch strings.ToLower(key) {
		case "include":
			r.Include = p.strList(v, "rule.include")
		case "exclude":
			r.Exclude = p.strList(v, "rule.exclude")
		case "includelocal":
			p.boolean(v, "rule.includeLocal", &r.IncludeLocal)
		case "baseline":
			if it, ok := p.str(v, "rule.baseline"); ok {
				r.Baseline = it
			}
		case "tag":
			r.Tag = nil
			p.each(v, "rule.tag", func(tag string, tk, tv *yaml.Node) {
				r.Tag = append(r.Tag, TagFilter{Key: tag, Values: p.strList(tv, "rule.tag."+tag), Pos: p.pos(tk)})
			})
		default:
			p.other("rule", key, k)
		}
	})
}

func (p *parser) baseline(n *yaml.Node) {
	b := &p.cfg.Baseline
	p.each(n, "baseline", func(key string, k, v *yaml.Node) {
		switch strings.ToLower(key) {
		case "group":
			b.Group = nil
			p.each(v, "baseline.group", func(name string, gk, gv *yaml.Node) {
				if it, ok := p.str(gv, "baseline.group."+name); ok {
					b.Group = append(b.Group, BaselineGroup{Name: name, Baseline: it.Value, Pos: p.pos(gk)})
				}
			})
		default:
			p.other("baseline", key, k)
		}
	})
}

func (p *parser) output(n *yaml.Node) {
	o := &p.cfg.Output
	p.each(n, "output", func(key string, k, v *yaml.Node) {
		switch strings.ToLower(key) {
		case "format":
			it, ok := p.str(v, "output.format")
			if !ok {
				return
			}
			f, warn, err := parseFormat(it.Value)
			switch {
			case err != nil:
				p.errorf(it.Pos, CodeType, "output.format: %v", err)
			case warn != "":
				p.warnf(it.Pos, CodeUnsupported, "output.format: %s", warn)
			default:
				o.Format, o.FormatPos = f, it.Pos
			}
		case "path":
			if it, ok := p.str(v, "output.path"); ok {
				o.Path = it.Value
			}
		case "outcome":
			p.outcome(v)
		case "sarifproblemsonly":
			p.boolean(v, "output.sarifProblemsOnly", &o.SarifProblemsOnly)
		case "jsonindent":
			p.integer(v, "output.jsonIndent", 0, 4, &o.JSONIndent)
		case "culture":
			o.Culture = p.strList(v, "output.culture")
		default:
			p.other("output", key, k)
		}
	})
}

// outcome reads output.outcome: one name, "Fail, Error", or a list.
func (p *parser) outcome(v *yaml.Node) {
	var f OutcomeFilter
	for _, it := range p.strList(v, "output.outcome") {
		o, err := parseOutcomeList(it.Value)
		if err != nil {
			p.errorf(it.Pos, CodeType, "output.outcome: %v", err)
			return
		}
		f |= o
	}
	if f != 0 {
		p.cfg.Output.Outcome = f
	}
}

func (p *parser) execution(n *yaml.Node) {
	e := &p.cfg.Execution
	actions := map[string]struct {
		name string
		dst  *Action
		def  Action
	}{
		"rulesuppressed":          {"ruleSuppressed", &e.RuleSuppressed, ActionWarn},
		"ruleexcluded":            {"ruleExcluded", &e.RuleExcluded, ActionIgnore},
		"nomatchingrules":         {"noMatchingRules", &e.NoMatchingRules, ActionError},
		"novalidinput":            {"noValidInput", &e.NoValidInput, ActionError},
		"suppressiongroupexpired": {"suppressionGroupExpired", &e.SuppressionGroupExpired, ActionWarn},
		"ruleinconclusive":        {"ruleInconclusive", &e.RuleInconclusive, ActionWarn},
		"unprocessedobject":       {"unprocessedObject", &e.UnprocessedObject, ActionWarn},
	}
	p.each(n, "execution", func(key string, k, v *yaml.Node) {
		lk := strings.ToLower(key)
		if a, ok := actions[lk]; ok {
			if it, ok := p.str(v, "execution."+a.name); ok {
				pref, err := parseAction(it.Value, a.def)
				if err != nil {
					p.errorf(it.Pos, CodeType, "execution.%s: %v", a.name, err)
					return
				}
				*a.dst = pref
			}
			return
		}
		if lk == "break" {
			if it, ok := p.str(v, "execution.break"); ok {
				b, err := parseBreak(it.Value)
				if err != nil {
					p.errorf(it.Pos, CodeType, "execution.break: %v", err)
					return
				}
				e.Break = b
			}
			return
		}
		p.other("execution", key, k)
	})
}

// suppression reads both of PSRule's shapes:
//
//	suppression:
//	  Azure.ML.PublicAccess: [mlw-a, mlw-b]
//	  Azure.ML.DisableLocalAuth:
//	    targetName: [mlw-c]
func (p *parser) suppression(n *yaml.Node) {
	p.cfg.Suppression = nil
	p.each(n, "suppression", func(rule string, k, v *yaml.Node) {
		s := Suppression{Rule: rule, Pos: p.pos(k)}
		path := "suppression." + rule
		vr := resolve(v)
		switch {
		case isNull(vr):
			p.warnf(p.pos(k), CodeUnknown, "%s names no targets; list target names under it", path)
			return
		case vr.Kind == yaml.MappingNode:
			found := false
			p.each(v, path, func(key string, sk, sv *yaml.Node) {
				if strings.EqualFold(key, "targetName") {
					found = true
					s.Targets = p.strList(sv, path+".targetName")
					return
				}
				p.warnf(p.pos(sk), CodeUnknown, "unknown option %s.%s; a suppression reads targetName only", path, key)
			})
			if !found {
				p.errorf(p.pos(v), CodeType, "%s needs targetName: a list of target names to suppress", path)
				return
			}
		default:
			s.Targets = p.strList(v, path)
		}
		p.cfg.Suppression = append(p.cfg.Suppression, s)
	})
}

func (p *parser) configuration(n *yaml.Node) {
	m := resolve(n)
	if isNull(m) {
		return
	}
	if m.Kind != yaml.MappingNode {
		p.errorf(p.pos(n), CodeType, "configuration must be a mapping of keys to values, not %s", kindWord(n))
		return
	}
	p.mergeInto(p.cfg.Configuration, m, 0)
	p.cfg.Configuration.At = p.pos(m)
}

// strList reads a list of strings. A single string is a list of one, as
// PSRule accepts; null is an empty list.
func (p *parser) strList(n *yaml.Node, path string) Items {
	m := resolve(n)
	if isNull(m) {
		return nil
	}
	if m.Kind == yaml.ScalarNode {
		return Items{{Value: m.Value, Pos: p.pos(n)}}
	}
	if m.Kind != yaml.SequenceNode {
		p.errorf(p.pos(n), CodeType, "%s must be a list of strings, not %s", path, kindWord(n))
		return nil
	}
	var out Items
	for i, e := range m.Content {
		er := resolve(e)
		if er == nil || er.Kind != yaml.ScalarNode || isNull(er) {
			p.errorf(p.pos(e), CodeType, "%s[%d] must be a string, not %s", path, i, kindWord(e))
			continue
		}
		out = append(out, Item{Value: er.Value, Pos: p.pos(e)})
	}
	return out
}

// str reads a scalar as text; numbers are accepted as written.
func (p *parser) str(n *yaml.Node, path string) (Item, bool) {
	m := resolve(n)
	if m == nil || m.Kind != yaml.ScalarNode || isNull(m) {
		p.errorf(p.pos(n), CodeType, "%s must be a string, not %s", path, kindWord(n))
		return Item{}, false
	}
	return Item{Value: m.Value, Pos: p.pos(n)}, true
}

func (p *parser) boolean(n *yaml.Node, path string, dst *bool) {
	m := resolve(n)
	var b bool
	if m == nil || m.Kind != yaml.ScalarNode || m.ShortTag() != "!!bool" || m.Decode(&b) != nil {
		p.errorf(p.pos(n), CodeType, "%s must be true or false, not %s", path, describe(n))
		return
	}
	*dst = b
}

func (p *parser) integer(n *yaml.Node, path string, lo, hi int, dst *int) {
	m := resolve(n)
	var i int
	if m == nil || m.Kind != yaml.ScalarNode || m.ShortTag() != "!!int" || m.Decode(&i) != nil {
		p.errorf(p.pos(n), CodeType, "%s must be a whole number from %d to %d, not %s", path, lo, hi, describe(n))
		return
	}
	if i < lo || i > hi {
		p.errorf(p.pos(n), CodeType, "%s must be from %d to %d, not %d", path, lo, hi, i)
		return
	}
	*dst = i
}

// describe names a wrong value: the scalar itself, or its kind.
func describe(n *yaml.Node) string {
	m := resolve(n)
	if m != nil && m.Kind == yaml.ScalarNode && !isNull(m) {
		return "'" + m.Value + "'"
	}
	return kindWord(n)
}

// suggest returns the known name closest to key when it is a likely typo.
func suggest(key string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := distance(strings.ToLower(key), strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance, for short option names.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

var yamlLineRE = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)

// yamlErrorPos finds the line (and column) yaml.v3 names in its message.
func yamlErrorPos(f *source.File, err error) source.Pos {
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return f.Pos(0)
	}
	line, _ := strconv.Atoi(m[1])
	// yaml.v3 numbers parser errors (unlike scanner errors) from 0: it
	// prints the 0-based line of the construct left open.
	if strings.Contains(err.Error(), "did not find expected") {
		line++
	}
	col := 1
	if m[2] != "" {
		col, _ = strconv.Atoi(m[2])
	}
	return lineColPos(f, line, col)
}

// yamlErrorText drops yaml.v3's "yaml: line N:" prefix: the position is
// shown separately.
func yamlErrorText(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	if loc := yamlLineRE.FindStringIndex(s); loc != nil && loc[0] == 0 {
		s = strings.TrimLeft(s[loc[1]:], ": ")
	}
	return "invalid YAML: " + s
}
