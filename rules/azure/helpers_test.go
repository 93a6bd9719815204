package azure

import (
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// mustLoad returns the built-in rules by name, failing the test when they
// do not load.
func mustLoad(t *testing.T) map[string]rules.Rule {
	t.Helper()
	_, list, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	byName := make(map[string]rules.Rule, len(list))
	for _, r := range list {
		byName[r.Info().Name] = r
	}
	return byName
}

// exported reads JSON text as exported resources: an object with type and
// name, or an array of them, each one a target.
func exported(t testing.TB, name string, data []byte) []*rules.Target {
	t.Helper()
	f := source.NewFile(name, data)
	root, err := jsonc.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var elems []value.Value
	switch v := root.(type) {
	case *value.Array:
		elems = v.Elems
	case *value.Object:
		elems = []value.Value{v}
	default:
		t.Fatalf("%s: want an object or array of resources, got %s", name, value.TypeName(root))
	}
	var targets []*rules.Target
	for i, e := range elems {
		o, ok := e.(*value.Object)
		if !ok {
			t.Fatalf("%s: element %d is %s, not a resource object", name, i, value.TypeName(e))
		}
		targets = append(targets, &rules.Target{
			Type:   str(o, "type"),
			Name:   str(o, "name"),
			Object: o,
			Pos:    o.Pos(),
		})
	}
	return targets
}

// str returns the string member key of o, or "".
func str(o *value.Object, key string) string {
	if v, ok := o.Get(key); ok {
		if s, ok := v.(value.String); ok {
			return s.V
		}
	}
	return ""
}

// exampleFile returns a file named after the doc that holds only the
// example starting on 1-based line of md: every byte before it is blanked
// (newlines kept), so that positions of errors in the example are its
// lines and columns in the doc itself.
func exampleFile(name, md string, line int, code string) *source.File {
	buf := make([]byte, 0, len(md))
	for i := 0; i < len(md) && line > 1; i++ {
		if md[i] == '\n' {
			buf = append(buf, '\n')
			line--
		} else {
			buf = append(buf, ' ')
		}
	}
	buf = append(buf, code...)
	return source.NewFile(name, buf)
}
