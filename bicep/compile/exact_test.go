package compile

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// Floors for TestExactResourceJSON: the counts last reached.
const minExactResources = 1515

var minExactSections = map[string]int{"parameters": 4531, "variables": 463, "outputs": 1371, "definitions": 439}

// TestExactResourceJSON measures how close the emitted JSON is to the
// Bicep compiler's own text: for the CARML modules, the share of
// top-level resource declarations whose emitted JSON (nested templates
// and dependsOn left out) is identical to main.json's, key order and
// expression text included.
func TestExactResourceJSON(t *testing.T) {
	root := corpusDir(t, "carml")
	total, same := 0, 0
	shown := 0
	secTotal, secSame := map[string]int{}, map[string]int{}
	secShown := 0
	filepath.WalkDir(root, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || de.Name() != "main.bicep" {
			return nil
		}
		data, err := os.ReadFile(filepath.Join(filepath.Dir(path), "main.json"))
		if err != nil {
			return nil
		}
		want, err := jsonc.Parse(source.NewFile("main.json", data))
		if err != nil {
			return nil
		}
		// CARML was compiled by a Bicep that wrote extension scopes
		// relative to the deployment.
		r := BuildFile(path, Options{RelativeScopes: true, DeploymentsAPIVersion: "2022-09-01"})
		if r.Template == nil {
			return nil
		}
		// Order is compared by the expansion tests; here only the text.
		g, w := resourceList(r.Template), resourceList(want.(*value.Object))
		sort.Strings(g)
		sort.Strings(w)
		for _, sec := range []string{"parameters", "variables", "outputs", "definitions", "functions"} {
			gs, ws := sectionList(r.Template, sec), sectionList(want.(*value.Object), sec)
			for k, wv := range ws {
				secTotal[sec]++
				if gs[k] == wv {
					secSame[sec]++
				} else if secShown < 8 && testing.Verbose() {
					secShown++
					t.Logf("%s %s.%s:\n  got  %s\n  want %s", path, sec, k, clip(gs[k]), clip(wv))
				}
			}
		}
		for i := range w {
			total++
			if i < len(g) && g[i] == w[i] {
				same++
			} else if shown < 5 && testing.Verbose() {
				shown++
				got := ""
				if i < len(g) {
					got = g[i]
				}
				t.Logf("%s:\n  got  %s\n  want %s", path, clip(got), clip(w[i]))
			}
		}
		return nil
	})
	t.Logf("carml: %d/%d resource declarations emitted exactly as the Bicep compiler wrote them", same, total)
	for _, sec := range []string{"parameters", "variables", "outputs", "definitions", "functions"} {
		t.Logf("carml: %d/%d %s emitted exactly", secSame[sec], secTotal[sec], sec)
		if secSame[sec] < minExactSections[sec] {
			t.Errorf("%d exact %s, at least %d before", secSame[sec], sec, minExactSections[sec])
		}
	}
	if same < minExactResources {
		t.Errorf("%d exact resources, at least %d before", same, minExactResources)
	}
}

// resourceList renders each top-level resource without dependsOn and
// nested templates.
func resourceList(t *value.Object) []string {
	rs, _ := t.Get("resources")
	var list []value.Value
	switch rs := rs.(type) {
	case *value.Array:
		list = rs.Elems
	case *value.Object:
		for _, m := range rs.Members() {
			list = append(list, m.Value)
		}
	}
	var out []string
	for _, r := range list {
		o, ok := r.(*value.Object)
		if !ok {
			continue
		}
		o = value.DeepCopy(o).(*value.Object)
		o.Delete("dependsOn")
		if p, ok := o.Get("properties"); ok {
			if po, ok := p.(*value.Object); ok && po.Has("template") {
				po.Set("template", value.String{V: "..."})
			}
		}
		// Bicep writes types in the casing of its type registry, which
		// azrule does not carry: compare without case.
		out = append(out, strings.ToLower(string(value.AppendJSON(nil, o))))
	}
	return out
}

func typeOf(o *value.Object) string {
	v, _ := o.Get("type")
	s, _ := v.(value.String)
	return s.V
}

// sectionList renders each member of a template section (parameters,
// variables, ...) by name.
func sectionList(t *value.Object, sec string) map[string]string {
	out := map[string]string{}
	v, ok := t.Get(sec)
	if !ok {
		return out
	}
	switch v := v.(type) {
	case *value.Object:
		for _, m := range v.Members() {
			out[m.Key] = strings.ToLower(string(value.AppendJSON(nil, m.Value)))
		}
	case *value.Array:
		for i, e := range v.Elems {
			out[itoa(i)] = strings.ToLower(string(value.AppendJSON(nil, e)))
		}
	}
	return out
}
