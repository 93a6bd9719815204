package config

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

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
