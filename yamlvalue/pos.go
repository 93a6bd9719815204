package yamlvalue

import (
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/azrule/azrule/source"
)

// maxAliasHops bounds Resolve. yaml.v3 does not let an alias carry an
// anchor, so a chain is one hop long; the bound is for safety only.
const maxAliasHops = 64

// Pos returns the position of node n in f.
func Pos(f *source.File, n *yaml.Node) source.Pos {
	return LineColPos(f, n.Line, n.Column)
}

// LineColPos maps a 1-based line and character column, as yaml.v3 counts
// them, to a position in f. yaml.v3 counts characters, not bytes, and
// does not count a leading byte order mark. A line past the end of f is
// the end of f; a column past the end of its line is the line's end.
func LineColPos(f *source.File, line, col int) source.Pos {
	off, ok := lineOffset(f, line)
	if !ok {
		return f.Pos(off)
	}
	return f.Pos(advance(f.Content, off, 1, col))
}

// lineOffset returns where line starts (after a byte order mark on the
// first line), or the end of f and false when there is no such line.
func lineOffset(f *source.File, line int) (int, bool) {
	start := f.LineStart(line)
	if start < 0 {
		return len(f.Content), false
	}
	if line == 1 && len(f.Content) >= 3 && string(f.Content[:3]) == "\xef\xbb\xbf" {
		start = 3
	}
	return start, true
}

// advance moves from offset off, at column col, to column to, stopping at
// the end of the line.
func advance(src []byte, off, col, to int) int {
	for ; col < to && off < len(src) && src[off] != '\n'; col++ {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off
}

// posCache maps node positions to offsets, walking on from the last one
// when the next node is further along the same line: the values of one
// long line (JSON written as YAML) cost their line's length once, not
// once each.
type posCache struct {
	f              *source.File
	line, col, off int
}

func (p *posCache) pos(n *yaml.Node) source.Pos {
	if n.Line != p.line || n.Column < p.col || p.line == 0 {
		off, ok := lineOffset(p.f, n.Line)
		if !ok {
			return p.f.Pos(off)
		}
		p.line, p.col, p.off = n.Line, 1, off
	}
	p.off = advance(p.f.Content, p.off, p.col, n.Column)
	p.col = max(p.col, n.Column)
	return p.f.Pos(p.off)
}

// Resolve follows an alias to the node it stands for; any other node is
// returned as it is. A dangling alias resolves to nil.
func Resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxAliasHops; i++ {
		n = n.Alias
	}
	return n
}

// IsNull reports whether n (through an alias) is missing or a null scalar:
// "~", "null" or nothing at all.
func IsNull(n *yaml.Node) bool {
	n = Resolve(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// KindWord names what a node is, for messages that say what was found
// instead: "a list", "a mapping", "null", "true/false", "a number" or
// "a string".
func KindWord(n *yaml.Node) string {
	n = Resolve(n)
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return "nothing"
		}
		return KindWord(n.Content[0])
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
