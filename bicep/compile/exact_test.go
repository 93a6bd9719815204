package compile

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// Floors for TestExactResourceJSON: the counts last reached.
const minExactResources = 1517

var minExactSections = map[string]int{"parameters": 4531, "variables": 463, "outputs": 1371, "definitions": 439}

const minExactSampleResources = 757

var minExactSampleSections = map[string]int{"parameters": 1027, "variables": 745, "outputs": 191, "definitions": 40, "functions": 3}

// Floors for exact dependsOn lists.
const minExactDepsCARML, minExactDepsSamples = 1509, 737

// TestExactResourceJSON measures how close the emitted JSON is to the
// Bicep compiler's own text: the share of resource declarations and of
// parameters, variables, outputs, definitions and functions whose emitted
// JSON (nested templates and dependsOn left out, types compared without
// case) is identical to main.json's, key order and expression text
// included. CARML was compiled by an older Bicep (relative extension
// scopes, deployments API 2022-09-01), the samples by a current one.
func TestExactResourceJSON(t *testing.T) {
	carml := testdir.Corpus(t, "carml")
	var mods []string
	filepath.WalkDir(carml, func(path string, de os.DirEntry, err error) error {
		if err == nil && !de.IsDir() && de.Name() == "main.bicep" {
			mods = append(mods, filepath.Dir(path))
		}
		return nil
	})
	st := exactStats(t, mods, Options{Legacy: true, DeploymentsAPIVersion: "2022-09-01"})
	st.report(t, "carml", minExactResources, minExactSections)
	if st.depSame < minExactDepsCARML {
		t.Errorf("carml: %d exact dependsOn lists, at least %d before", st.depSame, minExactDepsCARML)
	}
	samples := testdir.Corpus(t, "bicep-samples")
	st = exactStats(t, sampleFolders(t, samples), Options{})
	st.report(t, "bicep-samples", minExactSampleResources, minExactSampleSections)
	if st.depSame < minExactDepsSamples {
		t.Errorf("bicep-samples: %d exact dependsOn lists, at least %d before", st.depSame, minExactDepsSamples)
	}
}

type exactCounts struct {
	total, same       int
	depTotal, depSame int
	secTotal, secSame map[string]int
}

var sections = []string{"parameters", "variables", "outputs", "definitions", "functions"}

func (st exactCounts) report(t *testing.T, name string, minRes int, minSec map[string]int) {
	t.Logf("%s: %d/%d resource declarations emitted exactly as the Bicep compiler wrote them", name, st.same, st.total)
	if st.same < minRes {
		t.Errorf("%s: %d exact resources, at least %d before", name, st.same, minRes)
	}
	t.Logf("%s: %d/%d dependsOn lists emitted exactly", name, st.depSame, st.depTotal)
	for _, sec := range sections {
		t.Logf("%s: %d/%d %s emitted exactly", name, st.secSame[sec], st.secTotal[sec], sec)
		if st.secSame[sec] < minSec[sec] {
			t.Errorf("%s: %d exact %s, at least %d before", name, st.secSame[sec], sec, minSec[sec])
		}
	}
}

func exactStats(t *testing.T, dirs []string, opts Options) exactCounts {
	st := exactCounts{secTotal: map[string]int{}, secSame: map[string]int{}}
	shown := 0
	show := func(what, got, want string) {
		if shown < 400 && testing.Verbose() {
			shown++
			t.Logf("%s:\n  got  %s\n  want %s", what, clip(got), clip(want))
		}
	}
	for _, dir := range dirs {
		data, err := os.ReadFile(filepath.Join(dir, "main.json"))
		if err != nil {
			continue
		}
		want, err := jsonc.Parse(source.NewFile("main.json", data))
		if err != nil {
			continue
		}
		r := BuildFile(filepath.Join(dir, "main.bicep"), opts)
		if r.Template == nil {
			continue
		}
		wo := want.(*value.Object)
		for _, sec := range sections {
			gs, ws := sectionList(r.Template, sec), sectionList(wo, sec)
			for k, wv := range ws {
				st.secTotal[sec]++
				if gs[k] == wv {
					st.secSame[sec]++
				} else {
					show(dir+" "+sec+"."+k, gs[k], wv)
				}
			}
		}
		// Order is compared by the expansion tests; here only the text.
		g, w := resourceList(r.Template), resourceList(wo)
		gd, wd := dependsList(r.Template), dependsList(wo)
		for k, v := range wd {
			st.depTotal++
			if gd[k] == v {
				st.depSame++
			} else {
				show(dir+" dependsOn of "+k, gd[k], v)
			}
		}
		sort.Strings(g)
		sort.Strings(w)
		for i := range w {
			st.total++
			if i < len(g) && g[i] == w[i] {
				st.same++
			} else if i < len(g) {
				show(dir, g[i], w[i])
			}
		}
	}
	return st
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

// dependsList renders each resource's dependsOn by resource name (or
// symbolic name).
func dependsList(t *value.Object) map[string]string {
	out := map[string]string{}
	rs, _ := t.Get("resources")
	add := func(key string, r value.Value) {
		o, ok := r.(*value.Object)
		if !ok {
			return
		}
		d, _ := o.Get("dependsOn")
		if d == nil {
			d = value.NewArray(o.At)
		}
		out[key] = strings.ToLower(string(value.AppendJSON(nil, d)))
	}
	switch rs := rs.(type) {
	case *value.Array:
		for _, r := range rs.Elems {
			if o, ok := r.(*value.Object); ok {
				n, _ := o.Get("name")
				c, _ := o.Get("copy")
				add(strings.ToLower(string(value.AppendJSON(value.AppendJSON(nil, n), c))), r)
			}
		}
	case *value.Object:
		for _, m := range rs.Members() {
			add(m.Key, m.Value)
		}
	}
	return out
}
