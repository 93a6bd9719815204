package lang

import (
	"path"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// APIVersion is the apiVersion of PSRule's v1 documents. The newer
// "github.com/microsoft/PSRule/2025-01-01" is read the same way.
const APIVersion = "github.com/microsoft/PSRule/v1"

const apiPrefix = "github.com/microsoft/PSRule/"

// File is one rule file after parsing: its documents in the order written.
type File struct {
	// Source is the file the documents were read from.
	Source *source.File
	// Rules, Selectors, Baselines and SuppressionGroups are the documents
	// of each kind that were read without error.
	Rules             []*Rule
	Selectors         []*Selector
	Baselines         []*Baseline
	SuppressionGroups []*SuppressionGroup
	// Warnings are documents that were skipped (another kind or
	// apiVersion) and properties that were ignored; they are not errors.
	Warnings source.ErrorList
}

// Metadata is a document's metadata block.
type Metadata struct {
	// Name is metadata.name and NamePos where it was written.
	Name    string
	NamePos source.Pos
	// Ref is metadata.ref (for rules, "AZR-000407"), or "".
	Ref    string
	RefPos source.Pos
	// Aliases are metadata.alias: other names the document answers to.
	Aliases []string
	// Tags is metadata.tags; Labels is metadata.labels, whose values are
	// a string or a list; Annotations is metadata.annotations.
	Tags        map[string]string
	Labels      map[string][]string
	Annotations map[string]string
	// Synopsis is the "# Synopsis:" comment directly above a YAML
	// document or the "// Synopsis:" comment at the start of a JSON one,
	// else metadata.description.
	Synopsis string
	// DisplayName is metadata.displayName, or "".
	DisplayName string
	// Pos is where the document starts.
	Pos source.Pos
}

// ParseFile reads one rule file. The format is chosen by the extension:
// .yaml and .yml as YAML, anything else (.json, .jsonc) as JSON with
// comments. It returns the documents it could read and every problem
// found, each with a position; a document with an error is left out so
// that nothing half-read runs.
func ParseFile(f *source.File) (*File, source.ErrorList) {
	out := &File{Source: f}
	var errs source.ErrorList
	var docs []rawDoc
	switch strings.ToLower(path.Ext(f.Name)) {
	case ".yaml", ".yml":
		docs = decodeYAML(f, &errs)
	default:
		docs = decodeJSON(f, &errs)
	}
	for _, d := range docs {
		parseDoc(d, out, &errs)
	}
	return out, errs
}

func parseDoc(d rawDoc, out *File, errs *source.ErrorList) {
	obj := d.obj
	api, ok := getString(obj, "apiVersion", errs)
	if !ok {
		if !obj.Has("apiVersion") {
			errs.Add(obj.Pos(), "the document has no apiVersion; set apiVersion: %s", APIVersion)
		}
		return
	}
	if !strings.HasPrefix(api, apiPrefix) {
		out.Warnings.Add(memberPos(obj, "apiVersion"), "skipped a document with apiVersion %q; only %s documents are read", api, APIVersion)
		return
	}
	kind, ok := getString(obj, "kind", errs)
	if !ok {
		if !obj.Has("kind") {
			errs.Add(obj.Pos(), "the document has no kind; set kind to Rule, Selector, Baseline or SuppressionGroup")
		}
		return
	}
	n := len(*errs)
	md := parseMetadata(obj, d.synopsis, errs)
	specV, ok := obj.Get("spec")
	spec, isObj := specV.(*value.Object)
	switch k := strings.ToLower(kind); {
	case k != "rule" && k != "selector" && k != "baseline" && k != "suppressiongroup":
		out.Warnings.Add(memberPos(obj, "kind"), "skipped a document of kind %q; azrule reads Rule, Selector, Baseline and SuppressionGroup", kind)
		return
	case !ok:
		errs.Add(obj.Pos(), "the %s %q has no spec", kind, md.Name)
		return
	case !isObj:
		errs.Add(specV.Pos(), "spec must be an object; found %s", kindWord(specV))
		return
	}
	for _, m := range obj.Members() {
		switch strings.ToLower(m.Key) {
		case "apiversion", "kind", "metadata", "spec", "$schema":
		default:
			out.Warnings.Add(m.KeyPos, "ignored unknown top-level property %q", m.Key)
		}
	}
	if len(*errs) > n {
		return
	}
	switch strings.ToLower(kind) {
	case "rule":
		if r := parseRule(md, spec, out, errs); r != nil && len(*errs) == n {
			out.Rules = append(out.Rules, r)
		}
	case "selector":
		if s := parseSelector(md, spec, out, errs); s != nil && len(*errs) == n {
			out.Selectors = append(out.Selectors, s)
		}
	case "baseline":
		if b := parseBaseline(md, spec, out, errs); b != nil && len(*errs) == n {
			out.Baselines = append(out.Baselines, b)
		}
	case "suppressiongroup":
		if g := parseSuppressionGroup(md, spec, out, errs); g != nil && len(*errs) == n {
			out.SuppressionGroups = append(out.SuppressionGroups, g)
		}
	}
}

func parseMetadata(obj *value.Object, synopsis string, errs *source.ErrorList) Metadata {
	md := Metadata{Pos: obj.Pos(), Synopsis: synopsis}
	mv, ok := obj.Get("metadata")
	if !ok {
		errs.Add(obj.Pos(), "the document has no metadata; set metadata.name")
		return md
	}
	m, ok := mv.(*value.Object)
	if !ok {
		errs.Add(mv.Pos(), "metadata must be an object; found %s", kindWord(mv))
		return md
	}
	if name, ok := getString(m, "name", errs); ok {
		md.Name, md.NamePos = name, memberValuePos(m, "name")
		if strings.TrimSpace(name) == "" {
			errs.Add(md.NamePos, "metadata.name is empty")
		}
	} else if !m.Has("name") {
		errs.Add(m.Pos(), "metadata.name is required")
	}
	if ref, ok := getString(m, "ref", errs); ok {
		md.Ref, md.RefPos = ref, memberValuePos(m, "ref")
	}
	if v, ok := m.Get("alias"); ok {
		md.Aliases = stringList(v, "metadata.alias", errs)
	}
	if s, ok := getString(m, "displayName", errs); ok {
		md.DisplayName = s
	}
	if md.Synopsis == "" {
		if s, ok := getString(m, "description", errs); ok {
			md.Synopsis = s
		}
	}
	if v, ok := m.Get("tags"); ok {
		md.Tags = stringMap(v, "metadata.tags", errs)
	}
	if v, ok := m.Get("annotations"); ok {
		md.Annotations = stringMap(v, "metadata.annotations", errs)
	}
	if v, ok := m.Get("labels"); ok {
		md.Labels = labelMap(v, "metadata.labels", errs)
	}
	return md
}

// getString returns obj[key] as a string; a value of another type is an
// error.
func getString(obj *value.Object, key string, errs *source.ErrorList) (string, bool) {
	v, ok := obj.Get(key)
	if !ok {
		return "", false
	}
	s, ok := v.(value.String)
	if !ok {
		errs.Add(v.Pos(), "%s must be a string; found %s", key, kindWord(v))
		return "", false
	}
	return s.V, true
}

func memberPos(obj *value.Object, key string) source.Pos {
	if m, ok := obj.Member(key); ok && m.KeyPos.IsValid() {
		return m.KeyPos
	}
	return obj.Pos()
}

func memberValuePos(obj *value.Object, key string) source.Pos {
	if v, ok := obj.Get(key); ok {
		return v.Pos()
	}
	return obj.Pos()
}

// stringList reads a string or a list of strings.
func stringList(v value.Value, what string, errs *source.ErrorList) []string {
	switch v := v.(type) {
	case value.String:
		return []string{v.V}
	case *value.Array:
		out := make([]string, 0, len(v.Elems))
		for _, e := range v.Elems {
			s, ok := e.(value.String)
			if !ok {
				errs.Add(e.Pos(), "%s takes strings; found %s", what, kindWord(e))
				continue
			}
			out = append(out, s.V)
		}
		return out
	case value.Null:
		return nil
	}
	errs.Add(v.Pos(), "%s must be a string or a list of strings; found %s", what, kindWord(v))
	return nil
}

// stringMap reads an object of scalar values; numbers and booleans are
// kept as written (tags such as "ruleSet: 2020_06" are strings anyway).
func stringMap(v value.Value, what string, errs *source.ErrorList) map[string]string {
	o, ok := v.(*value.Object)
	if !ok {
		if _, null := v.(value.Null); !null {
			errs.Add(v.Pos(), "%s must be an object of names and values; found %s", what, kindWord(v))
		}
		return nil
	}
	out := make(map[string]string, o.Len())
	for _, m := range o.Members() {
		switch mv := m.Value.(type) {
		case value.String:
			out[m.Key] = mv.V
		case value.Int, value.Float, value.Bool:
			out[m.Key] = scalarText(mv)
		case value.Null:
			out[m.Key] = ""
		default:
			// Structured annotations (a list of links ...) are kept
			// as JSON text.
			out[m.Key] = value.Render(mv)
		}
	}
	return out
}

// labelMap reads labels: each value a string or a list of strings.
func labelMap(v value.Value, what string, errs *source.ErrorList) map[string][]string {
	o, ok := v.(*value.Object)
	if !ok {
		if _, null := v.(value.Null); !null {
			errs.Add(v.Pos(), "%s must be an object of names and values; found %s", what, kindWord(v))
		}
		return nil
	}
	out := make(map[string][]string, o.Len())
	for _, m := range o.Members() {
		out[m.Key] = stringList(m.Value, what+"."+m.Key, errs)
	}
	return out
}

// parseExprAt compiles spec[key] when present.
func parseExprAt(spec *value.Object, key string, errs *source.ErrorList) (*Expr, bool) {
	v, ok := spec.Get(key)
	if !ok {
		return nil, false
	}
	e, es := ParseExpr(v)
	*errs = append(*errs, es...)
	return e, true
}

// warnUnknown reports spec properties that this package ignores.
func warnUnknown(spec *value.Object, known []string, kind string, out *File) {
	for _, m := range spec.Members() {
		found := false
		for _, k := range known {
			if strings.EqualFold(k, m.Key) {
				found = true
				break
			}
		}
		if !found {
			out.Warnings.Add(m.KeyPos, "ignored unknown %s property spec.%s", kind, m.Key)
		}
	}
}

// scalarText is a number or boolean as it was written ("2020.10", not
// 2020.1), read back from the file when the value has a position.
func scalarText(v value.Value) string {
	p := v.Pos()
	if p.File != nil && p.Offset >= 0 && p.Offset < len(p.File.Content) {
		b := p.File.Content[p.Offset:]
		end := 0
		for end < len(b) && !strings.ContainsRune(" \t\r\n,]}#", rune(b[end])) {
			end++
		}
		if end > 0 {
			return string(b[:end])
		}
	}
	return value.Render(v)
}
