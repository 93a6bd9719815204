package eval

import "github.com/azrule/azrule/suggest"

// closestFunction returns the built-in function name closest to name, when
// one is close enough to be the likely intent (package suggest decides:
// at most two edits, ignoring case; ties go to the alphabetically first,
// since Names is sorted).
func closestFunction(name string) string {
	s, _ := suggest.Closest(name, Names())
	return s
}
