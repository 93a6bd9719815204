package scanner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/bicep/token"
	"github.com/azrule/azrule/source"
)

// BenchmarkScanCARML scans every CARML .bicep file once per iteration.
func BenchmarkScanCARML(b *testing.B) {
	root := testdir.Corpus(b, "carml")
	var files []*source.File
	size := 0
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".bicep") {
			data, _ := os.ReadFile(p)
			files = append(files, source.NewFile(p, data))
			size += len(data)
		}
		return nil
	})
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			s := New(f)
			for s.Scan().Kind != token.EOF {
			}
		}
	}
}
