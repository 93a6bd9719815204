package pathignore

import (
	"errors"
	"strings"
	"testing"
)

// TestPatternMatch checks pattern-level semantics against the examples in
// gitignore(5): one pattern, one path, no ancestors.
func TestPatternMatch(t *testing.T) {
	tests := []struct {
		pattern string
		path    string
		dir     bool
		want    bool
	}{
		// "hello.*" matches any file or directory whose name begins with hello.
		{"hello.*", "hello.txt", false, true},
		{"hello.*", "src/hello.c", false, true},
		{"hello.*", "hello", false, false},
		// "foo/" matches a directory foo, not a file foo.
		{"foo/", "foo", true, true},
		{"foo/", "foo", false, false},
		{"foo/", "a/foo", true, true},
		// "doc/frotz/" matches doc/frotz but not a/doc/frotz.
		{"doc/frotz/", "doc/frotz", true, true},
		{"doc/frotz/", "a/doc/frotz", true, false},
		{"frotz/", "a/frotz", true, true},
		// "doc/frotz" and "/doc/frotz" have the same effect.
		{"doc/frotz", "doc/frotz", false, true},
		{"/doc/frotz", "doc/frotz", false, true},
		{"/doc/frotz", "a/doc/frotz", false, false},
		// "foo/*" matches foo/test.json and the directory foo/bar, not
		// foo/bar/hello.c.
		{"foo/*", "foo/test.json", false, true},
		{"foo/*", "foo/bar", true, true},
		{"foo/*", "foo/bar/hello.c", false, false},
		// Leading "**/" matches in all directories.
		{"**/foo", "foo", false, true},
		{"**/foo", "a/b/foo", true, true},
		{"**/foo/bar", "x/foo/bar", false, true},
		{"**/foo/bar", "foo/bar", false, true},
		{"**/foo/bar", "foo/x/bar", false, false},
		// Trailing "/**" matches everything inside, not the directory.
		{"abc/**", "abc/x", false, true},
		{"abc/**", "abc/x/y/z", false, true},
		{"abc/**", "abc", true, false},
		// "/**/" matches zero or more directories.
		{"a/**/b", "a/b", false, true},
		{"a/**/b", "a/x/b", false, true},
		{"a/**/b", "a/x/y/b", false, true},
		{"a/**/b", "a/x/y/c", false, false},
		// Other consecutive asterisks are ordinary stars.
		{"foo**bar", "fooxbar", false, true},
		{"foo**bar", "foo/bar", false, false},
		// '*' and '?' do not match '/'.
		{"a*c", "abbc", false, true},
		{"/a*c", "ab/c", false, false},
		{"a?c", "abc", false, true},
		{"a?c", "ac", false, false},
		{"/a?c", "a/c", false, false},
		// Character classes.
		{"*.[oa]", "lib/x.o", false, true},
		{"*.[oa]", "x.a", false, true},
		{"*.[oa]", "x.c", false, false},
		{"[a-c]x", "bx", false, true},
		{"[a-c]x", "dx", false, false},
		{"[!a-c]x", "dx", false, true},
		{"[^a-c]x", "ax", false, false},
		{"[]]x", "]x", false, true},
		{"[[:digit:]]*.json", "1main.json", false, true},
		{"[[:digit:]]*.json", "main.json", false, false},
		{"[a\\-z]", "-", false, true},
		{"[a-]", "-", false, true},
		// Escapes.
		{"\\#file", "#file", false, true},
		{"\\!important!.txt", "!important!.txt", false, true},
		{"\\*", "*", false, true},
		{"\\*", "x", false, false},
		// Trailing spaces are dropped unless escaped.
		{"foo  ", "foo", false, true},
		{"foo\\ ", "foo ", false, true},
		{"foo\\ ", "foo", false, false},
		// Matching is case-sensitive.
		{"*.JSON", "a.json", false, false},
		// Names with multi-byte characters.
		{"d?t.bicep", "dét.bicep", false, true},
		{"*é*", "café.json", false, true},
		// Paths are normalised.
		{"/a/b", "./a//b/", false, true},
		// "**" alone matches every path.
		{"**", "a", false, true},
		{"**", "a/b/c", false, true},
	}
	for _, tt := range tests {
		m, err := Compile([]string{tt.pattern})
		if err != nil {
			t.Errorf("Compile(%q): %v", tt.pattern, err)
			continue
		}
		ps := m.Patterns()
		if len(ps) != 1 {
			t.Errorf("Compile(%q): %d patterns, want 1", tt.pattern, len(ps))
			continue
		}
		if got := ps[0].Match(tt.path, tt.dir); got != tt.want {
			t.Errorf("pattern %q on %q (dir=%v) = %v, want %v", tt.pattern, tt.path, tt.dir, got, tt.want)
		}
	}
}

