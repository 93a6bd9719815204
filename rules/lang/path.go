package lang

import (
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// Path is a compiled field path such as "properties.rules[*].name".
type Path struct {
	// Text is the path as written.
	Text string
}

// ParsePath compiles a field path. pos is where the path was written, for
// errors.
func ParsePath(text string, pos source.Pos) (*Path, *source.Error) {
	panic("not implemented")
}

// Match is one value a path selected, with the path that names it
// ("properties.rules[0].name") and its value.
type Match struct {
	Path  string
	Value value.Value
}

// Resolve returns the values p selects in root, and when nothing is found
// the deepest existing parent (for positions of reasons).
func (p *Path) Resolve(root value.Value) (found []Match, parent value.Value) {
	panic("not implemented")
}
