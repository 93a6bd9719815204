package lang

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/rules"
)

// UnknownError says that an answer depends on a deployment-time value.
type UnknownError struct {
	Path    string
	Unknown value.Unknown
}

// Error renders the reason, with the path when there is one.
func (e *UnknownError) Error() string {
	r := rules.Reason{Path: e.Path, Message: unknownMessage(e.Unknown)}
	return r.String()
}

// unknownMessage explains a deployment-time value in words a user can act
// on.
func unknownMessage(u value.Unknown) string {
	o := strings.TrimSpace(u.Origin)
	if name, ok := strings.CutPrefix(o, "parameter '"); ok {
		if i := strings.Index(name, "'"); i >= 0 && strings.Contains(name[i:], "no value") {
			return "Depends on parameter '" + name[:i] + "', which has no value; set it in a parameter file or with AZURE_PARAMETER_DEFAULTS."
		}
	}
	if o == "" {
		o = "a value known only at deployment time"
		if u.Text != "" {
			o += " (" + u.Text + ")"
		}
	}
	return "Depends on " + o + ", which is known only at deployment time; the rule cannot decide before deployment."
}
