package pathignore

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxPatternLength caps one pattern, in bytes. Longer input is reported
// rather than compiled.
const MaxPatternLength = 4096

// Pattern is one compiled gitignore line.
type Pattern struct {
	// Text is the pattern as written.
	Text string
	// Negate is set for a pattern written with a leading '!'.
	Negate bool
	// DirOnly is set for a pattern written with a trailing '/'.
	DirOnly bool
	// Anchored is set when the pattern has a '/' at the start or in the
	// middle, so that it matches from the root only.
	Anchored bool

	segs []segment
}

// PatternError reports a pattern that cannot be compiled. Index is the
// pattern's place in the list given to Compile, from 0.
type PatternError struct {
	Index   int
	Pattern string
	Message string
}

// Error renders the problem with the pattern quoted.
func (e *PatternError) Error() string {
	return fmt.Sprintf("path pattern %q: %s", e.Pattern, e.Message)
}

// segment is the part of a pattern between two slashes.
type segment struct {
	doubleStar bool // the whole segment is "**"
	toks       []token
}

type tokKind uint8

const (
	tokLit   tokKind = iota
	tokAny           // ?
	tokStar          // *
	tokClass         // [...]
)

type token struct {
	kind  tokKind
	r     rune
	class *charClass
}

// parseLine compiles one line. It returns nil, nil for a blank line or a
// comment.
func parseLine(text string) (*Pattern, error) {
	if len(text) > MaxPatternLength {
		return nil, fmt.Errorf("is longer than %d bytes", MaxPatternLength)
	}
	s := strings.TrimSuffix(text, "\r")
	s = trimTrailingSpaces(s)
	if s == "" || s[0] == '#' {
		return nil, nil
	}
	p := &Pattern{Text: text}
	if s[0] == '!' {
		p.Negate = true
		s = s[1:]
	}
	if strings.HasSuffix(s, "/") && !escapedAt(s, len(s)-1) {
		p.DirOnly = true
		s = strings.TrimRight(s, "/")
	}
	if strings.Contains(s, "/") {
		p.Anchored = true
		s = strings.TrimLeft(s, "/")
	}
	if s == "" {
		return nil, nil // "!", "/" and the like name nothing
	}
	if !p.Anchored {
		p.segs = append(p.segs, segment{doubleStar: true})
	}
	for _, part := range strings.Split(s, "/") {
		if part == "" {
			continue
		}
		if part == "**" {
			if n := len(p.segs); n > 0 && p.segs[n-1].doubleStar {
				continue // "**/**" is the same as "**"
			}
			p.segs = append(p.segs, segment{doubleStar: true})
			continue
		}
		toks, err := parseSegment(part)
		if err != nil {
			return nil, err
		}
		p.segs = append(p.segs, segment{toks: toks})
	}
	return p, nil
}

// trimTrailingSpaces drops trailing spaces that are not escaped with a
// backslash; an escaped one stays, without its backslash being removed
// here (the glob parser reads "\ " as a literal space).
func trimTrailingSpaces(s string) string {
	for len(s) > 0 && s[len(s)-1] == ' ' && !escapedAt(s, len(s)-1) {
		s = s[:len(s)-1]
	}
	return s
}

// escapedAt reports whether the byte at i is preceded by an odd number of
// backslashes.
func escapedAt(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

func parseSegment(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '\\':
			if i+1 >= len(s) {
				return nil, fmt.Errorf("ends with a backslash; write '\\\\' for a literal one")
			}
			r, size := utf8.DecodeRuneInString(s[i+1:])
			toks = append(toks, token{kind: tokLit, r: r})
			i += 1 + size
		case '*':
			if n := len(toks); n == 0 || toks[n-1].kind != tokStar {
				toks = append(toks, token{kind: tokStar})
			}
			i++
		case '?':
			toks = append(toks, token{kind: tokAny})
			i++
		case '[':
			cls, n, err := parseClass(s[i:])
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tokClass, class: cls})
			i += n
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			toks = append(toks, token{kind: tokLit, r: r})
			i += size
		}
	}
	return toks, nil
}

// matchSegment reports whether one path segment matches the tokens.
// Every token but '*' consumes one rune, so the classic single-backtrack
// wildcard algorithm is exact and runs in O(len(toks) * len(name)).
func matchSegment(toks []token, name string) bool {
	ti, ni := 0, 0
	starTi, starNi := -1, 0
	for ni < len(name) {
		r, size := utf8.DecodeRuneInString(name[ni:])
		if ti < len(toks) {
			t := toks[ti]
			switch t.kind {
			case tokStar:
				starTi, starNi = ti, ni
				ti++
				continue
			case tokAny:
				ti++
				ni += size
				continue
			case tokLit:
				if t.r == r {
					ti++
					ni += size
					continue
				}
			case tokClass:
				if t.class.matches(r) {
					ti++
					ni += size
					continue
				}
			}
		}
		if starTi < 0 {
			return false
		}
		// Let the last '*' swallow one more rune and retry after it.
		_, size = utf8.DecodeRuneInString(name[starNi:])
		starNi += size
		ti, ni = starTi+1, starNi
	}
	for ti < len(toks) && toks[ti].kind == tokStar {
		ti++
	}
	return ti == len(toks)
}

// match reports whether the pattern matches the path segments. dir says
// whether the path is a directory. It is a table over (pattern segment,
// path segment) pairs, so several "**" cost no backtracking.
func (p *Pattern) match(segs []string, dir bool) bool {
	if p.DirOnly && !dir {
		return false
	}
	np, ns := len(p.segs), len(segs)
	// next[j] is "p.segs[i+1:] matches segs[j:]"; cur is the same for i.
	next := make([]bool, ns+1)
	cur := make([]bool, ns+1)
	next[ns] = true
	for i := np - 1; i >= 0; i-- {
		sg := p.segs[i]
		for j := ns; j >= 0; j-- {
			switch {
			case sg.doubleStar && i == np-1:
				// A trailing "**" matches everything inside, not the
				// directory itself: at least one segment.
				cur[j] = ns-j >= 1
			case sg.doubleStar:
				cur[j] = next[j] || (j < ns && cur[j+1])
			default:
				cur[j] = j < ns && next[j+1] && matchSegment(sg.toks, segs[j])
			}
		}
		next, cur = cur, next
	}
	return next[0]
}

// Match reports whether the pattern itself matches rel (a forward-slash
// path relative to the root) without regard to Negate and without
// looking at ancestors: the pattern-level semantics gitignore(5)
// describes.
func (p *Pattern) Match(rel string, isDir bool) bool {
	segs := splitPath(rel)
	if len(segs) == 0 {
		return false
	}
	return p.match(segs, isDir)
}

// splitPath normalises rel ("./a//b/" -> [a b]).
func splitPath(rel string) []string {
	rel = strings.TrimPrefix(rel, "./")
	parts := strings.Split(rel, "/")
	out := parts[:0]
	for _, s := range parts {
		if s != "" && s != "." {
			out = append(out, s)
		}
	}
	return out
}
