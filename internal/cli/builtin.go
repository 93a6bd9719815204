package cli

import (
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/rules/azure"
)

// builtinRules returns the rules embedded in the binary.
func builtinRules() ([]rules.Rule, error) {
	_, set, err := azure.Load()
	return set, err
}