// TestMatcher checks whole-list decisions: last match wins, negation,
// ancestors, comments and blank lines.
func TestMatcher(t *testing.T) {
	tests := []struct {
		name     string
		patterns []string
		path     string
		dir      bool
		want     bool
	}{
		{"no patterns", nil, "a.json", false, false},
		{"comment is not a pattern", []string{"# a.json"}, "# a.json", false, false},
		{"blank line", []string{"", "   "}, "a", false, false},
		{"extension", []string{"*.md"}, "docs/readme.md", false, true},
		{"negation re-includes", []string{"*.html", "!foo.html"}, "foo.html", false, false},
		{"negation leaves others", []string{"*.html", "!foo.html"}, "bar.html", false, true},
		{"last match wins", []string{"!foo.html", "*.html"}, "foo.html", false, true},
		{"dir pattern ignores contents", []string{"out/"}, "out/main.json", false, true},
		{"dir pattern deep contents", []string{"out/"}, "src/out/a/b.json", false, true},
		{"dir pattern not a file", []string{"out/"}, "out", false, false},
		{"foo/* ignores deeper files through their directory", []string{"foo/*"}, "foo/bar/hello.c", false, true},
		// gitignore(5): exclude everything except directory foo/bar.
		{"except foo/bar: kept", []string{"/*", "!/foo", "/foo/*", "!/foo/bar"}, "foo/bar/x.json", false, false},
		{"except foo/bar: sibling", []string{"/*", "!/foo", "/foo/*", "!/foo/bar"}, "foo/baz/x.json", false, true},
		{"except foo/bar: top", []string{"/*", "!/foo", "/foo/*", "!/foo/bar"}, "x.json", false, true},
		// PSRule's documented example: ignore all but deploy.bicep files.
		{"psrule all but deploy.bicep: kept", []string{"*", "!**/deploy.bicep"}, "modules/app/deploy.bicep", false, false},
		{"psrule all but deploy.bicep: other", []string{"*", "!**/deploy.bicep"}, "modules/app/main.bicep", false, true},
		{"psrule ** with exceptions", []string{"**", "!deployments/**/*.bicepparam", "!deployments/**/main.bicep"}, "deployments/dev/main.bicep", false, false},
		{"psrule ** with exceptions: other", []string{"**", "!deployments/**/*.bicepparam"}, "deployments/dev/x.json", false, true},
		{"psrule configuring-expansion example", []string{"out/", "modules/**/*.bicep"}, "modules/a/b/c.bicep", false, true},
		// A negated directory does not re-include a file that a pattern
		// matches by itself (git and PSRule agree).
		{"negated dir, file matched itself", []string{"*.log", "!important/"}, "important/a.log", false, true},
		{"escaped bang", []string{"\\!x"}, "!x", false, true},
		{"anchored pattern not deeper", []string{"/main.json"}, "sub/main.json", false, false},
		{"dir flag on path", []string{"build/"}, "build", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Compile(tt.patterns)
			if err != nil {
				t.Fatal(err)
			}
			if got := m.Match(tt.path, tt.dir); got != tt.want {
				t.Errorf("Match(%q, %v) = %v, want %v", tt.path, tt.dir, got, tt.want)
			}
		})
	}
}

