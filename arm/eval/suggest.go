package eval

import "strings"

// suggest returns the built-in function name closest to name, when one is
// close enough (at most two edits, ignoring case) to be the likely intent.
func suggest(name string) string {
	lower := strings.ToLower(name)
	best, bestD := "", 3
	for key, f := range registry {
		if d := editDistance(lower, key, bestD+1); d < bestD {
			best, bestD = f.Name, d
		} else if d == bestD && best != "" && f.Name < best {
			best = f.Name // ties go to the alphabetically first, for stable messages
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, or limit when
// it is limit or more (the search stops early).
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}
