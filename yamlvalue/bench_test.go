package yamlvalue

import (
	"strconv"
	"strings"
	"testing"

	"github.com/azrule/azrule/source"
)

// benchDecode measures Decode of src, reporting bytes per second.
func benchDecode(b *testing.B, src string) {
	f := source.NewFile("b.yaml", []byte(src))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := Decode(f); len(errs) != 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkBlock is a rule-file shaped document: block mappings, one
// value a line.
func BenchmarkBlock(b *testing.B) {
	var sb strings.Builder
	for i := range 2000 {
		sb.WriteString("key" + strconv.Itoa(i) + ":\n  name: value\n  count: 42\n  tags: [a, b]\n")
	}
	benchDecode(b, sb.String())
}

// BenchmarkOneLine is compact flow YAML (JSON written as YAML) on one
// long line: positions must not cost a walk from the line start for each
// value.
func BenchmarkOneLine(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("[")
	for i := range 20000 {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(`{"k": ` + strconv.Itoa(i) + `}`)
	}
	sb.WriteString("]\n")
	benchDecode(b, sb.String())
}
