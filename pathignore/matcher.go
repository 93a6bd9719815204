package pathignore

import "errors"

// MaxPatterns caps how many patterns one Matcher holds.
const MaxPatterns = 10000

// Matcher decides whether paths are ignored by a list of patterns. The
// zero Matcher and a nil *Matcher ignore nothing. A Matcher is safe for
// concurrent use.
type Matcher struct {
	patterns    []*Pattern
	hasNegation bool
}

// Compile compiles patterns in order; later patterns win over earlier
// ones. Blank lines and comments are skipped. Every bad pattern is
// reported: the error is a join of *PatternError values, one per bad
// pattern, and the Matcher holds the good ones.
func Compile(patterns []string) (*Matcher, error) {
	m := &Matcher{}
	var errs []error
	if len(patterns) > MaxPatterns {
		errs = append(errs, &PatternError{Index: MaxPatterns, Pattern: patterns[MaxPatterns],
			Message: "is past the limit of patterns; at most 10000 are read"})
		patterns = patterns[:MaxPatterns]
	}
	for i, text := range patterns {
		p, err := parseLine(text)
		if err != nil {
			errs = append(errs, &PatternError{Index: i, Pattern: text, Message: err.Error()})
			continue
		}
		if p == nil {
			continue
		}
		m.patterns = append(m.patterns, p)
		m.hasNegation = m.hasNegation || p.Negate
	}
	return m, errors.Join(errs...)
}

// Patterns returns the compiled patterns in order, without blank lines
// and comments. The slice must not be modified.
func (m *Matcher) Patterns() []*Pattern {
	if m == nil {
		return nil
	}
	return m.patterns
}

// Match reports whether rel is ignored. rel is relative to the root the
// patterns were written for, with forward slashes ("modules/app/main.bicep");
// a leading "./" and doubled slashes are tolerated. isDir says whether rel
// names a directory, for patterns with a trailing '/'.
//
// The path and then its ancestors, nearest first, are tried; the first
// that some pattern matches decides, the last matching pattern winning.
func (m *Matcher) Match(rel string, isDir bool) bool {
	if m == nil || len(m.patterns) == 0 {
		return false
	}
	segs := splitPath(rel)
	for n := len(segs); n > 0; n-- {
		dir := isDir || n < len(segs)
		if ignored, decided := m.verdict(segs[:n], dir); decided {
			return ignored
		}
	}
	return false
}

// verdict applies the patterns to one path: the last pattern that matches
// decides.
func (m *Matcher) verdict(segs []string, dir bool) (ignored, decided bool) {
	for i := len(m.patterns) - 1; i >= 0; i-- {
		p := m.patterns[i]
		if p.match(segs, dir) {
			return !p.Negate, true
		}
	}
	return false, false
}

// SkipDir reports whether a walker may skip the directory rel without
// reading it: it is ignored and no pattern could re-include anything
// below it. With negated patterns present a directory is never skipped,
// because a negation may name a file inside it (see the package doc).
func (m *Matcher) SkipDir(rel string) bool {
	if m == nil || m.hasNegation {
		return false
	}
	return m.Match(rel, true)
}
