// Package yamlvalue reads YAML into the value tree that the rest of azrule
// works on, keeping a position for every value and every mapping key, as
// package jsonc does for JSON.
//
// The YAML itself is parsed by go.yaml.in/yaml/v3. This package turns its
// nodes into arm/value values the way PSRule reads YAML options and rule
// files:
//
//   - aliases (*name) stand for a copy of the anchored value, placed at the
//     alias;
//   - "<<" merge keys add the members of a mapping, or of a list of
//     mappings, that the mapping does not set itself (the first of a list
//     wins);
//   - a later duplicate key replaces the earlier value (Options.Duplicate
//     may report it);
//   - plain scalars are typed by the YAML 1.2 core schema: null, booleans,
//     integers, floats, and everything else as text; timestamps and binary
//     stay text, an integer too large for int64 becomes a float, and NaN
//     and infinities stay text because JSON and ARM have no such numbers;
//   - a plain number written with YAML 1.1 digit separators ("2023_12")
//     stays a string, as PSRule's YAML 1.2 reader keeps it: ruleSet tags
//     such as 2023_12 must not turn into 202312.
//
// Nesting deeper than Options.MaxDepth and alias expansion past
// Options.MaxNodes values are reported as errors, not followed: a hostile
// file cannot exhaust the stack or memory ("billion laughs").
//
// Syntax errors are *source.Error values at the line yaml.v3 names, moved
// to where the problem is: yaml.v3 numbers the lines of parser errors
// from 0 and of scanner errors from 1, and ErrorPos corrects the former.
package yamlvalue

import (
	"bytes"
	"errors"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// Codes of the errors this package reports. Callers with their own code
// scheme replace them.
const (
	CodeSyntax = "YAML001" // the text is not valid YAML
	CodeShape  = "YAML002" // a mapping key that is not a scalar, or a "<<" merge of something else than mappings
	CodeDepth  = "YAML003" // values nested deeper than Options.MaxDepth
	CodeSize   = "YAML004" // aliases expand to more than Options.MaxNodes values
)

// Default limits, used where Options leaves a limit at 0.
const (
	DefaultMaxDepth = 128
	DefaultMaxNodes = 1 << 18
)

// Options adjust how YAML is read. The zero Options is ready to use.
type Options struct {
	// MaxDepth caps the nesting of mappings, sequences and alias hops in
	// one converted value; 0 means DefaultMaxDepth.
	MaxDepth int
	// MaxNodes caps how many nodes one conversion may visit once aliases
	// are expanded; 0 means DefaultMaxNodes.
	MaxNodes int
	// MaxDocuments stops Parse after this many documents; 0 reads them all.
	MaxDocuments int
	// Duplicate, when set, is called once for each key that repeats an
	// earlier key of the same mapping (compared without regard to case,
	// as value.Object compares keys): at is the repeat, first the earlier
	// key. The later value is used either way.
	Duplicate func(key string, at, first source.Pos)
}

// Document is one YAML document of a file.
type Document struct {
	// Doc is yaml.v3's DocumentNode and Node its root node, for callers
	// that need what the value tree does not keep: comments (yaml.v3
	// attaches a comment above the first key to that key, or to Doc when
	// a blank line follows the comment), styles, tags.
	Doc, Node *yaml.Node
	// Value is Node converted; an empty document is value.Null.
	Value value.Value
}

// Parse splits f into YAML documents and returns the root node of each.
// yaml.v3 cannot go on after a syntax error, so the first one ends the
// parse: the documents before it are returned with it.
func (o Options) Parse(f *source.File) ([]*yaml.Node, *source.Error) {
	docs, err := o.parse(f)
	roots := make([]*yaml.Node, len(docs))
	for i, d := range docs {
		roots[i] = documentRoot(d)
	}
	return roots, err
}

// parse returns the DocumentNodes of f.
func (o Options) parse(f *source.File) ([]*yaml.Node, *source.Error) {
	dec := yaml.NewDecoder(bytes.NewReader(f.Content))
	var docs []*yaml.Node
	for o.MaxDocuments <= 0 || len(docs) < o.MaxDocuments {
		doc := new(yaml.Node)
		err := dec.Decode(doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return docs, SyntaxError(f, err)
		}
		docs = append(docs, doc)
	}
	return docs, nil
}

// documentRoot returns the content of a DocumentNode; a document with no
// content stands as a null scalar where the document starts, so that
// callers see an empty document as null, as YAML reads it.
func documentRoot(doc *yaml.Node) *yaml.Node {
	if doc.Kind != yaml.DocumentNode {
		return doc
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: doc.Line, Column: doc.Column}
	}
	return doc.Content[0]
}

// Parse is Options.Parse with the zero Options.
func Parse(f *source.File) ([]*yaml.Node, *source.Error) { return Options{}.Parse(f) }

// Decode parses every document of f and converts each to a value tree.
// The errors are in the order found: those of each document's conversion,
// then a syntax error that ended the parse.
func (o Options) Decode(f *source.File) ([]Document, source.ErrorList) {
	nodes, synErr := o.parse(f)
	docs := make([]Document, 0, len(nodes))
	var errs source.ErrorList
	for _, d := range nodes {
		n := documentRoot(d)
		v, cerrs := o.Convert(f, n)
		errs = append(errs, cerrs...)
		docs = append(docs, Document{Doc: d, Node: n, Value: v})
	}
	if synErr != nil {
		errs = append(errs, synErr)
	}
	return docs, errs
}

// Decode is Options.Decode with the zero Options.
func Decode(f *source.File) ([]Document, source.ErrorList) { return Options{}.Decode(f) }

// Convert turns node n of file f (a document, or any node inside one)
// into a value tree with positions. It always returns a value: where a
// part cannot be converted it holds value.Null, and the errors say why.
// Each limit is reported once per call.
func (o Options) Convert(f *source.File, n *yaml.Node) (value.Value, source.ErrorList) {
	c := &converter{f: f, posCache: posCache{f: f}, opt: o, maxDepth: o.MaxDepth, maxNodes: o.MaxNodes}
	if c.maxDepth <= 0 {
		c.maxDepth = DefaultMaxDepth
	}
	if c.maxNodes <= 0 {
		c.maxNodes = DefaultMaxNodes
	}
	if n == nil {
		return value.Null{At: f.Pos(0)}, nil
	}
	v := c.value(n, 0)
	return v, c.errs
}

// Convert is Options.Convert with the zero Options.
func Convert(f *source.File, n *yaml.Node) (value.Value, source.ErrorList) {
	return Options{}.Convert(f, n)
}
