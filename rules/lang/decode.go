package lang

import (
	"bytes"
	"errors"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
	"github.com/azrule/azrule/yamlvalue"
)

// MaxDocumentDepth caps the nesting of YAML values read from a rule file,
// so that a hostile file cannot exhaust the stack.
const MaxDocumentDepth = 128

// maxYAMLNodes caps how many nodes alias expansion may produce in one
// document (a "billion laughs" file is reported, not expanded).
const maxYAMLNodes = 1 << 18

// yamlOptions are the limits of one rule file document.
var yamlOptions = yamlvalue.Options{MaxDepth: MaxDocumentDepth, MaxNodes: maxYAMLNodes}

// rawDoc is one document of a rule file as a value tree, with the comment
// text that introduces it.
type rawDoc struct {
	obj      *value.Object
	synopsis string
}

// decodeYAML splits a YAML file into documents and converts each to a value
// tree with positions.
func decodeYAML(f *source.File, errs *source.ErrorList) []rawDoc {
	roots, synErr := yamlOptions.Parse(f)
	var docs []rawDoc
	for _, root := range roots {
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			continue // an empty document between two "---"
		}
		v, cerrs := yamlOptions.Convert(f, root)
		addYAMLErrors(errs, cerrs...)
		obj, ok := v.(*value.Object)
		if !ok {
			errs.Add(yamlvalue.Pos(f, root), "a rule file document must be a mapping with apiVersion, kind, metadata and spec; found %s", kindWord(v))
			continue
		}
		docs = append(docs, rawDoc{obj: obj, synopsis: yamlSynopsis(f, root.Line)})
	}
	if synErr != nil {
		addYAMLErrors(errs, synErr)
	}
	return docs
}

// addYAMLErrors adds errors from package yamlvalue without their codes:
// the messages of this package carry none.
func addYAMLErrors(errs *source.ErrorList, es ...*source.Error) {
	for _, e := range es {
		e.Code = ""
		*errs = append(*errs, e)
	}
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
