package eval

import (
	"errors"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

func parseStringFile(t *testing.T, raw string) value.String {
	t.Helper()
	v, err := jsonc.Parse(source.NewFile("p.json", []byte(raw)))
	if err != nil {
		t.Fatal(err)
	}
	return v.(value.String)
}

// TestOffsetTableMatchesStringPos: for escapes within the Basic
// Multilingual Plane the table agrees with jsonc.StringPos at every
// character start (tokens never start inside a character).
func TestOffsetTableMatchesStringPos(t *testing.T) {
	s := parseStringFile(t, `"[concat('a\"b', '\u00e9\n', \/'x')]"`)
	table := jsonc.StringOffsets(s)
	if table == nil {
		t.Fatal("no table")
	}
	for i := 0; i <= len(s.V); i++ {
		if i < len(s.V) && s.V[i]&0xC0 == 0x80 {
			continue
		}
		if got, want := s.At.File.Pos(table[i]), jsonc.StringPos(s, i); got != want {
			t.Errorf("offset %d: table %v, StringPos %v", i, got, want)
		}
	}
}

// TestPositionAfterSurrogatePair: a character written as a surrogate
// pair (12 bytes in the file, 4 decoded) does not shift later positions.
func TestPositionAfterSurrogatePair(t *testing.T) {
	s := parseStringFile(t, `"[concat('\ud83d\ude00', foo())]"`)
	_, err := EvalString(s, newTestEnv())
	var se *source.Error
	if !errors.As(err, &se) {
		t.Fatalf("want a positioned error, got %v", err)
	}
	// foo starts after the 24 bytes of "[concat('\ud83d\ude00', " plus
	// the opening quote: column 26.
	if got := se.Pos.String(); got != "p.json:1:26" {
		t.Errorf("error at %s, want p.json:1:26", got)
	}
}

// TestSyntaxErrorAfterSurrogatePair: syntax errors are placed the same way.
func TestSyntaxErrorAfterSurrogatePair(t *testing.T) {
	s := parseStringFile(t, `"[concat('\ud83d\ude00' 'x')]"`)
	_, err := EvalString(s, newTestEnv())
	var se *source.Error
	if !errors.As(err, &se) || se.Pos.String() != "p.json:1:25" {
		t.Errorf("syntax error %v, want it at p.json:1:25", err)
	}
}
