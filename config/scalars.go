package config

import (
	"go.yaml.in/yaml/v3"

	"github.com/azrule/azrule/yamlvalue"
)

// strList reads a list of strings. A single string is a list of one, as
// PSRule accepts; null is an empty list.
func (p *parser) strList(n *yaml.Node, path string) Items {
	m := yamlvalue.Resolve(n)
	if yamlvalue.IsNull(m) {
		return nil
	}
	if m.Kind == yaml.ScalarNode {
		return Items{{Value: m.Value, Pos: p.pos(n)}}
	}
	if m.Kind != yaml.SequenceNode {
		p.errorf(p.pos(n), CodeType, "%s must be a list of strings, not %s", path, yamlvalue.KindWord(n))
		return nil
	}
	var out Items
	for i, e := range m.Content {
		er := yamlvalue.Resolve(e)
		if er == nil || er.Kind != yaml.ScalarNode || yamlvalue.IsNull(er) {
			p.errorf(p.pos(e), CodeType, "%s[%d] must be a string, not %s", path, i, yamlvalue.KindWord(e))
			continue
		}
		out = append(out, Item{Value: er.Value, Pos: p.pos(e)})
	}
	return out
}

// str reads a scalar as text; numbers are accepted as written.
func (p *parser) str(n *yaml.Node, path string) (Item, bool) {
	m := yamlvalue.Resolve(n)
	if m == nil || m.Kind != yaml.ScalarNode || yamlvalue.IsNull(m) {
		p.errorf(p.pos(n), CodeType, "%s must be a string, not %s", path, yamlvalue.KindWord(n))
		return Item{}, false
	}
	return Item{Value: m.Value, Pos: p.pos(n)}, true
}

func (p *parser) boolean(n *yaml.Node, path string, dst *bool) {
	m := yamlvalue.Resolve(n)
	var b bool
	if m == nil || m.Kind != yaml.ScalarNode || m.ShortTag() != "!!bool" || m.Decode(&b) != nil {
		p.errorf(p.pos(n), CodeType, "%s must be true or false, not %s", path, describe(n))
		return
	}
	*dst = b
}

func (p *parser) integer(n *yaml.Node, path string, lo, hi int, dst *int) {
	m := yamlvalue.Resolve(n)
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
	m := yamlvalue.Resolve(n)
	if m != nil && m.Kind == yaml.ScalarNode && !yamlvalue.IsNull(m) {
		return "'" + m.Value + "'"
	}
	return yamlvalue.KindWord(n)
}
