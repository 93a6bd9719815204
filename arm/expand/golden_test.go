package expand

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// readTemplate loads a template for the golden tests, with file names
// relative to the package directory so golden output is stable.
func readTemplate(path string) (*template.Template, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f := source.NewFile(filepath.ToSlash(path), data)
	v, err := jsonc.Parse(f)
	if err != nil {
		return nil, err
	}
	tpl, errs := template.Decode(f, v)
	if len(errs) > 0 {
		return nil, errs
	}
	return tpl, nil
}

// resolveTestdata resolves linked templates relative to the linking
// file, refusing paths that leave testdata as the real caller does.
func resolveTestdata(from *source.File, rel string) (*template.Template, error) {
	p := filepath.Clean(filepath.Join(filepath.Dir(from.Name), rel))
	if !strings.HasPrefix(p, "testdata") {
		return nil, fmt.Errorf("%s is outside the scanned tree", rel)
	}
	return readTemplate(p)
}

// goldenDoc renders a result for the golden files: each resource with
// its identity, where it was declared, its body and its errors.
func goldenDoc(res *Result) []byte {
	var b strings.Builder
	b.WriteString("{\"resources\": [")
	for i, r := range res.Resources {
		if i > 0 {
			b.WriteString(",")
		}
		o := value.NewObject(source.Pos{})
		o.Set("id", value.String{V: r.ID})
		o.Set("type", value.String{V: r.Type})
		o.Set("name", value.String{V: r.Name})
		o.Set("apiVersion", value.String{V: r.APIVersion})
		if r.Symbol != "" {
			o.Set("symbol", value.String{V: r.Symbol})
		}
		if r.Deployment != "" {
			o.Set("deployment", value.String{V: r.Deployment})
		}
		if r.ConditionUnknown {
			o.Set("conditionUnknown", value.Bool{V: true})
		}
		if r.CountUnknown {
			o.Set("countUnknown", value.Bool{V: true})
		}
		o.Set("declared", value.String{V: r.Pos.String()})
		o.Set("body", r.Body)
		if len(r.Errors) > 0 {
			o.Set("errors", errorArray(r.Errors))
		}
		b.Write(value.AppendJSON(nil, o))
	}
	b.WriteString("], \"outputs\": ")
	b.Write(value.AppendJSON(nil, res.Outputs))
	b.WriteString(", \"errors\": ")
	b.Write(value.AppendJSON(nil, errorArray(res.Errors)))
	b.WriteString("}")
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(b.String()), "", "  "); err != nil {
		panic(err)
	}
	out.WriteByte('\n')
	return out.Bytes()
}

func errorArray(l source.ErrorList) *value.Array {
	a := &value.Array{Elems: []value.Value{}}
	for _, e := range l {
		s := e.Pos.String() + ": "
		if e.Code != "" {
			s += e.Code + " "
		}
		a.Elems = append(a.Elems, value.String{V: s + e.Message})
	}
	return a
}

// TestGolden expands each testdata/*.json template (with x.parameters.json
// as its parameter file and x.defaults.json as AZURE_PARAMETER_DEFAULTS
// when present) and compares with testdata/golden/x.golden. Run with
// -update to rewrite the golden files after checking the difference.
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.json")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range paths {
		base := strings.TrimSuffix(filepath.Base(path), ".json")
		if strings.HasSuffix(base, ".parameters") || strings.HasSuffix(base, ".defaults") {
			continue
		}
		n++
		t.Run(base, func(t *testing.T) {
			tpl, err := readTemplate(path)
			if err != nil {
				t.Fatal(err)
			}
			opts := Options{Resolve: resolveTestdata}
			if pf := "testdata/" + base + ".parameters.json"; exists(pf) {
				data, _ := os.ReadFile(pf)
				f := source.NewFile(pf, data)
				v, err := jsonc.Parse(f)
				if err != nil {
					t.Fatal(err)
				}
				p, errs := template.DecodeParameters(f, v)
				if len(errs) > 0 {
					t.Fatal(errs)
				}
				opts.Parameters = p.Values()
			}
			if df := "testdata/" + base + ".defaults.json"; exists(df) {
				data, _ := os.ReadFile(df)
				v, err := jsonc.Parse(source.NewFile(df, data))
				if err != nil {
					t.Fatal(err)
				}
				opts.ParameterDefaults = v.(*value.Object)
			}
			got := goldenDoc(Expand(tpl, opts))
			golden := "testdata/golden/" + base + ".golden"
			if *update {
				if err := os.MkdirAll("testdata/golden", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("expansion of %s differs from %s:\n%s", path, golden, lineDiff(string(want), string(got)))
			}
		})
	}
	if n == 0 {
		t.Fatal("no golden templates found in testdata")
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// lineDiff shows the first lines that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want: %s\n  got:  %s\n", i+1, wl, gl)
			if shown++; shown == 8 {
				break
			}
		}
	}
	return b.String()
}
