package lang

// Conditions that compare values: equals, notEquals, hasDefault, hasValue,
// in, notIn, less ... greaterOrEquals, setOf, subset, count, notCount.

import (
	"strconv"

	"github.com/azrule/azrule/arm/value"
)

func isSetTo(v value.Value) string { return "Is set to '" + render(v) + "'." }

func evalEquals(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	if equalValues(c.arg, v, c.caseSensitive, true, c.convert) {
		return true, ""
	}
	if !explain {
		return false, ""
	}
	return false, isSetTo(v)
}

func evalNotEquals(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	if !equalValues(c.arg, v, c.caseSensitive, true, c.convert) {
		return true, ""
	}
	if !explain {
		return false, ""
	}
	return false, isSetTo(v)
}

func evalHasDefault(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	if equalValues(c.arg, v, c.caseSensitive, true, false) {
		return true, ""
	}
	if !explain {
		return false, ""
	}
	return false, isSetTo(v)
}

func evalHasValue(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	if c.flag != nullOrEmpty(v) {
		return true, ""
	}
	if !explain {
		return false, ""
	}
	return false, isSetTo(v)
}

// in and notIn compare without regard to case, as PSRule does whatever
// caseSensitive says.
func inSet(c *cond, v value.Value) bool {
	for _, e := range c.arg.(*value.Array).Elems {
		if anyValue(v, e, false) {
			return true
		}
	}
	return false
}

func evalIn(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	if inSet(c, v) {
		return true, ""
	}
	if !explain {
		return false, ""
	}
	return false, "The value '" + render(v) + "' was not in " + joinValues(c.arg) + "."
}

func evalNotIn(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	if !inSet(c, v) {
		return true, ""
	}
	if !explain {
		return false, ""
	}
	return false, isSetTo(v)
}

// compareEval builds less, lessOrEquals, greater and greaterOrEquals.
func compareEval(op string, accept func(int) bool) func(*cond, *evalCtx, value.Value, bool) (bool, string) {
	return func(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
		if isNull(v) {
			if accept(cmp3(0, c.num)) {
				return true, ""
			}
			if !explain {
				return false, ""
			}
			return false, "Is null or empty."
		}
		cmp, ok := compareNumeric(v, c.num, c.convert, x.now)
		if !ok {
			if !explain {
				return false, ""
			}
			return false, "The field value '" + render(v) + "' can not be compared with '" + strconv.FormatInt(c.num, 10) + "'."
		}
		if accept(cmp) {
			return true, ""
		}
		if !explain {
			return false, ""
		}
		return false, "The value '" + render(v) + "' is not " + op + " " + strconv.FormatInt(c.num, 10) + "."
	}
}

func evalSetOf(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	arr, ok := v.(*value.Array)
	field := c.field.Text
	if !ok {
		if !explain {
			return false, ""
		}
		return false, "The field '" + field + "' is not enumerable."
	}
	want := c.arg.(*value.Array).Elems
	if len(arr.Elems) != len(want) {
		if !explain {
			return false, ""
		}
		return false, "The field '" + field + "' has '" + strconv.Itoa(len(arr.Elems)) + "' items instead of '" + strconv.Itoa(len(want)) + "'."
	}
	for _, w := range want {
		if !anyValue(arr, w, c.caseSensitive) {
			if !explain {
				return false, ""
			}
			return false, "The field '" + field + "' did not contain '" + render(w) + "'."
		}
	}
	return true, ""
}

func evalSubset(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	arr, ok := v.(*value.Array)
	field := c.field.Text
	if !ok {
		if !explain {
			return false, ""
		}
		return false, "The field '" + field + "' is not enumerable."
	}
	for _, w := range c.arg.(*value.Array).Elems {
		n := countValue(arr, w, c.caseSensitive)
		if n == 0 {
			if !explain {
				return false, ""
			}
			return false, "The field '" + field + "' did not contain '" + render(w) + "'."
		}
		if n > 1 && c.unique {
			if !explain {
				return false, ""
			}
			return false, "The field '" + field + "' included multiple instances of '" + render(w) + "'."
		}
	}
	return true, ""
}

func evalCount(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	if isNull(v) {
		if !explain {
			return false, ""
		}
		return false, "Is null."
	}
	arr, ok := v.(*value.Array)
	if ok && int64(len(arr.Elems)) == c.num {
		return true, ""
	}
	if !explain {
		return false, ""
	}
	if !ok {
		if !explain {
			return false, ""
		}
		return false, "The value '" + render(v) + "' is not a list; expected " + strconv.FormatInt(c.num, 10) + " items."
	}
	if !explain {
		return false, ""
	}
	return false, "Has " + strconv.Itoa(len(arr.Elems)) + " items instead of " + strconv.FormatInt(c.num, 10) + "."
}

func evalNotCount(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	if isNull(v) {
		if !explain {
			return false, ""
		}
		return false, "Is null."
	}
	arr, ok := v.(*value.Array)
	if ok && int64(len(arr.Elems)) != c.num {
		return true, ""
	}
	if !explain {
		return false, ""
	}
	if !ok {
		if !explain {
			return false, ""
		}
		return false, "The value '" + render(v) + "' is not a list."
	}
	if !explain {
		return false, ""
	}
	return false, "Has " + strconv.Itoa(len(arr.Elems)) + " items."
}
