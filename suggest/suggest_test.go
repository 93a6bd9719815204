package suggest

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// plain is the textbook Levenshtein distance over runes, to check the
// banded one against.
func plain(a, b string) int {
	x, y := fold(a), fold(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
		}
	}
	return d[len(x)][len(y)]
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"", "", 2, 0},
		{"equals", "equals", 2, 0},
		{"Equals", "equals", 2, 0}, // case is ignored
		{"equal", "equals", 2, 1},
		{"outptu", "output", 2, 2}, // a transposition is two edits
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 2, 3}, // past the limit: limit+1
		{"a", "abcdef", 2, 3},       // lengths alone rule it out
		{"ÉTÉ", "été", 0, 0},        // case folding beyond ASCII
		{"café", "cafe", 2, 1},      // one code point is one edit
		{"abc", "xyz", -1, 1},       // a negative limit is 0
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

// TestDistanceMatchesPlain checks the band and the early exit against the
// full table on random words over a small alphabet (so near misses are
// common).
func TestDistanceMatchesPlain(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	word := func() string {
		n := r.Intn(9)
		b := make([]byte, n)
		for i := range b {
			b[i] = "abcA"[r.Intn(4)]
		}
		return string(b)
	}
	for i := 0; i < 20000; i++ {
		a, b, limit := word(), word(), r.Intn(5)
		want := min(plain(a, b), limit+1)
		if got := Distance(a, b, limit); got != want {
			t.Fatalf("Distance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
	}
}

func TestClosest(t *testing.T) {
	options := []string{"input", "rule", "baseline", "output", "execution", "suppression", "configuration"}
	tests := []struct {
		word       string
		candidates []string
		want       string
		ok         bool
	}{
		{"outptu", options, "output", true},
		{"RULES", options, "rule", true},
		{"frobnicate", options, "", false},
		{"", options, "", false}, // every option is more than two edits from nothing
		{"x", nil, "", false},
		{"ab", []string{"ax", "ay"}, "ax", true},       // a tie keeps the first
		{"ab", []string{"axy", "ab", "a"}, "ab", true}, // the nearest wins over the first
		{"pathIgnor", []string{"pathIgnore", "pathIgnored"}, "pathIgnore", true},
	}
	for _, tt := range tests {
		got, ok := Closest(tt.word, tt.candidates)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
	if got, ok := ClosestWithin("kitten", []string{"sitting"}, 3); !ok || got != "sitting" {
		t.Errorf("ClosestWithin 3 edits = %q, %v", got, ok)
	}
	if _, ok := ClosestWithin("kitten", []string{"sitting"}, 2); ok {
		t.Error("ClosestWithin 2 edits found a word 3 edits away")
	}
}

func TestWithin(t *testing.T) {
	names := []string{"IsWebApp", "IsWebs", "IsWeb", "IsFunction", "isweb"}
	got := Within("IsWbe", names, 3) // IsWebApp is four edits away
	if want := []string{"IsWebs", "IsWeb", "isweb"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Within = %q, want %q", got, want)
	}
	if got := Within("zzzzzz", names, 1); got != nil {
		t.Errorf("Within far = %q, want none", got)
	}
}

// TestLongWords checks that long words are compared, within the band, and
// that unequal lengths are dismissed without a table.
func TestLongWords(t *testing.T) {
	long := strings.Repeat("resource", 20000)
	if d := Distance(long, long+"s", 2); d != 1 {
		t.Errorf("long words one edit apart: %d", d)
	}
	if d := Distance(long, long[:len(long)-10], 2); d != 3 {
		t.Errorf("long words ten edits apart: %d", d)
	}
	if got, ok := Closest("Microsoft.Web/sites.properties.siteConfig.minTlsVersio", []string{"Microsoft.Web/sites.properties.siteConfig.minTlsVersion"}); !ok || got == "" {
		t.Error("a long name one edit away is suggested")
	}
}

func FuzzDistance(f *testing.F) {
	f.Add("kitten", "sitting", 3)
	f.Add("ÉTÉ", "été", 0)
	f.Fuzz(func(t *testing.T, a, b string, limit int) {
		if len(a) > 64 || len(b) > 64 {
			return // the full table below is quadratic
		}
		limit = limit % 8
		want := min(plain(a, b), max(limit, 0)+1)
		if got := Distance(a, b, limit); got != want {
			t.Fatalf("Distance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
	})
}
