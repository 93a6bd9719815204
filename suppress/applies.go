package suppress

// Applies reports whether c suppresses a finding of the rule (by name or
// ref) on a resource declared at resourceLine whose outcome was decided by
// values written at fieldLines. Lines are 1-based lines of the file c was
// read from; 0 stands for "no line" and matches nothing.
func Applies(c Comment, ruleName, ruleRef string, resourceLine int, fieldLines []int) bool {
	if c.Line <= 0 || !c.Names(ruleName, ruleRef) {
		return false
	}
	if c.Line == resourceLine {
		return true
	}
	for _, l := range fieldLines {
		if l == c.Line {
			return true
		}
	}
	return false
}

// Set indexes the comments of one file by the line they apply to, and
// remembers which were used so that stale suppressions can be reported.
// It is not safe for concurrent use.
type Set struct {
	comments []Comment
	byLine   map[int][]int
	used     []bool
}

// NewSet indexes comments.
func NewSet(comments []Comment) *Set {
	s := &Set{comments: comments, byLine: make(map[int][]int), used: make([]bool, len(comments))}
	for i, c := range comments {
		if c.Line > 0 {
			s.byLine[c.Line] = append(s.byLine[c.Line], i)
		}
	}
	return s
}

// Len is the number of comments in the set.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.comments)
}

// Match returns the first comment that suppresses the rule on the
// resource declared at resourceLine with deciding values at fieldLines,
// as Applies decides, and marks it used. A nil Set matches nothing.
func (s *Set) Match(ruleName, ruleRef string, resourceLine int, fieldLines []int) (Comment, bool) {
	if s == nil {
		return Comment{}, false
	}
	try := func(line int) (Comment, bool) {
		for _, i := range s.byLine[line] {
			if s.comments[i].Names(ruleName, ruleRef) {
				s.used[i] = true
				return s.comments[i], true
			}
		}
		return Comment{}, false
	}
	if resourceLine > 0 {
		if c, ok := try(resourceLine); ok {
			return c, true
		}
	}
	for _, l := range fieldLines {
		if l > 0 {
			if c, ok := try(l); ok {
				return c, true
			}
		}
	}
	return Comment{}, false
}

// Unused returns the comments no Match has used, in file order: each is a
// suppression that suppresses nothing (a renamed rule, a moved resource).
func (s *Set) Unused() []Comment {
	if s == nil {
		return nil
	}
	var out []Comment
	for i, c := range s.comments {
		if !s.used[i] {
			out = append(out, c)
		}
	}
	return out
}
