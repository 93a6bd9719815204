package lang

import (
	"bytes"
	"errors"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// MaxDocumentDepth caps the nesting of YAML values read from a rule file,
// so that a hostile file cannot exhaust the stack.
const MaxDocumentDepth = 128

// maxYAMLNodes caps how many nodes alias expansion may produce in one
// document (a "billion laughs" file is reported, not expanded).
const maxYAMLNodes = 1 << 18

// rawDoc is one document of a rule file as a value tree, with the comment
// text that introduces it.
type rawDoc struct {
	obj      *value.Object
	synopsis string
}

// decodeYAML splits a YAML file into documents and converts each to a value
// tree with positions.
func decodeYAML(f *source.File, errs *source.ErrorList) []rawDoc {
	dec := yaml.NewDecoder(bytes.NewReader(f.Content))
	var docs []rawDoc
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs.Add(yamlErrorPos(f, err), "%s", yamlErrorText(err))
			break
		}
		if n.Kind != yaml.DocumentNode || len(n.Content) == 0 {
			continue
		}
		root := n.Content[0]
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			continue // an empty document between two "---"
		}
		c := &yamlConv{f: f, errs: errs}
		v := c.value(root, 0)
		obj, ok := v.(*value.Object)
		if !ok {
			errs.Add(yamlPos(f, root), "a rule file document must be a mapping with apiVersion, kind, metadata and spec; found %s", kindWord(v))
			continue
		}
		docs = append(docs, rawDoc{obj: obj, synopsis: yamlSynopsis(f, root.Line)})
	}
	return docs
}

type yamlConv struct {
	f     *source.File
	errs  *source.ErrorList
	nodes int
	fail  bool
}

func (c *yamlConv) value(n *yaml.Node, depth int) value.Value {
	at := yamlPos(c.f, n)
	c.nodes++
	if depth > MaxDocumentDepth || c.nodes > maxYAMLNodes {
		if !c.fail {
			c.fail = true
			c.errs.Add(at, "the document nests deeper than %d levels or expands to more than %d values; simplify it", MaxDocumentDepth, maxYAMLNodes)
		}
		return value.Null{At: at}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return value.Null{At: at}
		}
		return c.value(n.Content[0], depth+1)
	case yaml.AliasNode:
		if n.Alias == nil {
			return value.Null{At: at}
		}
		return value.WithPos(c.value(n.Alias, depth+1), at)
	case yaml.SequenceNode:
		arr := &value.Array{At: at, Elems: make([]value.Value, 0, len(n.Content))}
		for _, e := range n.Content {
			arr.Elems = append(arr.Elems, c.value(e, depth+1))
		}
		return arr
	case yaml.MappingNode:
		obj := value.NewObject(at)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				c.merge(obj, v, depth+1)
				continue
			}
			if k.Kind != yaml.ScalarNode {
				c.errs.Add(yamlPos(c.f, k), "a mapping key must be a plain value, not a %s", yamlKindWord(k))
				continue
			}
			obj.SetMember(value.Member{Key: k.Value, KeyPos: yamlPos(c.f, k), Value: c.value(v, depth+1)})
		}
		return obj
	case yaml.ScalarNode:
		return scalar(n, at)
	}
	return value.Null{At: at}
}

// merge applies a YAML merge key ("<<: *base"): members of the merged
// mappings that the mapping does not set itself.
func (c *yamlConv) merge(obj *value.Object, v *yaml.Node, depth int) {
	var srcs []*yaml.Node
	if v.Kind == yaml.SequenceNode {
		srcs = v.Content
	} else {
		srcs = []*yaml.Node{v}
	}
	for _, s := range srcs {
		m, ok := c.value(s, depth).(*value.Object)
		if !ok {
			c.errs.Add(yamlPos(c.f, s), "a merge key (<<) must name a mapping")
			continue
		}
		for _, mem := range m.Members() {
			if !obj.Has(mem.Key) {
				obj.SetMember(mem)
			}
		}
	}
}

func scalar(n *yaml.Node, at source.Pos) value.Value {
	tag := n.ShortTag()
	if (tag == "!!int" || tag == "!!float") && n.Style == 0 && strings.ContainsRune(n.Value, '_') {
		// YAML 1.1 digit separators: PSRule's YAML 1.2 reader keeps
		// "2023_12" (a ruleSet tag) as a string, and so do we.
		return value.String{V: n.Value, At: at}
	}
	switch tag {
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
		var f float64
		if n.Decode(&f) == nil {
			return value.Float{V: f, At: at}
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return value.Float{V: f, At: at}
		}
	}
	return value.String{V: n.Value, At: at}
}

// yamlPos maps a node's 1-based line and character column to a Pos.
func yamlPos(f *source.File, n *yaml.Node) source.Pos {
	return lineColPos(f, n.Line, n.Column)
}

func lineColPos(f *source.File, line, col int) source.Pos {
	start := f.LineStart(line)
	if start < 0 {
		return f.Pos(len(f.Content))
	}
	off := start
	for c := 1; c < col && off < len(f.Content) && f.Content[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(f.Content[off:])
		off += size
	}
	return f.Pos(off)
}

var yamlLineRE = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)

