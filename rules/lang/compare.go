package lang

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/azrule/azrule/arm/value"
)

// These helpers follow PSRule's ExpressionHelpers: the expected value (from
// the rule) may be converted, the actual value (from the target) only when
// the condition sets convert: true.

// asString returns v as a string. With convert, integers, numbers and
// booleans convert as .NET prints them ("True", "False").
func asString(v value.Value, convert bool) (string, bool) {
	switch v := v.(type) {
	case value.String:
		return v.V, true
	case value.Int:
		if convert {
			return strconv.FormatInt(v.V, 10), true
		}
	case value.Float:
		if convert {
			return strconv.FormatFloat(v.V, 'f', -1, 64), true
		}
	case value.Bool:
		if convert {
			return dotnetBool(v.V), true
		}
	}
	return "", false
}

func dotnetBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// asBool returns v as a boolean. With convert, the strings "true" and
// "false" (any case) convert.
func asBool(v value.Value, convert bool) (bool, bool) {
	switch v := v.(type) {
	case value.Bool:
		return v.V, true
	case value.String:
		if convert {
			switch strings.ToLower(strings.TrimSpace(v.V)) {
			case "true":
				return true, true
			case "false":
				return false, true
			}
		}
	}
	return false, false
}

// asInt returns v as a 64-bit integer. A number with no fraction counts;
// with convert, a string holding an integer converts.
func asInt(v value.Value, convert bool) (int64, bool) {
	switch v := v.(type) {
	case value.Int:
		return v.V, true
	case value.Float:
		if convert && v.V == math.Trunc(v.V) && math.Abs(v.V) < 1<<62 {
			return int64(v.V), true
		}
	case value.String:
		if convert {
			n, err := strconv.ParseInt(strings.TrimSpace(v.V), 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}

// asFloat returns v as a number; with convert, a numeric string converts.
func asFloat(v value.Value, convert bool) (float64, bool) {
	switch v := v.(type) {
	case value.Int:
		return float64(v.V), true
	case value.Float:
		return v.V, true
	case value.String:
		if convert {
			f, err := strconv.ParseFloat(strings.TrimSpace(v.V), 64)
			return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
		}
	}
	return 0, false
}

// isoDateLayouts are the forms a JSON reader treats as dates without any
// conversion (Newtonsoft's ISO 8601 handling, which PSRule inherits).
var isoDateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04:05.9999999"}

// convertDateLayouts are further forms accepted with convert: true.
var convertDateLayouts = []string{"2006-01-02", "2006-01-02 15:04:05", "01/02/2006", "01/02/2006 15:04:05", time.RFC1123, time.RFC1123Z}

// asDateTime returns v as a time. An ISO 8601 date-time string counts
// without conversion; with convert, plain dates and other common layouts
// parse too, and an integer is that many days from now.
func asDateTime(v value.Value, convert bool, now time.Time) (time.Time, bool) {
	switch v := v.(type) {
	case value.String:
		s := strings.TrimSpace(v.V)
		for _, l := range isoDateLayouts {
			if t, err := time.Parse(l, s); err == nil {
				return t, true
			}
		}
		if convert {
			for _, l := range convertDateLayouts {
				if t, err := time.Parse(l, s); err == nil {
					return t, true
				}
			}
		}
	case value.Int:
		if convert && v.V > -1e6 && v.V < 1e6 {
			return now.AddDate(0, 0, int(v.V)), true
		}
	}
	return time.Time{}, false
}

func strEqual(a, b string, caseSensitive bool) bool {
	if caseSensitive {
		return a == b
	}
	return strings.EqualFold(a, b)
}

func isNull(v value.Value) bool {
	_, ok := v.(value.Null)
	return v == nil || ok
}

// equalValues is PSRule's Equal(expected, actual, caseSensitive,
// convertExpected, convertActual): strings first, then booleans, then
// integers, then arrays element by element, then deep equality.
func equalValues(expected, actual value.Value, caseSensitive, convertExpected, convertActual bool) bool {
	en, an := isNull(expected), isNull(actual)
	if en || an {
		return en && an
	}
	if s1, ok := expected.(value.String); ok {
		if s2, ok := asString(actual, convertActual); ok {
			return strEqual(s1.V, s2, caseSensitive)
		}
	}
	if b1, ok := asBool(expected, convertExpected); ok {
		if b2, ok := asBool(actual, convertActual); ok {
			return b1 == b2
		}
	}
	if i1, ok := asInt(expected, convertExpected); ok {
		if i2, ok := asInt(actual, convertActual); ok {
			return i1 == i2
		}
	}
	if f1, ok := asFloat(expected, false); ok {
		if f2, ok := asFloat(actual, convertActual); ok {
			return f1 == f2
		}
	}
	a1, ok1 := expected.(*value.Array)
	a2, ok2 := actual.(*value.Array)
	if ok1 && ok2 {
		if len(a1.Elems) != len(a2.Elems) {
			return false
		}
		for i := range a1.Elems {
			if !value.Equal(a1.Elems[i], a2.Elems[i]) {
				return false
			}
		}
		return true
	}
	return value.Equal(expected, actual)
}

// anyValue is PSRule's AnyValue: whether actual, or any element of actual
// when it is an array, equals expected.
func anyValue(actual, expected value.Value, caseSensitive bool) bool {
	if arr, ok := actual.(*value.Array); ok {
		for _, e := range arr.Elems {
			if equalValues(expected, e, caseSensitive, false, false) {
				return true
			}
		}
	}
	return equalValues(expected, actual, caseSensitive, false, false)
}

// countValue counts the elements of actual equal to expected (or 1 when
// actual is not an array and equals it).
func countValue(actual, expected value.Value, caseSensitive bool) int {
	if arr, ok := actual.(*value.Array); ok {
		n := 0
		for _, e := range arr.Elems {
			if equalValues(expected, e, caseSensitive, false, false) {
				n++
			}
		}
		return n
	}
	if equalValues(expected, actual, caseSensitive, false, false) {
		return 1
	}
	return 0
}

// nullOrEmpty is PSRule's NullOrEmpty: null, an empty string, an empty
// array or an empty object.
func nullOrEmpty(v value.Value) bool {
	switch v := v.(type) {
	case nil, value.Null:
		return true
	case value.String:
		return v.V == ""
	case *value.Array:
		return len(v.Elems) == 0
	case *value.Object:
		return v.Len() == 0
	}
	return false
}

// compareNumeric compares actual with the integer n as PSRule's
// CompareNumeric does: numbers numerically (numeric strings only with
// convert), dates against n days from now, strings by length, arrays by
// element count.
func compareNumeric(actual value.Value, n int64, convert bool, now time.Time) (int, bool) {
	if i, ok := asInt(actual, convert); ok {
		return cmp3(i, n), true
	}
	if f, ok := asFloat(actual, convert); ok {
		switch {
		case f < float64(n):
			return -1, true
		case f > float64(n):
			return 1, true
		}
		return 0, true
	}
	if convert {
		if t, ok := asDateTime(actual, true, now); ok {
			return t.Compare(now.AddDate(0, 0, int(clamp(n, -1e6, 1e6)))), true
		}
	}
	switch a := actual.(type) {
	case value.String:
		return cmp3(int64(len([]rune(a.V))), n), true
	case *value.Array:
		return cmp3(int64(len(a.Elems)), n), true
	}
	return 0, false
}

func cmp3(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func clamp(n, lo, hi int64) int64 {
	return max(lo, min(n, hi))
}

// hasPrefix, hasSuffix and containsStr compare without regard to case
// unless caseSensitive. ASCII text, the common case, is compared in place;
// other text is case-folded first.
func hasPrefix(s, p string, caseSensitive bool) bool {
	if caseSensitive {
		return strings.HasPrefix(s, p)
	}
	if isASCII(s) && isASCII(p) {
		return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
	}
	return strings.HasPrefix(strings.ToLower(s), strings.ToLower(p))
}

func hasSuffix(s, p string, caseSensitive bool) bool {
	if caseSensitive {
		return strings.HasSuffix(s, p)
	}
	if isASCII(s) && isASCII(p) {
		return len(s) >= len(p) && strings.EqualFold(s[len(s)-len(p):], p)
	}
	return strings.HasSuffix(strings.ToLower(s), strings.ToLower(p))
}

func containsStr(s, p string, caseSensitive bool) bool {
	if caseSensitive {
		return strings.Contains(s, p)
	}
	if isASCII(s) && isASCII(p) {
		for i := 0; i+len(p) <= len(s); i++ {
			if strings.EqualFold(s[i:i+len(p)], p) {
				return true
			}
		}
		return false
	}
	return strings.Contains(strings.ToLower(s), strings.ToLower(p))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// isLower reports whether every letter of s is lower case (other
// characters are ignored), as PSRule's IsLower with requireLetters false.
func isLower(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func isUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// likeMatch matches s against a PowerShell wildcard pattern: '*' any run,
// '?' one character, '[abc]' and '[a-z]' a set, '`' escapes the next
// character. The whole string must match.
func likeMatch(s, pattern string, caseSensitive bool) bool {
	if !caseSensitive {
		s, pattern = strings.ToLower(s), strings.ToLower(pattern)
	}
	return wildcard([]rune(s), []rune(pattern))
}

func wildcard(s, p []rune) bool {
	// Iterative matcher with one backtrack point for '*', linear in
	// practice and never recursive.
	si, pi := 0, 0
	starP, starS := -1, 0
	for si < len(s) {
		if pi < len(p) {
			if n, ok := matchOne(s[si], p, pi); ok {
				si++
				pi += n
				continue
			}
			if p[pi] == '*' {
				starP, starS = pi, si
				pi++
				continue
			}
		}
		if starP >= 0 {
			starS++
			si = starS
			pi = starP + 1
			continue
		}
		return false
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// matchOne matches one character c at pattern position pi, returning the
// pattern width consumed.
func matchOne(c rune, p []rune, pi int) (int, bool) {
	switch p[pi] {
	case '*':
		return 0, false
	case '?':
		return 1, true
	case '`':
		if pi+1 < len(p) {
			return 2, p[pi+1] == c
		}
		return 1, c == '`'
	case '[':
		end := -1
		for j := pi + 1; j < len(p); j++ {
			if p[j] == ']' && j > pi+1 {
				end = j
				break
			}
		}
		if end < 0 {
			return 1, c == '['
		}
		set := p[pi+1 : end]
		for j := 0; j < len(set); j++ {
			if j+2 < len(set) && set[j+1] == '-' {
				if c >= set[j] && c <= set[j+2] {
					return end - pi + 1, true
				}
				j += 2
				continue
			}
			if set[j] == c {
				return end - pi + 1, true
			}
		}
		return end - pi + 1, false
	}
	return 1, p[pi] == c
}

// normalizePath turns a file path into the slash-separated relative form
// used by withinPath: backslashes become slashes and a leading "./" goes.
func normalizePath(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	return p
}

// withinPath reports whether file is inside dir (or is dir itself).
func withinPath(file, dir string, caseSensitive bool) bool {
	file, dir = normalizePath(file), normalizePath(dir)
	if dir == "" || dir == "." || dir == "/" && strings.HasPrefix(file, "/") {
		return true
	}
	if !strings.HasSuffix(dir, "/") {
		if strEqual(file, dir, caseSensitive) {
			return true
		}
		dir += "/"
	}
	return hasPrefix(file, dir, caseSensitive)
}
