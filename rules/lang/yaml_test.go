package lang

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/source"
)

// TestYAMLByteOrderMark: positions on the first line of a file that starts
// with a byte order mark are those of the text, not three bytes early.
func TestYAMLByteOrderMark(t *testing.T) {
	src := "\xef\xbb\xbfapiVersion: other/v1\nkind: Rule\n"
	f, errs := ParseFile(source.NewFile("r.yaml", []byte(src)))
	if len(errs) != 0 || len(f.Warnings) != 1 {
		t.Fatalf("errors %v, warnings %v", errs, f.Warnings)
	}
	if got, want := f.Warnings[0].Pos.Offset, strings.Index(src, "apiVersion"); got != want {
		t.Errorf("warning at offset %d, want %d", got, want)
	}
}

// TestYAMLSyntaxLines: yaml.v3 numbers scanner errors from 1 and parser
// errors from 0; both are reported on the line at fault.
func TestYAMLSyntaxLines(t *testing.T) {
	tests := []struct{ src, want string }{
		{"apiVersion: x\nkind: |x\n  t\n", "r.yaml:2:1: invalid YAML: did not find expected comment or line break"},
		{"apiVersion: x\nkind: !y!z d\n", "r.yaml:2:1: invalid YAML: found undefined tag handle"},
		{"apiVersion: x\nkind: *k\n", "r.yaml:2:7: invalid YAML: unknown anchor 'k' referenced"},
	}
	for _, tt := range tests {
		_, errs := ParseFile(source.NewFile("r.yaml", []byte(tt.src)))
		if len(errs) != 1 || errs[0].Error() != tt.want {
			t.Errorf("%q: got %v\nwant %s", tt.src, errs, tt.want)
		}
	}
}
