package lang

import (
	"strconv"
	"strings"
)

// ver is a parsed version: a semantic version (major.minor.patch) or an
// Azure API version (year-month-day) held in the same three numbers, with
// its pre-release identifiers ("beta.1", "preview").
type ver struct {
	n   [3]int64
	pre []string
}

func (a ver) compare(b ver) int {
	for i := range a.n {
		if c := cmp3(a.n[i], b.n[i]); c != 0 {
			return c
		}
	}
	return comparePre(a.pre, b.pre)
}

// comparePre orders pre-release identifiers as semantic versioning does:
// a release is above any of its pre-releases, numeric identifiers compare
// as numbers and below alphanumeric ones, a longer list wins a tie.
func comparePre(a, b []string) int {
	switch {
	case len(a) == 0 && len(b) == 0:
		return 0
	case len(a) == 0:
		return 1
	case len(b) == 0:
		return -1
	}
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := a[i], b[i]
		xn, xerr := strconv.ParseInt(x, 10, 64)
		yn, yerr := strconv.ParseInt(y, 10, 64)
		switch {
		case xerr == nil && yerr == nil:
			if c := cmp3(xn, yn); c != 0 {
				return c
			}
		case xerr == nil:
			return -1
		case yerr == nil:
			return 1
		default:
			if c := strings.Compare(strings.ToLower(x), strings.ToLower(y)); c != 0 {
				return c
			}
		}
	}
	return cmp3(int64(len(a)), int64(len(b)))
}

type cmpOp uint8

const (
	opEq cmpOp = iota
	opGt
	opGe
	opLt
	opLe
	opAny
)

type comparator struct {
	op cmpOp
	v  ver
}

func (c comparator) accepts(v ver) bool {
	if c.op == opAny {
		return true
	}
	r := v.compare(c.v)
	switch c.op {
	case opEq:
		return r == 0
	case opGt:
		return r > 0
	case opGe:
		return r >= 0
	case opLt:
		return r < 0
	case opLe:
		return r <= 0
	}
	return false
}

// constraint is a version constraint: sets of comparators joined by "||";
// within a set, separated by spaces, all must accept.
type constraint struct {
	sets [][]comparator
	// pre is set by a trailing "@pre" or "@prerelease": pre-release
	// versions are then accepted as if includePrerelease were set.
	pre   bool
	parse func(string) (ver, bool)
}

// accepts reports whether v meets the constraint. A pre-release version
// only meets a set when pre-releases are included or a comparator of that
// set names a pre-release of the same version, as in npm and PSRule.
func (c *constraint) accepts(v ver, includePre bool) bool {
	includePre = includePre || c.pre
	for _, set := range c.sets {
		ok := true
		samePre := false
		for _, cmp := range set {
			if !cmp.accepts(v) {
				ok = false
				break
			}
			if len(cmp.v.pre) > 0 && cmp.v.n == v.n {
				samePre = true
			}
		}
		if ok && (len(v.pre) == 0 || includePre || samePre) {
			return true
		}
	}
	return false
}

func compileSemver(c *cond) string {
	k, err := parseConstraint(c.strs[0], parseSemver, true)
	if err != "" {
		return "invalid version constraint " + strconv.Quote(c.strs[0]) + ": " + err
	}
	c.version = k
	return ""
}

func compileDateVersion(c *cond) string {
	k, err := parseConstraint(c.strs[0], parseDateVersion, false)
	if err != "" {
		return "invalid API version constraint " + strconv.Quote(c.strs[0]) + ": " + err
	}
	c.version = k
	return ""
}

