// Package suggest finds the known name a user most likely meant when they
// wrote one azrule does not know: the "did you mean ...?" of an error
// message about an option, a condition, a selector or a function.
//
// Names are compared by Levenshtein distance (insertions, deletions and
// substitutions of one character each) over Unicode code points, without
// regard to case: the names azrule suggests (PSRule options, conditions,
// ARM functions) are all matched without regard to case, so "Equals" for
// "equal" is one edit, not two.
//
// The distance is computed in a band of MaxEdits (or the caller's limit)
// either side of the diagonal, so the cost is linear in the length of the
// words and a long word costs no more than its length: no input is too
// large to compare.
package suggest

import "unicode"

// MaxEdits is the number of edits Closest allows between a word and the
// candidate it suggests. Two catches a doubled or dropped letter and most
// transpositions of neighbours, and rarely pairs unrelated short names.
const MaxEdits = 2

// Closest returns the candidate nearest to word when it is at most
// MaxEdits edits away, ignoring case. Of candidates equally near, the
// first in the list wins: callers that read names from a map sort them
// first so that messages are stable.
func Closest(word string, candidates []string) (string, bool) {
	return ClosestWithin(word, candidates, MaxEdits)
}

// ClosestWithin is Closest with the caller's limit on edits.
func ClosestWithin(word string, candidates []string, maxEdits int) (string, bool) {
	w := fold(word)
	best, bestD := "", maxEdits+1
	for _, c := range candidates {
		// A limit one below the best so far stops the search early; a
		// tie does not replace the earlier candidate.
		if d := distance(w, fold(c), bestD-1); d < bestD {
			best, bestD = c, d
		}
	}
	return best, bestD <= maxEdits
}

// Within returns every candidate at most maxEdits edits from word, ignoring
// case, in the order of candidates: for a message that lists all close
// names ("did you mean IsWeb or IsWebApp?").
func Within(word string, candidates []string, maxEdits int) []string {
	w := fold(word)
	var out []string
	for _, c := range candidates {
		if distance(w, fold(c), maxEdits) <= maxEdits {
			out = append(out, c)
		}
	}
	return out
}

// Distance returns the edit distance between a and b, ignoring case, when
// it is at most limit, and limit+1 otherwise. A negative limit counts as 0.
func Distance(a, b string, limit int) int {
	return distance(fold(a), fold(b), limit)
}

// fold returns s as lower-case code points.
func fold(s string) []rune {
	r := []rune(s)
	for i, c := range r {
		r[i] = unicode.ToLower(c)
	}
	return r
}

// distance is the banded Levenshtein distance: only cells within limit of
// the diagonal can hold a distance of limit or less, so only those are
// computed, and the search ends as soon as a whole row is past the limit.
func distance(a, b []rune, limit int) int {
	limit = max(limit, 0)
	over := limit + 1
	if len(a)-len(b) > limit || len(b)-len(a) > limit {
		return over
	}
	// prev and cur hold one row each; cells outside the band are "over".
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = min(j, over)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[0] = min(i, over)
		if lo > 1 {
			cur[lo-1] = over
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			// prev[j] at the band's right edge is the "over" the last
			// row wrote past its band.
			d := min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1, over)
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if hi < len(b) {
			cur[hi+1] = over
		}
		if rowMin >= over {
			return over
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], over)
}
