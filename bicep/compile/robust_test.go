package compile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/arm/expand"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/parser"
	"github.com/azrule/azrule/source"
)

// TestNoPanicOnCorpus compiles every .bicep file of the samples, the
// invalid ones included: the compiler must return a template and
// diagnostics, never panic.
func TestNoPanicOnCorpus(t *testing.T) {
	root := testdir.Corpus(t, "bicep-samples")
	n := 0
	filepath.WalkDir(root, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasSuffix(path, ".bicep") {
			return nil
		}
		n++
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: panic: %v", path, r)
				}
			}()
			if r := BuildFile(path, Options{}); r.Template == nil {
				t.Errorf("%s: no template", path)
			}
		}()
		return nil
	})
	t.Logf("compiled %d .bicep files without a panic", n)
}

// FuzzCompile compiles arbitrary input: no panic, always a template.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"param p string\nresource r 'A.B/c@1' = {\n  name: p\n}\n",
		"var x = [for (a, i) in range(0, 3): {\n  v: a\n}]\n",
		"module m 'm.bicep' = [for x in []: if (true) {\n  name: x\n}]\n",
		"output o object = a.?b[^1]!.c ?? {...d, e: [...f]}\n",
		"resource p 'A.B/c@1' = {\n  name: 'x'\n  resource c 'd' = {\n    name: 'y'\n    parent: p\n  }\n}\n",
		"import * as ns from 'x.bicep'\ntype t = ns.u\nfunc f(a t) t => a\n",
		"import {a as b} from 'x.json'\nvar c = b\n",
		"extension kubernetes as k8s\nmodule m 'x.bicep' = {\n  extensionConfigs: {\n    k8s: {\n      a: true ? k8s.config.a : 'b'\n    }\n  }\n}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file := source.NewFile("fuzz.bicep", []byte(src))
		pf, _ := parser.ParseFile(file)
		r := Compile(pf, "fuzz.bicep", Options{ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }})
		if r.Template == nil {
			t.Fatal("no template")
		}
	})
}

// TestPositions checks that expanded resources and their values point at
// the Bicep syntax that wrote them.
func TestPositions(t *testing.T) {
	src := "param location string = 'eastus'\n" +
		"resource sa 'Microsoft.Storage/storageAccounts@2022-09-01' = {\n" +
		"  name: 'stg${uniqueString(resourceGroup().id)}'\n" +
		"  location: location\n" +
		"  properties: {\n" +
		"    supportsHttpsTrafficOnly: false\n" +
		"  }\n" +
		"}\n"
	f := source.NewFile("main.bicep", []byte(src))
	pf, errs := parser.ParseFile(f)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	r := Compile(pf, "main.bicep", Options{})
	tpl, errs := template.Decode(f, r.Template)
	if len(errs) > 0 || tpl == nil {
		t.Fatal(errs)
	}
	res := expand.Expand(tpl, expand.Options{})
	if len(res.Resources) != 1 {
		t.Fatalf("%d resources", len(res.Resources))
	}
	rs := res.Resources[0]
	if got := rs.Pos.String(); got != "main.bicep:2:1" {
		t.Errorf("resource at %s, want main.bicep:2:1", got)
	}
	props, _ := rs.Body.Get("properties")
	v, _ := props.(*value.Object).Get("supportsHttpsTrafficOnly")
	if got := v.Pos().String(); got != "main.bicep:6:31" {
		t.Errorf("supportsHttpsTrafficOnly at %s, want main.bicep:6:31", got)
	}
	loc, _ := rs.Body.Get("location")
	if got := loc.Pos().String(); !strings.HasPrefix(got, "main.bicep:") {
		t.Errorf("location at %s, want a place in main.bicep", got)
	}
	if rs.Name == "" || !strings.HasPrefix(rs.Name, "stg") {
		t.Errorf("name %q", rs.Name)
	}
}
