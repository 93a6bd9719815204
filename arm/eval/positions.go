package eval

import (
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// stringPos maps byte offset off of s.V to its file position.
func stringPos(s value.String, off int) source.Pos { return jsonc.StringPos(s, off) }