// parseConstraint reads "=1.2.3", ">=1.0.0 <2.0.0", "^1.2", "~1.2.3",
// "1.0.0 || 2.0.0", "*" and a trailing "@pre"; API versions take the same
// operators over dates ("<2023-01-01", ">=2022-09-01-preview") but not ^
// and ~.
func parseConstraint(s string, parse func(string) (ver, bool), ranges bool) (*constraint, string) {
	k := &constraint{parse: parse}
	s = strings.TrimSpace(s)
	for _, suffix := range []string{"@prerelease", "@pre"} {
		if strings.HasSuffix(strings.ToLower(s), suffix) {
			k.pre = true
			s = strings.TrimSpace(s[:len(s)-len(suffix)])
			break
		}
	}
	if s == "" {
		k.sets = [][]comparator{{{op: opAny}}}
		return k, ""
	}
	for _, part := range strings.Split(s, "||") {
		var set []comparator
		for _, tok := range strings.Fields(part) {
			cs, err := parseComparator(tok, parse, ranges)
			if err != "" {
				return nil, err
			}
			set = append(set, cs...)
		}
		if len(set) == 0 {
			return nil, "empty alternative around '||'"
		}
		k.sets = append(k.sets, set)
	}
	return k, ""
}

func parseComparator(tok string, parse func(string) (ver, bool), ranges bool) ([]comparator, string) {
	if tok == "*" {
		return []comparator{{op: opAny}}, ""
	}
	op := opEq
	rest := tok
	switch {
	case strings.HasPrefix(tok, ">="):
		op, rest = opGe, tok[2:]
	case strings.HasPrefix(tok, "<="):
		op, rest = opLe, tok[2:]
	case strings.HasPrefix(tok, ">"):
		op, rest = opGt, tok[1:]
	case strings.HasPrefix(tok, "<"):
		op, rest = opLt, tok[1:]
	case strings.HasPrefix(tok, "="):
		rest = tok[1:]
	case ranges && (strings.HasPrefix(tok, "^") || strings.HasPrefix(tok, "~")):
		v, ok := parse(tok[1:])
		if !ok {
			return nil, "expected a version after " + tok[:1] + " in " + strconv.Quote(tok)
		}
		upper := v
		upper.pre = []string{"0"}
		switch {
		case tok[0] == '~':
			upper.n = [3]int64{v.n[0], v.n[1] + 1, 0}
		case v.n[0] > 0:
			upper.n = [3]int64{v.n[0] + 1, 0, 0}
		case v.n[1] > 0:
			upper.n = [3]int64{0, v.n[1] + 1, 0}
		default:
			upper.n = [3]int64{0, 0, v.n[2] + 1}
		}
		return []comparator{{op: opGe, v: v}, {op: opLt, v: upper}}, ""
	}
	v, ok := parse(rest)
	if !ok {
		return nil, "expected a version in " + strconv.Quote(tok)
	}
	return []comparator{{op: op, v: v}}, ""
}

// parseSemver reads "1.2.3", "v1.2.3", "1.2" or "1", each with an
// optional "-pre.release" and "+build" (ignored).
func parseSemver(s string) (ver, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "v"), "V")
	if i := strings.IndexByte(s, '+'); i >= 0 {
		s = s[:i]
	}
	var v ver
	core := s
	if i := strings.IndexByte(s, '-'); i >= 0 {
		core = s[:i]
		pre := s[i+1:]
		if pre == "" {
			return ver{}, false
		}
		v.pre = strings.Split(pre, ".")
	}
	parts := strings.Split(core, ".")
	if len(parts) == 0 || len(parts) > 3 {
		return ver{}, false
	}
	for i, p := range parts {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 || p == "" {
			return ver{}, false
		}
		v.n[i] = n
	}
	return v, true
}

// parseDateVersion reads an Azure API version "2023-01-01" with an
// optional suffix ("2023-01-01-preview").
func parseDateVersion(s string) (ver, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return ver{}, false
	}
	var v ver
	for i, p := range []string{s[0:4], s[5:7], s[8:10]} {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 {
			return ver{}, false
		}
		v.n[i] = n
	}
	if v.n[1] < 1 || v.n[1] > 12 || v.n[2] < 1 || v.n[2] > 31 {
		return ver{}, false
	}
	if rest := s[10:]; rest != "" {
		if rest[0] != '-' || len(rest) == 1 {
			return ver{}, false
		}
		v.pre = []string{rest[1:]}
	}
	return v, true
}
