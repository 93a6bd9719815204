package config

import (
	"errors"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/pathignore"
	"github.com/azrule/azrule/source"
	"github.com/azrule/azrule/yamlvalue"
)

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
		vr := yamlvalue.Resolve(v)
		switch {
		case yamlvalue.IsNull(vr):
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
	m := yamlvalue.Resolve(n)
	if yamlvalue.IsNull(m) {
		return
	}
	if m.Kind != yaml.MappingNode {
		p.errorf(p.pos(n), CodeType, "configuration must be a mapping of keys to values, not %s", yamlvalue.KindWord(n))
		return
	}
	v, errs := p.yamlOptions().Convert(p.f, m)
	for _, e := range errs {
		p.yamlError(e)
	}
	// A second configuration section adds to the first; its keys win.
	if obj, ok := v.(*value.Object); ok {
		for _, mem := range obj.Members() {
			p.cfg.Configuration.SetMember(mem)
		}
	}
	p.cfg.Configuration.At = p.pos(m)
}
