package config

import (
	"math"
	"math/big"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// MaxDepth caps the nesting of mappings and sequences read from an
// options file, so that a hostile file cannot exhaust the stack.
const MaxDepth = 100

// MaxNodes caps how many YAML nodes one options file may produce once
// aliases are expanded (a "billion laughs" file is reported, not built).
const MaxNodes = 1 << 18

// nodePos maps a node's 1-based line and character column to a Pos.
func nodePos(f *source.File, n *yaml.Node) source.Pos {
	return lineColPos(f, n.Line, n.Column)
}

func lineColPos(f *source.File, line, col int) source.Pos {
	start := f.LineStart(line)
	if start < 0 {
		return f.Pos(len(f.Content))
	}
	off := start
	if line == 1 && len(f.Content) >= 3 && string(f.Content[:3]) == "\xef\xbb\xbf" {
		off = 3 // YAML does not count a byte order mark as a column
	}
	for c := 1; c < col && off < len(f.Content) && f.Content[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(f.Content[off:])
		off += size
	}
	return f.Pos(off)
}

// resolve follows aliases to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < MaxDepth; i++ {
		n = n.Alias
	}
	return n
}

// kindWord names what a node is, for messages ("a list", "a mapping").
func kindWord(n *yaml.Node) string {
	n = resolve(n)
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	switch n.ShortTag() {
	case "!!null":
		return "null"
	case "!!bool":
		return "true/false"
	case "!!int", "!!float":
		return "a number"
	}
	return "a string"
}

// toValue converts a YAML node to a value with positions. Keys of
// mappings are matched without regard to case, as configuration keys are;
// a later duplicate replaces the earlier value. "<<" merge keys are
// honoured.
func (p *parser) toValue(n *yaml.Node, depth int) value.Value {
	at := nodePos(p.f, n)
	if depth > MaxDepth {
		p.errorf(at, "CFG006", "values are nested more than %d deep", MaxDepth)
		return value.Null{At: at}
	}
	p.nodes++
	if p.nodes > MaxNodes {
		if p.nodes == MaxNodes+1 {
			p.errorf(at, "CFG006", "the file expands to more than %d values (check for alias loops)", MaxNodes)
		}
		return value.Null{At: at}
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return value.Null{At: at}
		}
		return value.WithPos(p.toValue(n.Alias, depth+1), at)
	}
	switch n.Kind {
	case yaml.SequenceNode:
		arr := value.NewArray(at)
		for _, e := range n.Content {
			arr.Elems = append(arr.Elems, p.toValue(e, depth+1))
		}
		return arr
	case yaml.MappingNode:
		obj := value.NewObject(at)
		p.mergeInto(obj, n, depth)
		return obj
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return value.Null{At: at}
		}
		return p.toValue(n.Content[0], depth+1)
	}
	return scalarValue(n, at)
}

// mergeInto adds the pairs of mapping n to obj.
func (p *parser) mergeInto(obj *value.Object, n *yaml.Node, depth int) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			p.merge(obj, v, depth+1)
			continue
		}
		kr := resolve(k)
		if kr == nil || kr.Kind != yaml.ScalarNode {
			p.errorf(nodePos(p.f, k), "CFG002", "a key must be a plain name, not %s", kindWord(k))
			continue
		}
		lk := strings.ToLower(kr.Value)
		if line, dup := seen[lk]; dup {
			p.warnf(nodePos(p.f, k), CodeDuplicate, "'%s' is set twice in this mapping (first on line %d); the later value is used", kr.Value, line)
		}
		seen[lk] = k.Line
		obj.SetMember(value.Member{Key: kr.Value, KeyPos: nodePos(p.f, k), Value: p.toValue(v, depth+1)})
	}
}

// merge applies a "<<" value: a mapping or a list of mappings whose keys
// are added where obj does not have them yet.
func (p *parser) merge(obj *value.Object, v *yaml.Node, depth int) {
	src := resolve(v)
	if src == nil {
		return
	}
	var maps []*yaml.Node
	switch src.Kind {
	case yaml.MappingNode:
		maps = []*yaml.Node{src}
	case yaml.SequenceNode:
		for _, e := range src.Content {
			maps = append(maps, resolve(e))
		}
	}
	for _, m := range maps {
		if m == nil || m.Kind != yaml.MappingNode {
			p.errorf(nodePos(p.f, v), "CFG002", "a '<<' merge takes a mapping or a list of mappings")
			return
		}
		tmp := value.NewObject(nodePos(p.f, m))
		p.mergeInto(tmp, m, depth)
		for _, mem := range tmp.Members() {
			if !obj.Has(mem.Key) {
				obj.SetMember(mem)
			}
		}
	}
}

// scalarValue reads a scalar by its resolved YAML tag.
func scalarValue(n *yaml.Node, at source.Pos) value.Value {
	switch n.ShortTag() {
	case "!!null":
		return value.Null{At: at}
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return value.Bool{V: b, At: at}
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return value.Int{V: i, At: at}
		}
		// Too large for int64: keep it as a number all the same.
		if f, ok := new(big.Float).SetString(strings.ReplaceAll(n.Value, "_", "")); ok {
			v, _ := f.Float64()
			return value.Float{V: v, At: at}
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return value.Float{V: f, At: at}
		}
	}
	// Strings, timestamps, binary and anything unusual stay text.
	return value.String{V: n.Value, At: at}
}