// yamlErrorPos finds the line (and column) yaml.v3 names in its message.
// For parser errors ("did not find expected ...") yaml.v3 gives a 0-based
// line: the line of the offending token, or of the block that could not
// be completed when that block does not start the file.
func yamlErrorPos(f *source.File, err error) source.Pos {
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return f.Pos(0)
	}
	line, _ := strconv.Atoi(m[1])
	if isParserError(err) {
		line++
	}
	col := 1
	if m[2] != "" {
		col, _ = strconv.Atoi(m[2])
	} else if start := f.LineStart(line); start >= 0 {
		// Point at the first non-blank character of the line.
		for off := start; off < len(f.Content) && (f.Content[off] == ' ' || f.Content[off] == '\t'); off++ {
			col++
		}
	}
	return lineColPos(f, line, col)
}

func isParserError(err error) bool {
	return strings.Contains(err.Error(), "did not find expected")
}

// yamlErrorText drops yaml.v3's "yaml: line N:" prefix: the position is
// shown separately.
func yamlErrorText(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	if loc := yamlLineRE.FindStringIndex(s); loc != nil && loc[0] == 0 {
		s = strings.TrimLeft(s[loc[1]:], ": ")
	}
	if isParserError(err) {
		s += " (check the indentation of this line and of the lines below it)"
	}
	return "invalid YAML: " + s
}

func yamlKindWord(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "sequence"
	case yaml.MappingNode:
		return "mapping"
	}
	return "value"
}

// yamlSynopsis reads the "# Synopsis: ..." comment in the block of comment
// lines directly above line (the document's first key), as PSRule does.
func yamlSynopsis(f *source.File, line int) string {
	for l := line - 1; l >= 1; l-- {
		text := strings.TrimSpace(lineText(f, l))
		if text == "" {
			continue
		}
		if !strings.HasPrefix(text, "#") {
			break
		}
		if s, ok := synopsisText(strings.TrimPrefix(text, "#")); ok {
			return s
		}
	}
	return ""
}

func lineText(f *source.File, line int) string {
	start := f.LineStart(line)
	if start < 0 {
		return ""
	}
	end := bytes.IndexByte(f.Content[start:], '\n')
	if end < 0 {
		return string(f.Content[start:])
	}
	return string(f.Content[start : start+end])
}

// synopsisText returns the text after "Synopsis:" in a comment body.
func synopsisText(comment string) (string, bool) {
	c := strings.TrimSpace(comment)
	const p = "synopsis:"
	if len(c) < len(p) || !strings.EqualFold(c[:len(p)], p) {
		return "", false
	}
	return strings.TrimSpace(c[len(p):]), true
}

// decodeJSON reads a JSON rule file: an array of documents (a single
// document object is accepted too).
func decodeJSON(f *source.File, errs *source.ErrorList) []rawDoc {
	v, err := jsonc.Parse(f)
	if err != nil {
		var se *source.Error
		if errors.As(err, &se) {
			*errs = append(*errs, se)
		} else {
			errs.Add(f.Pos(0), "%v", err)
		}
		return nil
	}
	var elems []value.Value
	switch v := v.(type) {
	case *value.Array:
		elems = v.Elems
	case *value.Object:
		elems = []value.Value{v}
	default:
		errs.Add(v.Pos(), "a JSON rule file must be an array of documents; found %s", kindWord(v))
		return nil
	}
	var docs []rawDoc
	for _, e := range elems {
		obj, ok := e.(*value.Object)
		if !ok {
			errs.Add(e.Pos(), "a rule file document must be an object with apiVersion, kind, metadata and spec; found %s", kindWord(e))
			continue
		}
		docs = append(docs, rawDoc{obj: obj, synopsis: jsonSynopsis(f, obj)})
	}
	return docs
}

// jsonSynopsis reads a "// Synopsis: ..." (or /* */) comment written
// inside the document object before its first member.
func jsonSynopsis(f *source.File, obj *value.Object) string {
	start := obj.Pos().Offset
	end := len(f.Content)
	if ms := obj.Members(); len(ms) > 0 && ms[0].KeyPos.IsValid() {
		end = ms[0].KeyPos.Offset
	}
	if start < 0 || start >= end || end > len(f.Content) {
		return ""
	}
	if s := jsonSynopsisAbove(f, start); s != "" {
		return s
	}
	text := string(f.Content[start:end])
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		line = strings.TrimPrefix(line, "{")
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "//"):
			line = line[2:]
		case strings.HasPrefix(line, "/*"):
			line = strings.TrimSuffix(strings.TrimSpace(line[2:]), "*/")
		default:
			continue
		}
		if s, ok := synopsisText(line); ok {
			return s
		}
	}
	return ""
}

// jsonSynopsisAbove reads a "// Synopsis:" line comment in the comment
// lines directly above the document's '{'.
func jsonSynopsisAbove(f *source.File, start int) string {
	line := f.Position(start).Line
	if prefix := strings.TrimSpace(string(f.Content[f.LineStart(line):start])); prefix != "" && prefix != "[" && prefix != "," {
		return ""
	}
	for l := line - 1; l >= 1; l-- {
		text := strings.TrimSpace(lineText(f, l))
		if text == "" {
			continue
		}
		body, ok := strings.CutPrefix(text, "//")
		if !ok {
			return ""
		}
		if s, ok := synopsisText(body); ok {
			return s
		}
	}
	return ""
}

// kindWord names a value's kind for messages.
func kindWord(v value.Value) string {
	switch v.(type) {
	case value.Null:
		return "null"
	case value.Bool:
		return "a boolean"
	case value.Int, value.Float:
		return "a number"
	case value.String:
		return "a string"
	case *value.Array:
		return "an array"
	case *value.Object:
		return "an object"
	case value.Unknown:
		return "a deployment-time value"
	}
	return "nothing"
}
