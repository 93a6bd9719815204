package params

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/expand"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/compile"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

func readJSON(t *testing.T, path string) value.Value {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonc.Parse(source.NewFile(path, data))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The environment the Bicep test suite sets for its parameter baselines.
var testEnv = map[string]string{
	"stringEnvVariableName":   "test",
	"intEnvVariableName":      "100",
	"boolEnvironmentVariable": "true",
}

func lookupEnv(name string) (string, bool) {
	v, ok := testEnv[name]
	return v, ok
}

// TestBaselines evaluates every valid .bicepparam baseline and compares
// each parameter with the value the Bicep compiler wrote to
// parameters.json. Values that are Unknown here (deployment-time inputs)
// are not compared.
func TestBaselines(t *testing.T) {
	root := testdir.Corpus(t, "bicep-samples/baselines_bicepparam")
	dirs, _ := os.ReadDir(root)
	folders, pass := 0, 0
	compared, equal := 0, 0
	var failed []string
	for _, de := range dirs {
		if !de.IsDir() || strings.HasPrefix(de.Name(), "Invalid") {
			continue
		}
		dir := filepath.Join(root, de.Name())
		want, err := os.Stat(filepath.Join(dir, "parameters.json"))
		if err != nil || want.IsDir() {
			continue
		}
		folders++
		f := Load(filepath.Join(dir, "parameters.bicepparam"), Options{Compile: compile.Options{LookupEnv: lookupEnv}})
		expected := readJSON(t, filepath.Join(dir, "parameters.json")).(*value.Object)
		ep, _ := expected.Get("parameters")
		got, _ := f.JSON().Get("parameters")
		ok := true
		for _, m := range ep.(*value.Object).Members() {
			g, found := got.(*value.Object).Get(m.Key)
			if !found {
				t.Logf("%s: parameter %s missing", de.Name(), m.Key)
				ok = false
				continue
			}
			if _, unknown := value.FirstUnknown(g); unknown {
				continue
			}
			compared++
			if canon(g) != canon(m.Value) {
				t.Logf("%s: parameter %s = %s, want %s", de.Name(), m.Key, canon(g), canon(m.Value))
				ok = false
				continue
			}
			equal++
		}
		if ok {
			pass++
		} else {
			failed = append(failed, de.Name())
		}
	}
	t.Logf("bicepparam baselines: %d/%d folders equal; %d/%d known parameter values equal", pass, folders, equal, compared)
	if len(failed) > 0 {
		t.Logf("failing folders: %s", strings.Join(failed, ", "))
	}
	if equal < minBaselineValues {
		t.Errorf("%d parameter values equal, at least %d did before", equal, minBaselineValues)
	}
}

const minBaselineValues = 37

// canon renders a value as JSON with sorted keys.
func canon(v value.Value) string {
	var b strings.Builder
	writeCanon(&b, v)
	return b.String()
}

func writeCanon(b *strings.Builder, v value.Value) {
	switch v := v.(type) {
	case *value.Array:
		b.WriteByte('[')
		for i, e := range v.Elems {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCanon(b, e)
		}
		b.WriteByte(']')
	case *value.Object:
		ms := append([]value.Member(nil), v.Members()...)
		sort.Slice(ms, func(i, j int) bool { return ms[i].Key < ms[j].Key })
		b.WriteByte('{')
		for i, m := range ms {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(value.AppendJSON(nil, value.String{V: m.Key}))
			b.WriteByte(':')
			writeCanon(b, m.Value)
		}
		b.WriteByte('}')
	case value.Float:
		if v.V == float64(int64(v.V)) {
			b.Write(value.AppendJSON(nil, value.Int{V: int64(v.V)}))
			return
		}
		b.Write(value.AppendJSON(nil, v))
	default:
		b.Write(value.AppendJSON(nil, v))
	}
}

// snapshotContext is the context of the Bicep CLI's snapshot tests.
func snapshotContext(t *testing.T) *eval.Context {
	ctx := eval.DefaultContext()
	sub := value.NewObject(source.Pos{})
	sub.Set("subscriptionId", value.String{V: "00000000-0000-0000-0000-000000000000"})
	ctx, err := ctx.WithOverrides(eval.KeySubscription, sub)
	if err != nil {
		t.Fatal(err)
	}
	rg := value.NewObject(source.Pos{})
	rg.Set("name", value.String{V: "myRg"})
	rg.Set("location", value.String{V: "eastus"})
	ctx, err = ctx.WithOverrides(eval.KeyResourceGroup, rg)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

// TestSnapshots compiles and expands each snapshot case's main.bicepparam
// and compares the resources with the predictedResources of
// main.snapshot.json. Predicted values that are still expressions
// ("[...]") are not compared.
func TestSnapshots(t *testing.T) {
	root := testdir.Corpus(t, "bicep-snapshots")
	dirs, _ := os.ReadDir(root)
	total, pass := 0, 0
	for _, de := range dirs {
		if !de.IsDir() {
			continue
		}
		dir := filepath.Join(root, de.Name())
		total++
		ctx := snapshotContext(t)
		f := Load(filepath.Join(dir, "main.bicepparam"), Options{Context: ctx})
		if f.Template == nil {
			t.Errorf("%s: no template: %v", de.Name(), f.Errors)
			continue
		}
		tpl, errs := template.Decode(f.TemplateFile, f.Template)
		if tpl == nil {
			t.Errorf("%s: %v", de.Name(), errs)
			continue
		}
		res := expand.Expand(tpl, expand.Options{Context: ctx, Parameters: f.Parameters()})
		snap := readJSON(t, filepath.Join(dir, "main.snapshot.json")).(*value.Object)
		pr, _ := snap.Get("predictedResources")
		want := pr.(*value.Array).Elems
		msg := ""
		if len(res.Resources) != len(want) {
			msg = "resource count " + itoa(len(res.Resources)) + ", want " + itoa(len(want))
		}
		for i := 0; msg == "" && i < len(want); i++ {
			if d := diff(res.Resources[i].Body, want[i], "$"); d != "" {
				msg = d
			}
		}
		if msg != "" {
			t.Logf("%s: %s (errors: %v)", de.Name(), msg, append(f.Errors, res.AllErrors()...))
			continue
		}
		pass++
	}
	t.Logf("bicep-snapshots: %d/%d cases predict the same resources", pass, total)
	if pass < minSnapshots {
		t.Errorf("%d snapshot cases pass, at least %d did before", pass, minSnapshots)
	}
}

const minSnapshots = 5

// diff compares got with a predicted value; "" means equal. Predicted
// strings that are expressions match anything.
func diff(got, want value.Value, path string) string {
	if s, ok := want.(value.String); ok && eval.IsExpression(s.V) {
		return ""
	}
	switch w := want.(type) {
	case *value.Object:
		g, ok := got.(*value.Object)
		if !ok {
			return path + ": got " + value.Render(got) + ", want an object"
		}
		for _, m := range w.Members() {
			gv, ok := g.Get(m.Key)
			if !ok {
				return path + "." + m.Key + ": missing"
			}
			if d := diff(gv, m.Value, path+"."+m.Key); d != "" {
				return d
			}
		}
		return ""
	case *value.Array:
		g, ok := got.(*value.Array)
		if !ok || len(g.Elems) != len(w.Elems) {
			return path + ": got " + value.Render(got) + ", want " + value.Render(want)
		}
		for i := range w.Elems {
			if d := diff(g.Elems[i], w.Elems[i], path+"["+itoa(i)+"]"); d != "" {
				return d
			}
		}
		return ""
	}
	if canon(got) != canon(want) {
		return path + ": got " + canon(got) + ", want " + canon(want)
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }
