package compile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/arm/expand"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/bicep/parser"
	"github.com/azrule/azrule/source"
)

// BenchmarkCARML parses, compiles and expands every CARML main.bicep (the
// files and their modules are read into memory first). Bytes are those of
// the top-level .bicep files.
func BenchmarkCARML(b *testing.B) { benchCARML(b, true) }

// BenchmarkCompileCARML is BenchmarkCARML without the expansion.
func BenchmarkCompileCARML(b *testing.B) { benchCARML(b, false) }

func benchCARML(b *testing.B, expandToo bool) {
	root := testdir.Corpus(b, "carml")
	var paths []string
	files := map[string][]byte{}
	var size int64
	filepath.WalkDir(root, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return nil
		}
		ext := filepath.Ext(path)
		if ext == ".bicep" || ext == ".json" || ext == ".txt" {
			if data, err := os.ReadFile(path); err == nil {
				files[filepath.Clean(path)] = data
			}
		}
		if de.Name() == "main.bicep" {
			paths = append(paths, path)
			size += int64(len(files[filepath.Clean(path)]))
		}
		return nil
	})
	read := func(path string) ([]byte, error) {
		if d, ok := files[filepath.Clean(path)]; ok {
			return d, nil
		}
		return nil, os.ErrNotExist
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, path := range paths {
			f := source.NewFile(path, files[filepath.Clean(path)])
			pf, _ := parser.ParseFile(f)
			r := Compile(pf, path, Options{ReadFile: read})
			if !expandToo {
				continue
			}
			tpl, _ := template.Decode(f, r.Template)
			if tpl != nil {
				expand.Expand(tpl, expand.Options{})
			}
		}
	}
	b.ReportMetric(float64(len(paths)), "files/op")
}
