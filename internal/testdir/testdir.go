// Package testdir finds the folders tests read beside the module: the
// module root, the shared corpora and the shared schemas. A test that needs
// a shared folder is skipped, with a message that says where the folder
// was looked for, when it is absent, so the suite still passes in a clone
// without ../shared.
package testdir

import (
	"os"
	"path/filepath"
	"testing"
)

// ModuleRoot returns the folder holding go.mod, walking up from the
// test's working folder (its package folder).
func ModuleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Shared returns ../shared/<elem...> beside the module root, skipping the
// test when it does not exist.
func Shared(t testing.TB, elem ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{ModuleRoot(t), "..", "shared"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not found at %s (it lives in ../shared beside the repository): %v", filepath.Join(elem...), p, err)
	}
	return p
}

// Corpus returns ../shared/corpora/<name...>, skipping the test when it
// is absent.
func Corpus(t testing.TB, name ...string) string {
	t.Helper()
	return Shared(t, append([]string{"corpora"}, name...)...)
}
