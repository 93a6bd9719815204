package config

import (
	"strings"
	"testing"
)

// TestMergeLoop: a mapping that merges itself used to recurse without end
// (a stack overflow); it is a limit error now.
func TestMergeLoop(t *testing.T) {
	for _, src := range []string{
		"configuration:\n  a: &a {<<: *a}\n",
		"configuration:\n  a: &a {<<: [*a, *a], b: 1}\n",
	} {
		_, errs, _ := parse(t, src)
		if len(errs) == 0 || !strings.Contains(errs[0], "CFG006") {
			t.Errorf("%q: errors %q, want CFG006", src, errs)
		}
	}
}
