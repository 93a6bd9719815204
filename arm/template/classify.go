package template

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// Kind is what a JSON document is, for the input layer.
type Kind uint8

// The kinds of JSON input.
const (
	// Other is anything azrule does not analyse; it is skipped.
	Other Kind = iota
	// KindTemplate is a deployment template (any scope).
	KindTemplate
	// KindParameters is a deployment parameter file.
	KindParameters
	// KindResources is exported resource JSON: an object with string
	// "type" and "name", or a non-empty array of such objects.
	KindResources
)

var kindStrings = [...]string{"other", "template", "parameters", "resources"}

// String names the kind.
func (k Kind) String() string {
	if int(k) < len(kindStrings) {
		return kindStrings[k]
	}
	return "other"
}

// Classify tells what root is, by its $schema: any of the four
// deploymentTemplate schemas, the deploymentParameters schema, or else
// exported resources by shape. Schema names are matched without regard
// to case or version, as Azure tooling does.
func Classify(root value.Value) Kind {
	switch v := root.(type) {
	case *value.Object:
		if s, ok := v.Get("$schema"); ok {
			if str, ok := s.(value.String); ok {
				schema := strings.ToLower(str.V)
				switch {
				case strings.Contains(schema, "deploymenttemplate.json"):
					return KindTemplate
				case strings.Contains(schema, "deploymentparameters.json"):
					return KindParameters
				}
			}
		}
		if isResource(v) {
			return KindResources
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
		return KindResources
	}
	return Other
}

// isResource reports whether o has string "type" and "name".
func isResource(o *value.Object) bool {
	t, ok := o.Get("type")
	if !ok {
		return false
	}
	n, ok := o.Get("name")
	if !ok {
		return false
	}
	_, ok1 := t.(value.String)
	_, ok2 := n.(value.String)
	return ok1 && ok2
}
