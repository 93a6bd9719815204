package lang

import (
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// MaxPathSegments caps the number of steps in a field path.
const MaxPathSegments = 64

// maxPathResults caps how many values one wildcard or descendant path may
// select, so that a path over a huge document stays bounded.
const maxPathResults = 10000

type segKind uint8

const (
	segMember     segKind = iota // .name or ['name']
	segIndex                     // [n], negative from the end
	segWildcard                  // [*] or .*
	segDescendant                // ..name: name at any depth
	segFilter                    // [?...]: the elements a filter accepts
	segSlice                     // [start:end:step]
)

type segment struct {
	kind segKind
	// name is lower-cased, so that objects that index their keys find
	// it without folding it again; raw is the name as written.
	name   string
	raw    string
	index  int
	filter filterNode
	// slice bounds; hasEnd is false for an open end.
	end    int
	step   int
	hasEnd bool
}

// Path is a compiled field path. The forms PSRule documents are accepted:
// "a.b", "a['b']", "a[0]", "a[-1]" (from the end), "a[*]" and "a.*" (every
// element or member), "a..b" (b at any depth), "a[?<filter>]" (the
// elements a filter accepts, see pathfilter.go), and "." or "$" for the
// object itself, optionally followed by more steps ("$.a", ".a"). Member
// names match without regard to case.
type Path struct {
	// Text is the path as written.
	Text string
	segs []segment
	// multi is set when the path may select more than one value.
	multi bool
}

// ParsePath compiles a field path. pos is where the path was written; an
// error is positioned at the offending character when pos is the start of
// the path text.
func ParsePath(text string, pos source.Pos) (*Path, *source.Error) {
	p := &Path{Text: text}
	s := text
	i := 0
	fail := func(at int, format string, args ...any) (*Path, *source.Error) {
		return nil, source.Errorf(pos.Add(at), "field path %q: "+format, append([]any{text}, args...)...)
	}
	if strings.TrimSpace(s) == "" {
		return fail(0, "is empty; use '.' for the object itself")
	}
	// A leading "$" or "." is the root unless "$" starts a name ("$schema").
	if s[0] == '$' && (len(s) == 1 || s[1] == '.' || s[1] == '[') {
		i = 1
	}
	if i == 0 && s[0] == '.' && (len(s) == 1 || s[1] != '.') {
		i = 1
		if len(s) > 1 && s[1] != '[' {
			// ".name": the leading dot is the root, the name follows.
			n, ok := readName(s, 1)
			if ok {
				p.segs = append(p.segs, memberSeg(s[1:n]))
				i = n
			}
		}
	} else if i == 0 && s[0] != '.' && s[0] != '[' {
		n, _ := readName(s, 0)
		if n == 0 {
			return fail(0, "expected a property name")
		}
		p.segs = append(p.segs, nameSeg(s[:n]))
		i = n
	}
	for i < len(s) {
		if len(p.segs) >= MaxPathSegments {
			return fail(i, "has more than %d steps", MaxPathSegments)
		}
		switch s[i] {
		case '.':
			if i+1 < len(s) && s[i+1] == '.' {
				n, ok := readName(s, i+2)
				if !ok {
					return fail(i+2, "expected a property name after '..'")
				}
				p.segs = append(p.segs, segment{kind: segDescendant, name: strings.ToLower(s[i+2 : n]), raw: s[i+2 : n]})
				p.multi = true
				i = n
				continue
			}
			n, ok := readName(s, i+1)
			if !ok {
				return fail(i+1, "expected a property name after '.'")
			}
			seg := nameSeg(s[i+1 : n])
			p.segs = append(p.segs, seg)
			i = n
		case '[':
			if strings.HasPrefix(s[i:], "[?") {
				f, n, err, at := parseFilter(s, i+2)
				if err != "" {
					return fail(at, "%s", err)
				}
				p.segs = append(p.segs, segment{kind: segFilter, filter: f})
				i = n
				continue
			}
			seg, n, err := readBracket(s, i)
			if err != "" {
				return fail(n, "%s", err)
			}
			p.segs = append(p.segs, seg)
			i = n
		default:
			return fail(i, "unexpected %q; expected '.' or '['", s[i])
		}
	}
	for _, seg := range p.segs {
		if seg.kind == segWildcard || seg.kind == segDescendant || seg.kind == segFilter || seg.kind == segSlice {
			p.multi = true
		}
	}
	return p, nil
}

func nameSeg(name string) segment {
	if name == "*" {
		return segment{kind: segWildcard}
	}
	return memberSeg(name)
}

func memberSeg(name string) segment {
	return segment{kind: segMember, name: strings.ToLower(name), raw: name}
}

// readName reads a property name starting at i: everything up to the next
// '.', '[' or ']' (a stray ']' is reported by the caller). It reports false
// for an empty name.
func readName(s string, i int) (int, bool) {
	j := i
	for j < len(s) && s[j] != '.' && s[j] != '[' && s[j] != ']' {
		j++
	}
	return j, j > i
}

// readBracket reads "[n]", "[*]", "['name']" or "[\"name\"]" at s[i] ==
// '['. It returns the offset after ']' or, on error, the error offset.
func readBracket(s string, i int) (segment, int, string) {
	j := i + 1
	if j >= len(s) {
		return segment{}, j, "unterminated '['"
	}
	switch c := s[j]; {
	case c == '\'' || c == '"':
		end := strings.IndexByte(s[j+1:], c)
		if end < 0 {
			return segment{}, j, "unterminated quoted name"
		}
		name := s[j+1 : j+1+end]
		k := j + 1 + end + 1
		if k >= len(s) || s[k] != ']' {
			return segment{}, k, "expected ']' after the quoted name"
		}
		return memberSeg(name), k + 1, ""
	case c == '*':
		if j+1 >= len(s) || s[j+1] != ']' {
			return segment{}, j + 1, "expected ']' after '*'"
		}
		return segment{kind: segWildcard}, j + 2, ""
	default:
		end := strings.IndexByte(s[j:], ']')
		if end < 0 {
			return segment{}, j, "unterminated '['"
		}
		num := strings.TrimSpace(s[j : j+end])
		if strings.Contains(num, ":") {
			seg, ok := readSlice(num)
			if !ok {
				return segment{}, j, "expected a slice such as [0:2] or [::2]"
			}
			return seg, j + end + 1, ""
		}
		n, err := strconv.Atoi(num)
		if err != nil || len(num) > 9 {
			return segment{}, j, "expected an index, '*' or a quoted name inside '[...]'"
		}
		return segment{kind: segIndex, index: n}, j + end + 1, ""
	}
}

// readSlice reads "start:end" or "start:end:step", each part optional.
func readSlice(s string) (segment, bool) {
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return segment{}, false
	}
	seg := segment{kind: segSlice, step: 1}
	num := func(p string) (int, bool, bool) {
		p = strings.TrimSpace(p)
		if p == "" {
			return 0, false, true
		}
		n, err := strconv.Atoi(p)
		return n, true, err == nil && len(p) < 10
	}
	if len(parts) == 3 {
		n, set, ok := num(parts[2])
		if !ok || set && n == 0 {
			return segment{}, false
		}
		if set {
			seg.step = n
		}
	}
	n, set, ok := num(parts[0])
	if !ok {
		return segment{}, false
	}
	seg.index = n
	if !set && seg.step < 0 {
		seg.index = -1
	}
	n, set, ok = num(parts[1])
	if !ok {
		return segment{}, false
	}
	seg.end, seg.hasEnd = n, set
	return seg, true
}

