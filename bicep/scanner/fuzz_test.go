package scanner

import (
	"testing"

	"github.com/azrule/azrule/bicep/token"
	"github.com/azrule/azrule/source"
)

// FuzzScan checks that scanning never panics, always ends, and that tokens
// tile the input in order within its bounds.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"param x string = 'a${b}c'\n",
		"var m = '''\nx\n'''\n#disable-next-line a b\n",
		"var i = $$'''${a}$${b}'''",
		"'${'${x}'}' /* c */ // d\n",
		"\"x\" & \\u{41} é",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s := New(source.NewFile("f.bicep", []byte(src)))
		prev := 0
		for i := 0; ; i++ {
			if i > len(src)+2 {
				t.Fatalf("more tokens than bytes: scanner does not advance")
			}
			tok := s.Scan()
			if tok.Pos.Offset < prev || tok.End.Offset < tok.Pos.Offset || tok.End.Offset > len(src) {
				t.Fatalf("token %v at [%d,%d) after %d", tok.Kind, tok.Pos.Offset, tok.End.Offset, prev)
			}
			if src[tok.Pos.Offset:tok.End.Offset] != tok.Text {
				t.Fatalf("text %q does not match span", tok.Text)
			}
			prev = tok.End.Offset
			if tok.Kind == token.EOF {
				break
			}
		}
		if len(s.Errors) > MaxErrors {
			t.Fatalf("%d errors, cap is %d", len(s.Errors), MaxErrors)
		}
	})
}
