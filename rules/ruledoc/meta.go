package ruledoc

import (
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// Meta is what a rule doc says about the rule besides its text: the front
// matter, the title, and where the examples are.
type Meta struct {
	// Title is the text of the level-one heading.
	Title string
	// Severity, Pillar, Category, Resource, ResourceType, OnlineVersion
	// and Reviewed are the front matter keys PSRule for Azure uses
	// ("online version" is spelt with a space there, and here).
	Severity      rules.Severity
	Pillar        string
	Category      string
	Resource      string
	ResourceType  string
	OnlineVersion string
	Reviewed      string
	// Fields holds every front matter key as written, with its value as
	// text, including the ones above. Keys keep their spelling; look them
	// up with Field for PSRule's case-insensitive matching.
	Fields map[string]string
	// ExampleLines gives, for each of Doc.Examples in order, the 1-based
	// line of the doc where the example's code starts, so that a problem
	// found in an example can be shown at its place in the doc.
	ExampleLines []int
}

// Field returns the front matter value for key, matched without regard to
// case, and whether it was present.
func (m Meta) Field(key string) (string, bool) {
	for k, v := range m.Fields {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return "", false
}

// yamlLine finds the "line N:" that yaml error messages carry.
var yamlLine = regexp.MustCompile(`line (\d+):\s*`)

// frontMatter decodes the YAML between the "---" lines into m. first is
// the index of the first line of YAML.
func (p *parser) frontMatter(m *Meta, first, end int) {
	start := p.lines[first].off
	stop := len(p.file.Content)
	if end < len(p.lines) {
		stop = p.lines[end].off
	}
	text := p.file.Content[start:stop]
	var root yaml.Node
	if err := yaml.Unmarshal(text, &root); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := first
		if sub := yamlLine.FindStringSubmatchIndex(msg); sub != nil {
			if n, convErr := strconv.Atoi(msg[sub[2]:sub[3]]); convErr == nil && n >= 1 && first+n-1 < end {
				line = first + n - 1
			}
			msg = msg[:sub[0]] + msg[sub[1]:]
		}
		p.errorf(p.lines[line].off, "front matter is not valid YAML: %s", msg)
		return
	}
	if len(root.Content) == 0 {
		return // empty front matter
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		p.errorf(p.nodeOff(first, doc), "front matter must be a list of 'key: value' lines")
		return
	}
	m.Fields = make(map[string]string, len(doc.Content)/2)
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			p.errorf(p.nodeOff(first, v), "front matter key %q must have a single value", k.Value)
			continue
		}
		m.Fields[k.Value] = v.Value
		switch strings.ToLower(k.Value) {
		case "severity":
			s, ok := parseSeverity(v.Value)
			if !ok {
				p.errorf(p.nodeOff(first, v), "severity %q is not one of Critical, Important, Awareness", v.Value)
			}
			m.Severity = s
		case "pillar":
			m.Pillar = v.Value
		case "category":
			m.Category = v.Value
		case "resource":
			m.Resource = v.Value
		case "resourcetype":
			m.ResourceType = v.Value
		case "online version":
			m.OnlineVersion = v.Value
		case "reviewed":
			m.Reviewed = v.Value
		}
	}
}

// nodeOff converts a yaml node's 1-based line and column inside the front
// matter to a byte offset in the file.
func (p *parser) nodeOff(first int, n *yaml.Node) int {
	i := first + n.Line - 1
	if n.Line < 1 || i >= len(p.lines) {
		return p.lines[first].off
	}
	return p.lines[i].off + runeOffset(p.lines[i].text, n.Column-1)
}

// parseSeverity reads a severity without regard to case and returns its
// canonical spelling.
func parseSeverity(s string) (rules.Severity, bool) {
	for _, v := range []rules.Severity{rules.Critical, rules.Important, rules.Awareness} {
		if strings.EqualFold(string(v), strings.TrimSpace(s)) {
			return v, true
		}
	}
	return rules.Severity(s), false
}

// errorf records a problem at byte offset off.
func (p *parser) errorf(off int, format string, args ...any) {
	if len(p.errs) >= maxErrors {
		return
	}
	p.errs.Add(source.Pos{File: p.file, Offset: off}, format, args...)
}