// Match is one value a path selected, with the path that names it
// ("properties.rules[0].name").
type Match struct {
	Path  string
	Value value.Value
}

// Lookup returns the single value p names in root, whether it exists,
// and, when it does not, the deepest value that does exist on the way
// (used to position a reason about a missing field; a value.Unknown
// parent means the field depends on a deployment-time value). A path that can
// select several values returns them as one array. Lookup allocates only
// for such multi-value paths.
func (p *Path) Lookup(root value.Value) (v value.Value, found bool, parent value.Value) {
	if p.multi {
		ms := p.Resolve(root)
		if len(ms) == 0 {
			return nil, false, root
		}
		arr := &value.Array{At: ms[0].Value.Pos(), Elems: make([]value.Value, len(ms))}
		for i, m := range ms {
			arr.Elems[i] = m.Value
		}
		return arr, true, nil
	}
	cur := root
	for _, seg := range p.segs {
		next, ok := step(cur, seg)
		if !ok {
			return nil, false, cur
		}
		cur = next
	}
	return cur, true, nil
}

func step(cur value.Value, seg segment) (value.Value, bool) {
	switch seg.kind {
	case segMember:
		o, ok := cur.(*value.Object)
		if !ok {
			return nil, false
		}
		return o.Get(seg.name)
	case segIndex:
		a, ok := cur.(*value.Array)
		if !ok {
			return nil, false
		}
		i := seg.index
		if i < 0 {
			i += len(a.Elems)
		}
		if i < 0 || i >= len(a.Elems) {
			return nil, false
		}
		return a.Elems[i], true
	}
	return nil, false
}

