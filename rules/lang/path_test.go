package lang

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

const pathDoc = `{
  "name": "a",
  "properties": {
    "securityRules": [
      {"name": "r0", "properties": {"access": "Allow"}},
      {"name": "r1", "properties": {"access": "Deny"}}
    ],
    "odd.key": 1,
    "$schema": "s"
  },
  "tags": {"env": "prod", "Owner": "x"}
}`

func TestPathLookup(t *testing.T) {
	root := target(t, "T", pathDoc).Object
	cases := []struct {
		path  string
		found bool
		want  string // rendered value
	}{
		{"name", true, "a"},
		{"NAME", true, "a"},
		{".", true, ""},
		{"$", true, ""},
		{"$.name", true, "a"},
		{".name", true, "a"},
		{"properties.securityRules[0].name", true, "r0"},
		{"Properties.SecurityRules[1].Properties.Access", true, "Deny"},
		{"properties.securityRules[-1].name", true, "r1"},
		{"properties.securityRules[2].name", false, ""},
		{"properties.securityRules[-3].name", false, ""},
		{"properties['odd.key']", true, "1"},
		{`properties["odd.key"]`, true, "1"},
		{"properties.$schema", true, "s"},
		{"properties.securityRules[*].name", true, `["r0","r1"]`},
		{"properties.securityRules.*.name", true, `["r0","r1"]`},
		{"tags.*", true, `["prod","x"]`},
		{"..access", true, `["Allow","Deny"]`},
		{"properties..name", true, `["r0","r1"]`},
		{"properties.missing", false, ""},
		{"name.deeper", false, ""},
		{"tags[0]", false, ""},
		{"properties.securityRules[*].missing", false, ""},
		{"properties.securityRules[?@.properties.access == 'deny'].name", true, `["r1"]`},
		{"properties.securityRules[?(@.properties.access != 'Deny')].name", true, `["r0"]`},
		{"properties.securityRules[?@.name =~ /1$/].name", true, `["r1"]`},
		{"properties.securityRules[?@.name == 'r0' || @.name == 'r1'].name", true, `["r0","r1"]`},
		{"properties.securityRules[?@.name == 'r0' && @.properties.access == 'Deny'].name", false, ""},
		{"properties.securityRules[?@.properties.access].name", true, `["r0","r1"]`},
		{"properties.securityRules[?!@.properties.priority].name", true, `["r0","r1"]`},
		{"properties.securityRules[?@.priority > 1].name", false, ""},
		{"properties.securityRules[?$.name == 'a'].name", true, `["r0","r1"]`},
		{"tags[?@ == 'PROD']", true, `["prod"]`},
		{"properties.securityRules[0:1].name", true, `["r0"]`},
		{"properties.securityRules[1:].name", true, `["r1"]`},
		{"properties.securityRules[-1:].name", true, `["r1"]`},
		{"properties.securityRules[::-1].name", true, `["r1","r0"]`},
		{"properties.securityRules[::2].name", true, `["r0"]`},
	}
	for _, c := range cases {
		p, err := ParsePath(c.path, source.Pos{})
		if err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		v, found, parent := p.Lookup(root)
		if found != c.found {
			t.Errorf("%s: found = %v, want %v", c.path, found, c.found)
			continue
		}
		if !found {
			if parent == nil {
				t.Errorf("%s: no parent for a missing field", c.path)
			}
			continue
		}
		if c.want == "" {
			if v != root {
				t.Errorf("%s: want the root object", c.path)
			}
			continue
		}
		if got := value.Render(v); got != c.want {
			t.Errorf("%s = %s, want %s", c.path, got, c.want)
		}
	}
}

func TestPathParentOfMissingField(t *testing.T) {
	root := target(t, "T", pathDoc).Object
	p, _ := ParsePath("properties.securityRules[1].properties.priority", source.Pos{})
	_, found, parent := p.Lookup(root)
	if found {
		t.Fatal("priority should be missing")
	}
	o, ok := parent.(*value.Object)
	if !ok || !o.Has("access") {
		t.Fatalf("parent = %v, want the rule's properties object", value.Render(parent))
	}
}