func TestNilMatcher(t *testing.T) {
	var m *Matcher
	if m.Match("a", false) || m.SkipDir("a") || m.Patterns() != nil {
		t.Fatal("nil matcher must ignore nothing")
	}
}

func TestSkipDir(t *testing.T) {
	m, _ := Compile([]string{"out/", "*.md"})
	if !m.SkipDir("out") {
		t.Error("out/ should be skippable")
	}
	if m.SkipDir("src") {
		t.Error("src is not ignored")
	}
	m, _ = Compile([]string{"*", "!**/deploy.bicep"})
	if m.SkipDir("modules") {
		t.Error("a directory must not be skipped while a negation could re-include a file in it")
	}
	if !m.Match("modules", true) {
		t.Error("modules itself is matched by '*'")
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		pattern string
		want    string
	}{
		{"[abc", "no closing ']'"},
		{"a\\", "ends with a backslash"},
		{"[z-a]", "backwards"},
		{"[[:nope:]]", "unknown character class [:nope:]"},
		{strings.Repeat("a", MaxPatternLength+1), "longer than"},
	}
	for _, tt := range tests {
		m, err := Compile([]string{"good", tt.pattern})
		if err == nil {
			t.Errorf("Compile(%q): no error", tt.pattern)
			continue
		}
		var pe *PatternError
		if !errors.As(err, &pe) {
			t.Errorf("Compile(%q): error %T is not a *PatternError", tt.pattern, err)
			continue
		}
		if pe.Index != 1 || !strings.Contains(pe.Message, tt.want) {
			t.Errorf("Compile(%q): got index %d %q, want index 1 containing %q", tt.pattern, pe.Index, pe.Message, tt.want)
		}
		if len(m.Patterns()) != 1 {
			t.Errorf("Compile(%q): the good pattern should be kept", tt.pattern)
		}
	}
}

func TestCompileReportsEveryBadPattern(t *testing.T) {
	_, err := Compile([]string{"[a", "ok", "b\\"})
	var idx []int
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		idx = append(idx, e.(*PatternError).Index)
	}
	if len(idx) != 2 || idx[0] != 0 || idx[1] != 2 {
		t.Fatalf("bad pattern indexes = %v, want [0 2]", idx)
	}
}

func FuzzMatch(f *testing.F) {
	f.Add("a/**/b*[!x]?", "a/c/bd/e")
	f.Add("[[:alpha:]", "x")
	f.Fuzz(func(t *testing.T, pattern, path string) {
		m, _ := Compile([]string{pattern})
		m.Match(path, false)
		m.Match(path, true)
		m.SkipDir(path)
	})
}

func BenchmarkMatch(b *testing.B) {
	m, err := Compile([]string{"*.md", "out/", "!docs/**/keep.md", "**/testdata/**", "/.git", "modules/**/*.test.bicep"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m.Match("modules/network/vnet/tests/e2e/main.test.bicep", false)
	}
}

// TestMatcherRegistryStyle mirrors how module registries use pathIgnore:
// ignore everything, then re-include one kind of test file at any depth.
func TestMatcherRegistryStyle(t *testing.T) {
	m, err := Compile([]string{"*", "!**/default/main.test.bicep"})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{
		"avm/res/key-vault/vault/tests/e2e/default/main.test.bicep": false,
		"avm/res/key-vault/vault/tests/e2e/max/main.test.bicep":     true,
		"avm/res/key-vault/vault/main.bicep":                        true,
		"avm/res/key-vault/vault/main.json":                         true,
		"main.test.bicep":                                           true,
		"default/main.test.bicep":                                   false,
	} {
		if got := m.Match(path, false); got != want {
			t.Errorf("Match(%q) = %v, want %v", path, got, want)
		}
	}
}
