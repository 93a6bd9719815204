package azure

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/rules/ruledoc"
)

// BenchmarkEvaluateCorpus runs the five rules on every resource of the
// psrule-ml corpus; one op is the whole corpus.
func BenchmarkEvaluateCorpus(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join(testdir.Corpus(b, "psrule-ml"), "*.json"))
	if len(paths) == 0 {
		b.Fatal("no JSON files in the psrule-ml corpus")
	}
	_, list, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	var targets []*rules.Target
	size := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		size += len(data)
		targets = append(targets, exported(b, filepath.Base(p), data)...)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, target := range targets {
			for _, r := range list {
				r.Evaluate(target)
			}
		}
	}
}

// BenchmarkParseDocs parses every embedded rule doc; one op is all docs.
func BenchmarkParseDocs(b *testing.B) {
	var docs [][]byte
	size := 0
	_ = fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			data, _ := fs.ReadFile(FS(), p)
			docs = append(docs, data)
			size += len(data)
		}
		return err
	})
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, _, err := ruledoc.Parse("doc.md", d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLoad compiles the built-in rules and docs from scratch, as the
// first Load in a process does.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := load(files); err != nil {
			b.Fatal(err)
		}
	}
}
