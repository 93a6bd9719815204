package config

import (
	"testing"

	"github.com/azrule/azrule/source"
)

func BenchmarkParse(b *testing.B) {
	f := source.NewFile("ps-rule.yaml", []byte(fullFile))
	b.SetBytes(int64(len(fullFile)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, errs := Parse(f); len(errs) != 0 {
			b.Fatal(errs)
		}
	}
}
