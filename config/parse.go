package config

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/azrule/azrule/source"
	"github.com/azrule/azrule/suggest"
	"github.com/azrule/azrule/yamlvalue"
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
	f    *source.File
	cfg  *Config
	errs []*source.Error
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

func (p *parser) pos(n *yaml.Node) source.Pos { return yamlvalue.Pos(p.f, n) }

// Parse reads an options file in PSRule's ps-rule.yaml format. The Config
// is always returned, with defaults where the file is silent or wrong;
// the errors say what must be fixed, and Config.Warnings what was ignored.
// Option names are matched without regard to case. Only the first YAML
// document is read.
func Parse(f *source.File) (*Config, []*source.Error) {
	c := Default()
	c.Path = f.Name
	p := &parser{f: f, cfg: c}
	// Two documents at most: the first is read, a second is warned about.
	roots, synErr := yamlvalue.Options{MaxDocuments: 2}.Parse(f)
	if synErr != nil {
		p.yamlError(synErr)
	}
	if len(roots) == 0 {
		return c, p.errs
	}
	if len(roots) > 1 {
		p.warnf(p.pos(roots[1]), CodeUnknown, "only the first YAML document of an options file is read; this one is ignored")
	}
	root := yamlvalue.Resolve(roots[0])
	if yamlvalue.IsNull(root) {
		return c, p.errs
	}
	if root.Kind != yaml.MappingNode {
		p.errorf(p.pos(root), CodeType, "an options file must be a mapping of options (input:, rule:, output: ...), not %s", yamlvalue.KindWord(root))
		return c, p.errs
	}
	p.top(root)
	p.errs = append(p.errs, checkAzureKeys(c.Configuration)...)
	return c, p.errs
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
	m := yamlvalue.Resolve(n)
	if yamlvalue.IsNull(m) {
		return
	}
	if m.Kind != yaml.MappingNode {
		p.errorf(p.pos(n), CodeType, "%s must be a mapping, not %s", path, yamlvalue.KindWord(n))
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := yamlvalue.Resolve(m.Content[i]), m.Content[i+1]
		if k == nil || k.Kind != yaml.ScalarNode {
			p.errorf(p.pos(m.Content[i]), CodeType, "a key in %s must be a plain name, not %s", orTop(path), yamlvalue.KindWord(k))
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
		if s, ok := suggest.Closest(key, sections[section]); ok {
			msg += "; did you mean " + join(section, s) + "?"
		} else if known := sections[section]; len(known) > 0 {
			msg += "; azrule reads " + strings.Join(known, ", ") + " here"
		}
		p.warnf(p.pos(k), CodeUnknown, "%s", msg)
	}
}
