package params

import (
	"os"
	"strings"
	"testing"

	"github.com/azrule/azrule/bicep/compile"
)

// FuzzLoad loads arbitrary parameter files against a small template:
// no panic, and every value is set.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"using 'main.bicep'\nparam a = 1\n",
		"using 'main.bicep'\nvar v = [for i in range(0, 3): i * 2]\nparam a = v[1]\n",
		"using 'main.bicep'\nparam a = az.getSecret('s', 'r', 'k', 'n')\n",
		"using 'main.bicep'\nextends 'p.bicepparam'\nparam a = a\n",
		"using none\nparam a = {\n  x: [1, 'two', null]\n}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		read := func(path string) ([]byte, error) {
			switch {
			case strings.HasSuffix(path, "main.bicep"):
				return []byte("param a int = 0\n"), nil
			case strings.HasSuffix(path, "p.bicepparam"):
				return []byte(src), nil
			}
			return nil, os.ErrNotExist
		}
		out := Load("p.bicepparam", Options{Compile: compile.Options{ReadFile: read, LookupEnv: func(string) (string, bool) { return "", false }}})
		for _, m := range out.Values.Members() {
			if m.Value == nil {
				t.Fatalf("parameter %s has no value", m.Key)
			}
		}
	})
}
