package lang

import (
	"testing"

	"github.com/azrule/azrule/arm/value"
)

func TestLikeMatch(t *testing.T) {
	cases := []struct {
		s, p string
		cs   bool
		want bool
	}{
		{"abc", "abc", false, true},
		{"abc", "ABC", false, true},
		{"abc", "ABC", true, false},
		{"abc", "a*", false, true},
		{"abc", "*c", false, true},
		{"abc", "*b*", false, true},
		{"abc", "a?c", false, true},
		{"abc", "a?", false, false},
		{"abc", "[ab]bc", false, true},
		{"abc", "[b-z]bc", false, false},
		{"a*c", "a`*c", false, true},
		{"abc", "a`*c", false, false},
		{"", "*", false, true},
		{"", "?", false, false},
		{"aaa", "*a*a*a*", false, true},
		{"ÄBC", "äbc", false, true},
		{"abc", "[", false, false},
	}
	for _, c := range cases {
		if got := likeMatch(c.s, c.p, c.cs); got != c.want {
			t.Errorf("like(%q, %q, %v) = %v", c.s, c.p, c.cs, got)
		}
	}
}

func TestCaseInsensitiveNonASCII(t *testing.T) {
	if !hasPrefix("Äpfel", "äp", false) || !hasSuffix("STRASSE-Ö", "-ö", false) || !containsStr("xÉy", "é", false) {
		t.Error("non-ASCII text does not fold")
	}
	if hasPrefix("Äpfel", "äp", true) {
		t.Error("case-sensitive prefix folded")
	}
}

func TestVersionParsing(t *testing.T) {
	for _, c := range []struct {
		s  string
		ok bool
	}{
		{"1.2.3", true}, {"v1.2.3", true}, {"1.2", true}, {"1", true}, {"1.2.3-beta.1+build", true},
		{"1.2.3-", false}, {"1..3", false}, {"a.b.c", false}, {"1.2.3.4", false}, {"", false},
	} {
		if _, ok := parseSemver(c.s); ok != c.ok {
			t.Errorf("parseSemver(%q) ok = %v", c.s, ok)
		}
	}
	for _, c := range []struct {
		s  string
		ok bool
	}{
		{"2023-01-01", true}, {"2023-01-01-preview", true}, {"2023-13-01", false}, {"2023-1-01", false}, {"2023-01-01preview", false},
	} {
		if _, ok := parseDateVersion(c.s); ok != c.ok {
			t.Errorf("parseDateVersion(%q) ok = %v", c.s, ok)
		}
	}
	a, _ := parseSemver("1.0.0-alpha")
	b, _ := parseSemver("1.0.0-alpha.1")
	c, _ := parseSemver("1.0.0-beta")
	d, _ := parseSemver("1.0.0")
	if !(a.compare(b) < 0 && b.compare(c) < 0 && c.compare(d) < 0) {
		t.Error("pre-release precedence")
	}
	if _, err := parseConstraint(">=1.0.0 ||", parseSemver, true); err == "" {
		t.Error("empty alternative accepted")
	}
	if _, err := parseConstraint("^2023-01-01", parseDateVersion, false); err == "" {
		t.Error("^ accepted for API versions")
	}
}

func TestEqualValues(t *testing.T) {
	s := func(v string) value.Value { return value.String{V: v} }
	i := func(v int64) value.Value { return value.Int{V: v} }
	cases := []struct {
		exp, act             value.Value
		cs, convExp, convAct bool
		want                 bool
	}{
		{s("a"), s("A"), false, true, false, true},
		{s("a"), s("A"), true, true, false, false},
		{s("5"), i(5), false, true, false, true},
		{s("5"), i(5), false, false, false, false},
		{i(5), s("5"), false, true, false, false},
		{i(5), s("5"), false, true, true, true},
		{value.Bool{V: true}, s("True"), false, true, true, true},
		{value.Null{}, value.Null{}, false, true, false, true},
		{value.Null{}, s(""), false, true, false, false},
		{value.Float{V: 1}, i(1), false, true, false, true},
	}
	for _, c := range cases {
		if got := equalValues(c.exp, c.act, c.cs, c.convExp, c.convAct); got != c.want {
			t.Errorf("equal(%v, %v, cs=%v, ce=%v, ca=%v) = %v", value.Render(c.exp), value.Render(c.act), c.cs, c.convExp, c.convAct, got)
		}
	}
}

func FuzzLike(f *testing.F) {
	f.Add("abc", "a*[b-c]?`")
	f.Fuzz(func(t *testing.T, s, p string) {
		likeMatch(s, p, false)
		likeMatch(s, p, true)
		if !likeMatch(s, "*", true) {
			t.Fatal("* must match everything")
		}
	})
}
