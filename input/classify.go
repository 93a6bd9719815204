package input

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// Classify decides what a decoded JSON document is. A $schema naming a
// deployment template or parameter file decides; otherwise an object with
// string "type" and "name", or a non-empty array of only such objects, is
// exported resources; anything else is Other.
func Classify(root value.Value) Kind {
	switch v := root.(type) {
	case *value.Object:
		if s, ok := v.Get("$schema"); ok {
			if str, ok := s.(value.String); ok {
				schema := strings.ToLower(str.V)
				switch {
				case strings.Contains(schema, "deploymenttemplate.json"):
					return Template
				case strings.Contains(schema, "deploymentparameters.json"):
					return Parameters
				}
			}
			return Other
		}
		if isResource(v) {
			return Resources
		}
	case *value.Array:
		if len(v.Elems) == 0 {
			return Other
		}
		for _, e := range v.Elems {
			o, ok := e.(*value.Object)
			if !ok || !isResource(o) {
				return Other
			}
		}
		return Resources
	}
	return Other
}

func isResource(o *value.Object) bool {
	t, ok1 := o.Get("type")
	n, ok2 := o.Get("name")
	if !ok1 || !ok2 {
		return false
	}
	ts, ok1 := t.(value.String)
	_, ok2 = n.(value.String)
	return ok1 && ok2 && strings.Contains(ts.V, "/")
}
