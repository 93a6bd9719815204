package lang

// Conditions on types and formats: isString ... isNumeric, hasSchema,
// version, apiVersion.

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// typeEval builds the isString ... isNumeric conditions: true when the
// operand's type test equals the flag.
func typeEval(what string, is func(*cond, *evalCtx, value.Value) bool) func(*cond, *evalCtx, value.Value, bool) (bool, string) {
	return func(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
		got := is(c, x, v)
		if got == c.flag {
			return true, ""
		}
		if !explain {
			return false, ""
		}
		if c.flag {
			if !explain {
				return false, ""
			}
			return false, "The value '" + render(v) + "' is not " + what + "."
		}
		if !explain {
			return false, ""
		}
		return false, "The value '" + render(v) + "' is " + what + "."
	}
}

func evalHasSchema(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	o, ok := v.(*value.Object)
	if !ok {
		if !explain {
			return false, ""
		}
		return false, "The field '$schema' does not exist."
	}
	sv, ok := o.Get("$schema")
	if !ok {
		if !explain {
			return false, ""
		}
		return false, "The field '$schema' does not exist."
	}
	s, ok := sv.(value.String)
	if !ok {
		if !explain {
			return false, ""
		}
		return false, "The value '" + render(sv) + "' is not a string."
	}
	if s.V == "" {
		if !explain {
			return false, ""
		}
		return false, "Is null or empty."
	}
	want := c.arg.(*value.Array).Elems
	if len(want) == 0 {
		return true, ""
	}
	got := normalizeSchema(s.V, c.ignoreScheme)
	for _, w := range want {
		if ws, ok := w.(value.String); ok && strEqual(got, normalizeSchema(ws.V, c.ignoreScheme), c.caseSensitive) {
			return true, ""
		}
	}
	if !explain {
		return false, ""
	}
	return false, "None of the specified schemas match '" + s.V + "'."
}

// normalizeSchema drops a trailing '#' and, with ignoreScheme, the
// http:// or https:// prefix.
func normalizeSchema(s string, ignoreScheme bool) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), "#")
	if ignoreScheme {
		l := strings.ToLower(s)
		switch {
		case strings.HasPrefix(l, "https://"):
			s = s[8:]
		case strings.HasPrefix(l, "http://"):
			s = s[7:]
		}
	}
	return s
}

func evalVersion(c *cond, x *evalCtx, v value.Value, explain bool) (bool, string) {
	s, ok := v.(value.String)
	if !ok {
		if !explain {
			return false, ""
		}
		return false, "The value '" + render(v) + "' is not a string."
	}
	ver, ok := c.version.parse(s.V)
	if !ok {
		if !explain {
			return false, ""
		}
		return false, "The field value '" + s.V + "' is not a version string."
	}
	if c.version.accepts(ver, c.includePrerelease) {
		return true, ""
	}
	if !explain {
		return false, ""
	}
	return false, "The version '" + s.V + "' does not match the constraint '" + c.strs[0] + "'."
}
