package eval

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
)

func joinParts(parts []textPart) string {
	var b strings.Builder
	for _, p := range parts {
		if p.hole {
			b.WriteString("{{" + p.text + "}}")
		} else {
			b.WriteString(p.text)
		}
	}
	return b.String()
}

func TestSplitPlaceholders(t *testing.T) {
	cases := []struct {
		in    string
		holes int
	}{
		{"plain", 0},
		{"{{parameters('x')}}", 1},
		{"mlw-{{parameters('x')}}-{{variables('y')}}", 2},
		{"{{f('{{x}}')}}", 1},
		{"a{{unclosed", 0},
		{"{{}}", 1},
		{"}}{{", 0},
		{"", 0},
	}
	for _, tc := range cases {
		parts := splitPlaceholders(tc.in)
		holes := 0
		for _, p := range parts {
			if p.hole {
				holes++
			}
		}
		if holes != tc.holes {
			t.Errorf("%q: %d holes, want %d", tc.in, holes, tc.holes)
		}
		if got := joinParts(parts); got != tc.in {
			t.Errorf("%q: parts join back to %q", tc.in, got)
		}
	}
	if got := placeholderExpr("mlw-{{parameters('x')}}"); got != "concat('mlw-', parameters('x'))" {
		t.Errorf("placeholderExpr: %s", got)
	}
	if got := placeholderExpr("it's"); got != "'it''s'" {
		t.Errorf("placeholderExpr of a literal: %s", got)
	}
}

// FuzzSplitPlaceholders: any text splits without panicking into parts
// that join back to it.
func FuzzSplitPlaceholders(f *testing.F) {
	for _, s := range []string{"a{{b}}c", "{{{{x}}}}", "}}{{", "{{a}}{{"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := joinParts(splitPlaceholders(s)); got != s {
			t.Fatalf("%q joins back to %q", s, got)
		}
		_ = placeholderExpr(s)
	})
}

// TestPlaceholderTextIsBounded: a large array holding an Unknown prints
// only its first elements in the placeholder.
func TestPlaceholderTextIsBounded(t *testing.T) {
	v, err := run(t, newTestEnv(), "[union(concat(range(0, 5000), createArray(parameters('missing'))), parameters('missing'))]")
	if err != nil {
		t.Fatal(err)
	}
	u, ok := v.(value.Unknown)
	if !ok {
		t.Fatalf("want Unknown, got %s", render(v))
	}
	if len(u.Text) > 400 || !strings.Contains(u.Text, "...") {
		t.Errorf("placeholder of %d bytes: %.200s", len(u.Text), u.Text)
	}
}

// TestUnknownTextIsClipped: a loop building on an Unknown keeps a bounded
// placeholder.
func TestUnknownTextIsClipped(t *testing.T) {
	v, err := run(t, newTestEnv(), "[reduce(range(0, 3000), 0, lambda('c', 'n', add(lambdaVariables('c'), parameters('missing'))))]")
	if err != nil {
		t.Fatal(err)
	}
	u, ok := v.(value.Unknown)
	if !ok {
		t.Fatalf("want Unknown, got %s", render(v))
	}
	if len(u.Text) > maxUnknownText+8 || !strings.HasSuffix(u.Text, "...}}") || !strings.HasPrefix(u.Text, "{{add(add(") {
		t.Errorf("placeholder of %d bytes: %.80s...%s", len(u.Text), u.Text, u.Text[len(u.Text)-10:])
	}
}
