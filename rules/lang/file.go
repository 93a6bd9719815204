package lang

import (
	"github.com/azrule/azrule/source"
)

// APIVersion is the only apiVersion this package reads documents of.
const APIVersion = "github.com/microsoft/PSRule/v1"

// File is one rule file after parsing: its documents in the order written.
type File struct {
	// Source is the file the documents were read from.
	Source *source.File
	// Rules, Selectors, Baselines and SuppressionGroups are the documents
	// of each kind.
	Rules             []*Rule
	Selectors         []*Selector
	Baselines         []*Baseline
	SuppressionGroups []*SuppressionGroup
	// Warnings are documents that were skipped (another kind or
	// apiVersion); they are not errors.
	Warnings source.ErrorList
}

// Metadata is a document's metadata block.
type Metadata struct {
	Name        string
	NamePos     source.Pos
	Ref         string
	RefPos      source.Pos
	Tags        map[string]string
	Labels      map[string][]string
	Annotations map[string]string
	// Synopsis is the "# Synopsis:" comment above a YAML document (or
	// "// Synopsis:" inside a JSON document), or the metadata field
	// description... when set.
	Synopsis string
	// Pos is where the document starts.
	Pos source.Pos
}

// ParseFile reads one rule file. The format is chosen by the extension:
// .yaml/.yml as YAML, anything else as JSON with comments. It returns the
// documents it could read and every problem found, each with a position.
func ParseFile(f *source.File) (*File, source.ErrorList) {
	panic("not implemented")
}
