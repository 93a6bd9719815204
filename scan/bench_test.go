package scan

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/input"
	"github.com/azrule/azrule/internal/testdir"
	"github.com/azrule/azrule/rules/azure"
)

// BenchmarkScanCARML runs the whole pipeline (discover, read, parse,
// compile Bicep, expand, evaluate the built-in rules) over the CARML
// modules: 368 modules in Bicep and JSON, with their tests. MB/s counts
// the bytes of every .bicep and .json file in the tree.
func BenchmarkScanCARML(b *testing.B) {
	dir := testdir.Corpus(b, "carml", "modules")
	var size int64
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".bicep") || strings.HasSuffix(p, ".json")) {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	_, set, err := azure.Load()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		r := Run([]string{dir}, Options{Input: input.Options{Root: "."}, Rules: set})
		if r.Files == 0 {
			b.Fatal("nothing analysed")
		}
	}
}
