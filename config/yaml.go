package config

import (
	"github.com/azrule/azrule/source"
	"github.com/azrule/azrule/yamlvalue"
)

// MaxDepth caps the nesting of mappings and sequences read from an
// options file, so that a hostile file cannot exhaust the stack.
const MaxDepth = 100

// MaxNodes caps how many YAML nodes one options file may produce once
// aliases are expanded (a "billion laughs" file is reported, not built).
const MaxNodes = 1 << 18

// yamlCodes maps the codes of package yamlvalue to this package's.
var yamlCodes = map[string]string{
	yamlvalue.CodeSyntax: CodeSyntax,
	yamlvalue.CodeShape:  CodeType,
	yamlvalue.CodeDepth:  CodeLimit,
	yamlvalue.CodeSize:   CodeLimit,
}

// yamlError adds an error from package yamlvalue under this package's code.
func (p *parser) yamlError(e *source.Error) {
	if code, ok := yamlCodes[e.Code]; ok {
		e.Code = code
	}
	p.errs = append(p.errs, e)
}

// yamlOptions are the limits of an options file, with duplicate keys
// reported as warnings: PSRule accepts them and the later value wins.
func (p *parser) yamlOptions() yamlvalue.Options {
	return yamlvalue.Options{
		MaxDepth: MaxDepth,
		MaxNodes: MaxNodes,
		Duplicate: func(key string, at, first source.Pos) {
			p.warnf(at, CodeDuplicate, "'%s' is set twice in this mapping (first on line %d); the later value is used", key, first.Position().Line)
		},
	}
}