// Resolve returns every value p selects in root, each with a concrete path
// ("properties.rules[2].name"), in document order.
func (p *Path) Resolve(root value.Value) []Match {
	var out []Match
	resolveFrom(root, root, p.segs, "", &out)
	return out
}

func resolve(cur value.Value, segs []segment, path string, out *[]Match) {
	resolveFrom(cur, cur, segs, path, out)
}

func resolveFrom(root, cur value.Value, segs []segment, path string, out *[]Match) {
	if len(*out) >= maxPathResults {
		return
	}
	if len(segs) == 0 {
		*out = append(*out, Match{Path: path, Value: cur})
		return
	}
	seg, rest := segs[0], segs[1:]
	switch seg.kind {
	case segMember, segIndex:
		next, ok := step(cur, seg)
		if !ok {
			return
		}
		resolveFrom(root, next, rest, joinSeg(path, seg, seg.index, ""), out)
	case segWildcard:
		switch c := cur.(type) {
		case *value.Array:
			for i, e := range c.Elems {
				resolveFrom(root, e, rest, joinSeg(path, segment{kind: segIndex}, i, ""), out)
			}
		case *value.Object:
			for _, m := range c.Members() {
				resolveFrom(root, m.Value, rest, joinSeg(path, segment{kind: segMember}, 0, m.Key), out)
			}
		}
	case segDescendant:
		descend(root, cur, seg.name, rest, path, out, 0)
	case segSlice:
		a, ok := cur.(*value.Array)
		if !ok {
			return
		}
		norm := func(i int) int {
			if i < 0 {
				i += len(a.Elems)
			}
			return i
		}
		i := norm(seg.index)
		end := len(a.Elems)
		if seg.step < 0 {
			end = -1
		}
		if seg.hasEnd {
			end = norm(seg.end)
		}
		for n := 0; i >= 0 && i < len(a.Elems) && n < maxPathResults; n++ {
			if seg.step > 0 && i >= end || seg.step < 0 && i <= end {
				break
			}
			resolveFrom(root, a.Elems[i], rest, joinSeg(path, segment{kind: segIndex}, i, ""), out)
			i += seg.step
		}
	case segFilter:
		switch c := cur.(type) {
		case *value.Array:
			for i, e := range c.Elems {
				if seg.filter.test(root, e) {
					resolveFrom(root, e, rest, joinSeg(path, segment{kind: segIndex}, i, ""), out)
				}
			}
		case *value.Object:
			for _, m := range c.Members() {
				if seg.filter.test(root, m.Value) {
					resolveFrom(root, m.Value, rest, joinSeg(path, segment{kind: segMember}, 0, m.Key), out)
				}
			}
		}
	}
}

// descend finds name below cur as PSRule does: each child that has the
// member gives its value (and is not searched further); any other child is
// searched in turn.
func descend(root, cur value.Value, name string, rest []segment, path string, out *[]Match, depth int) {
	if depth > MaxDocumentDepth*4 || len(*out) >= maxPathResults {
		return
	}
	visit := func(child value.Value, p string) {
		if o, ok := child.(*value.Object); ok {
			if m, ok := o.Member(name); ok {
				resolveFrom(root, m.Value, rest, joinSeg(p, segment{kind: segMember}, 0, m.Key), out)
				return
			}
		}
		descend(root, child, name, rest, p, out, depth+1)
	}
	switch c := cur.(type) {
	case *value.Object:
		for _, m := range c.Members() {
			visit(m.Value, joinSeg(path, segment{kind: segMember}, 0, m.Key))
		}
	case *value.Array:
		for i, e := range c.Elems {
			visit(e, joinSeg(path, segment{kind: segIndex}, i, ""))
		}
	}
}

func joinSeg(path string, seg segment, index int, key string) string {
	switch seg.kind {
	case segIndex:
		return path + "[" + strconv.Itoa(index) + "]"
	}
	name := seg.raw
	if key != "" {
		name = key
	}
	if path == "" {
		return name
	}
	return path + "." + name
}

// isSelf reports whether the path names the object itself ("." or "$").
func (p *Path) isSelf() bool { return len(p.segs) == 0 }
