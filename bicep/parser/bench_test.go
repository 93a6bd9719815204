package parser

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/source"
)

// BenchmarkParseCARML parses every CARML .bicep file once per iteration.
func BenchmarkParseCARML(b *testing.B) {
	paths := globFiles(b, filepath.Join(testdir.Corpus(b), "carml"), ".bicep")
	var files []*source.File
	size := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, source.NewFile(p, data))
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			if _, errs := ParseFile(f); len(errs) > 0 {
				b.Fatal(errs)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
}
