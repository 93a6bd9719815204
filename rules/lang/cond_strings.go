package lang

// Conditions on strings: match, notMatch, startsWith ... notContains, like,
// notLike, isLower, isUpper, withinPath, notWithinPath.

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/value"
)

func compileRegexp(c *cond) string {
	p := c.strs[0]
	if !c.caseSensitive {
		p = "(?i)" + p
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return "invalid regular expression " + strconv.Quote(c.strs[0]) + ": " + strings.TrimPrefix(err.Error(), "error parsing regexp: ") + " (Go's RE2 syntax; lookaround and backreferences are not available)"
	}
	c.re = re
	return ""
}

func regexpMatch(c *cond, v value.Value) bool {
	s, ok := v.(value.String)
	return ok && c.re.MatchString(s.V)
}

func evalMatch(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	if regexpMatch(c, v) {
		return true, ""
	}
	if !explain {
		return false, ""
	}
	return false, "The value '" + render(v) + "' does not match the expression '" + c.strs[0] + "'."
}

func evalNotMatch(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	if !regexpMatch(c, v) {
		return true, ""
	}
	if !explain {
		return false, ""
	}
	return false, "The value '" + render(v) + "' matches the expression '" + c.strs[0] + "'."
}

// operandStrings is PSRule's TryStringOrArray: the operand as one string,
// or the string elements of an array (other elements never match). It
// returns the number of strings and reads them through at, so that the
// common single-string case builds no slice.
type operandStrings struct {
	one  string
	arr  *value.Array
	conv bool
}

func stringsOf(v value.Value, convert bool) (operandStrings, bool) {
	if s, ok := asString(v, convert); ok {
		return operandStrings{one: s}, true
	}
	if arr, ok := v.(*value.Array); ok {
		return operandStrings{arr: arr, conv: convert}, true
	}
	return operandStrings{}, false
}

func (o operandStrings) len() int {
	if o.arr == nil {
		return 1
	}
	return len(o.arr.Elems)
}

// at returns the i-th string, or false for an element that is not one.
func (o operandStrings) at(i int) (string, bool) {
	if o.arr == nil {
		return o.one, true
	}
	return asString(o.arr.Elems[i], o.conv)
}

func (o operandStrings) join() string {
	if o.arr == nil {
		return o.one
	}
	var xs []string
	for i := range o.arr.Elems {
		if s, ok := o.at(i); ok {
			xs = append(xs, s)
		}
	}
	return strings.Join(xs, "', '")
}

// stringsEval builds startsWith, endsWith, contains and their negations:
// true when any string of the operand matches any of the strings given
// (negated: when none does).
func stringsEval(match func(s, p string, cs bool) bool, negated bool, failWords, matchWords string) func(*cond, *evalCtx, value.Value, bool) (bool, string) {
	return func(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
		vals, ok := stringsOf(v, c.convert)
		if !ok {
			if negated {
				return true, ""
			}
			if !explain {
				return false, ""
			}
			return false, "The value '" + render(v) + "' is not a string."
		}
		for _, p := range c.strs {
			for i, n := 0, vals.len(); i < n; i++ {
				s, ok := vals.at(i)
				if !ok || !match(s, p, c.caseSensitive) {
					continue
				}
				if !negated {
					return true, ""
				}
				if !explain {
					return false, ""
				}
				return false, "The value '" + s + "' " + matchWords + " '" + p + "'."
			}
		}
		if negated {
			return true, ""
		}
		if !explain {
			return false, ""
		}
		return false, "The value '" + vals.join() + "' " + failWords + " " + joinQuoted(c.strs) + "."
	}
}

func evalLike(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	s, ok := asString(v, c.convert)
	if !ok {
		if !explain {
			return false, ""
		}
		return false, "The value '" + render(v) + "' is not a string."
	}
	for _, p := range c.strs {
		if likeMatch(s, p, c.caseSensitive) {
			return true, ""
		}
	}
	if !explain {
		return false, ""
	}
	return false, "The value '" + s + "' is not like " + joinQuoted(c.strs) + "."
}

func evalNotLike(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	s, ok := asString(v, c.convert)
	if !ok {
		return true, ""
	}
	for _, p := range c.strs {
		if likeMatch(s, p, c.caseSensitive) {
			if !explain {
				return false, ""
			}
			return false, "The value '" + s + "' is like '" + p + "'."
		}
	}
	return true, ""
}

// caseEval builds isLower and isUpper: a non-string is neither, so the
// condition is then true only for false.
func caseEval(is func(string) bool, what string) func(*cond, *evalCtx, value.Value, bool) (bool, string) {
	return func(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
		s, ok := v.(value.String)
		if !ok {
			if !c.flag {
				return true, ""
			}
			if !explain {
				return false, ""
			}
			return false, "The value '" + render(v) + "' is not a string."
		}
		if is(s.V) == c.flag {
			return true, ""
		}
		if !explain {
			return false, ""
		}
		if c.flag {
			if !explain {
				return false, ""
			}
			return false, "The value '" + s.V + "' does not contain only " + what + " characters."
		}
		if !explain {
			return false, ""
		}
		return false, "The value '" + s.V + "' contains only " + what + " characters."
	}
}

func evalWithinPath(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	s, ok := v.(value.String)
	if ok {
		for _, p := range c.strs {
			if withinPath(s.V, p, c.caseSensitive) {
				return true, ""
			}
		}
	}
	if !explain {
		return false, ""
	}
	norm := make([]string, len(c.strs))
	for i, p := range c.strs {
		norm[i] = normalizePath(p)
	}
	if !explain {
		return false, ""
	}
	return false, "The file '" + normalizePath(render(v)) + "' is not within the path " + joinQuoted(norm) + "."
}

func evalNotWithinPath(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	s, ok := v.(value.String)
	if !ok {
		return true, ""
	}
	for _, p := range c.strs {
		if withinPath(s.V, p, c.caseSensitive) {
			if !explain {
				return false, ""
			}
			return false, "The file '" + normalizePath(s.V) + "' is within the path '" + normalizePath(p) + "'."
		}
	}
	return true, ""
}