func TestPathResolveNamesEachMatch(t *testing.T) {
	root := target(t, "T", pathDoc).Object
	p, _ := ParsePath("properties.securityRules[*].properties.access", source.Pos{})
	ms := p.Resolve(root)
	var got []string
	for _, m := range ms {
		got = append(got, m.Path+"="+value.Render(m.Value))
	}
	want := "properties.securityRules[0].properties.access=Allow properties.securityRules[1].properties.access=Deny"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func TestPathErrors(t *testing.T) {
	f := source.NewFile("r.yaml", []byte("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"))
	cases := []struct {
		path string
		col  int
		msg  string
	}{
		{"", 1, "is empty"},
		{"a.", 3, "expected a property name after '.'"},
		{"a[", 3, "unterminated '['"},
		{"a[x]", 3, "expected an index"},
		{"a['b]", 3, "unterminated quoted name"},
		{"a['b'x", 6, "expected ']'"},
		{"a[*x]", 4, "expected ']' after '*'"},
		{"a[?(@.x == 1]", 13, "expected ')'"},
		{"a[?@.x == ]", 11, "expected @, $, a string"},
		{"a[?@.x == 'y'", 14, "expected ']'"},
		{"a[?@.x =~ '(']", 14, "invalid regular expression"},
		{"a]", 2, "unexpected"},
		{"a..", 4, "expected a property name after '..'"},
		{"a[1:2:0]", 3, "expected a slice"},
	}
	for _, c := range cases {
		_, err := ParsePath(c.path, f.Pos(0))
		if err == nil {
			t.Errorf("%q: no error", c.path)
			continue
		}
		if pos := err.Pos.Position(); pos.Column != c.col || !strings.Contains(err.Message, c.msg) {
			t.Errorf("%q: %d: %s; want column %d and %q", c.path, pos.Column, err.Message, c.col, c.msg)
		}
	}
}

func TestPathLookupDoesNotAllocate(t *testing.T) {
	root := target(t, "T", pathDoc).Object
	p, _ := ParsePath("properties.securityRules[1].properties.access", source.Pos{})
	n := testing.AllocsPerRun(100, func() { p.Lookup(root) })
	if n != 0 {
		t.Errorf("Lookup allocates %v times per call", n)
	}
	// Objects with many members index their keys by lower case.
	big := target(t, "T", `{"properties": {"a1":1,"a2":2,"a3":3,"a4":4,"a5":5,"a6":6,"a7":7,"a8":8,"a9":9,"publicNetworkAccess":"Disabled"}}`).Object
	q, _ := ParsePath("Properties.PublicNetworkAccess", source.Pos{})
	if v, ok, _ := q.Lookup(big); !ok || value.Render(v) != "Disabled" {
		t.Fatalf("lookup in a big object: %v %v", v, ok)
	}
	if n := testing.AllocsPerRun(100, func() { q.Lookup(big) }); n != 0 {
		t.Errorf("Lookup in a big object allocates %v times per call", n)
	}
}

func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"a.b", "a['b']", "a[0]", "a[-1]", "a[*]", "..x", "$", ".", "$.a[*].b", "a[?x]", "a[", "['x", "a..b.*", "a[?(@.b == 'x' && !@.c)]", "a[?@.b =~ /x/]"} {
		f.Add(s)
	}
	root := value.NewObject(source.Pos{})
	inner := value.NewObject(source.Pos{})
	inner.Set("b", value.NewArray(source.Pos{}, value.String{V: "x"}, inner.Clone()))
	root.Set("a", inner)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePath(s, source.Pos{})
		if err != nil {
			if p != nil {
				t.Fatal("a path and an error")
			}
			return
		}
		if p.Text != s {
			t.Fatalf("Text = %q, want %q", p.Text, s)
		}
		if len(p.segs) > MaxPathSegments+1 {
			t.Fatalf("%d segments", len(p.segs))
		}
		p.Lookup(root)
		p.Resolve(root)
	})
}

func TestPathDescendantStopsAtMatch(t *testing.T) {
	// PSRule's ".." takes the member from each child that has it and does
	// not search that child further, and never looks at the start object
	// itself.
	root := target(t, "T", `{"name": "top", "a": {"name": "mid", "b": {"name": "deep"}}, "c": [{"d": {"name": "inner"}}]}`).Object
	p, _ := ParsePath("..name", source.Pos{})
	v, _, _ := p.Lookup(root)
	if got := value.Render(v); got != `["mid","inner"]` {
		t.Errorf("..name = %s", got)
	}
}
