package expand

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// load reads, parses and decodes a template file.
func load(t testing.TB, path string) (*template.Template, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f := source.NewFile(path, data)
	v, err := jsonc.Parse(f)
	if err != nil {
		return nil, err
	}
	tpl, errs := template.Decode(f, v)
	if len(errs) > 0 {
		return tpl, errs
	}
	return tpl, nil
}

var placeholder = regexp.MustCompile(`\{\{.*\}\}`)

// normalise renders a resource for comparison: Unknown values and
// placeholders become one marker (the two compilations name deployment
// values differently, e.g. reference('kv') and reference(resourceId(...))),
// and the inner template of a nested deployment is left out (its own
// resources are compared on their own).
func normalise(r *Resource) string {
	b := value.DeepCopy(r.Body).(*value.Object)
	if p, ok := b.Get("properties"); ok {
		if po, ok := p.(*value.Object); ok && value.EqualFold(r.Type, "Microsoft.Resources/deployments") {
			po.Delete("template")
		}
	}
	return placeholder.ReplaceAllString(string(value.AppendJSON(nil, scrub(b))), "{{?}}")
}

func scrub(v value.Value) value.Value {
	switch v := v.(type) {
	case value.Unknown:
		return value.String{V: "{{?}}"}
	case *value.Array:
		for i, e := range v.Elems {
			v.Elems[i] = scrub(e)
		}
	case *value.Object:
		for _, m := range v.Members() {
			v.Set(m.Key, scrub(m.Value))
		}
	}
	return v
}

func summary(res *Result) []string {
	out := make([]string, 0, len(res.Resources))
	for _, r := range res.Resources {
		out = append(out, placeholder.ReplaceAllString(r.Type+" "+r.Name+" "+r.ID, "{{?}}")+"\n  "+normalise(r))
	}
	sort.Strings(out)
	return out
}

func firstErrors(l source.ErrorList, n int) string {
	var b strings.Builder
	for i, e := range l {
		if i == n {
			b.WriteString("\n    ...")
			break
		}
		b.WriteString("\n    " + e.Error())
	}
	return b.String()
}

// knownInvalid are sample folders whose templates fail in Azure too: the
// Bicep compiler's tests compile them, but deploying evaluates an
// expression that ARM rejects. Each maps to the only error messages
// allowed (substrings); any other error still fails the test.
var knownInvalid = map[string][]string{
	// variables('regions')[add(i, i)] reads index 2 of a 2-element array.
	// Module loops over the same names deploy 'one0', 'two1' twice.
	"baselines/LoopsIndexed_LF": {"array index 2 is out of bounds", "'apim' has 2 instances; index 2 is out of range", "is declared more than once"},
	// div(range(1, 2)[copyIndex('b')], copyIndex('b')) divides by 0.
	// Several module loops deploy deployments named 'one' and 'two'.
	"baselines/Modules_CRLF": {"division by zero", "is declared more than once"},
	"baselines/Loops_LF":     {"is declared more than once"},
	// A copy loop whose name does not vary ('loopParent/loopChild').
	"baselines/NestedResources_LF": {"is declared more than once"},
	// Loops over the same vnet names in several declarations.
	"baselines/Resources_CRLF": {"is declared more than once"},
	// concat('abc', createArray('hello'), 'def') mixes strings and arrays.
	"baselines/NewlineSensitivity_LF": {"concat: argument 2 must be a string"},
	// createObject()[location], true()[false()], mul() overflowing int64.
	"baselines/Variables_LF": {"property 'eastus' does not exist", "cannot access member false of a Bool", "does not fit in a 64-bit integer"},
	// split('subnet-01', '/')[1] with the parameter's default value, and
	// the subnet named 'subnet-01' instead of 'vnet/subnet-01'.
	"user_submitted/101/sqlmi-new-vnet":       {"array index 1 is out of bounds", "the resource name 'subnet-01' has 1 segment,"},
	"user_submitted/201/web-app-asev2-create": {"array index 1 is out of bounds", "the resource name 'subnet-01' has 1 segment,"},
	// A policy of type apis/operations/policies named service/api/policy,
	// and an api named service/product/api: names that do not fit the type.
	// ... and the user exampleUser1 declared twice.
	"user_submitted/201/api-management-create-all-resources": {"has 3 segments, but type 'Microsoft.ApiManagement/service/apis", "is declared more than once"},
}

// unexpected returns the errors that knownInvalid does not allow.
func unexpected(folder string, errs source.ErrorList) source.ErrorList {
	allowed := knownInvalid[folder]
	var out source.ErrorList
	for _, e := range errs {
		ok := false
		for _, a := range allowed {
			if strings.Contains(e.Message, a) {
				ok = true
			}
		}
		if !ok {
			out = append(out, e)
		}
	}
	return out
}

// TestBicepSamplesEquivalent expands both compilations of every sample
// folder (classic main.json and languageVersion 2.0
// main.symbolicnames.json): both must expand without error, to the same
// resources.
func TestBicepSamplesEquivalent(t *testing.T) {
	root := testdir.Corpus(t, "bicep-samples")
	var dirs []string
	for _, sub := range []string{"baselines", "user_submitted"} {
		filepath.WalkDir(filepath.Join(root, sub), func(path string, de os.DirEntry, err error) error {
			if err == nil && !de.IsDir() && de.Name() == "main.symbolicnames.json" {
				if _, err := os.Stat(filepath.Join(filepath.Dir(path), "main.json")); err == nil {
					dirs = append(dirs, filepath.Dir(path))
				}
			}
			return nil
		})
	}
	pass, invalid := 0, 0
	var failed []string
	for _, dir := range dirs {
		rel, _ := filepath.Rel(root, dir)
		rel = filepath.ToSlash(rel)
		ok := true
		sawErrors := false
		var sums [2][]string
		for i, name := range []string{"main.json", "main.symbolicnames.json"} {
			tpl, err := load(t, filepath.Join(dir, name))
			if err != nil {
				t.Errorf("%s/%s: %v", rel, name, err)
				ok = false
				continue
			}
			res := Expand(tpl, Options{})
			all := res.AllErrors()
			sawErrors = sawErrors || len(all) > 0
			if errs := unexpected(rel, all); len(errs) > 0 {
				t.Errorf("%s/%s: %d expansion errors:%s", rel, name, len(errs), firstErrors(errs, 5))
				ok = false
			}
			sums[i] = summary(res)
		}
		if ok {
			if a, b := strings.Join(sums[0], "\n"), strings.Join(sums[1], "\n"); a != b {
				t.Errorf("%s: main.json and main.symbolicnames.json expand differently:\n%s", rel, diffLines(sums[0], sums[1]))
				ok = false
			}
		}
		switch {
		case !ok:
			failed = append(failed, rel)
		case knownInvalid[rel] != nil:
			if !sawErrors {
				t.Errorf("%s: expected the errors Azure reports for this template (%s), got none", rel, strings.Join(knownInvalid[rel], "; "))
			}
			invalid++
		default:
			pass++
		}
	}
	t.Logf("bicep-samples: %d/%d folders expand without error to the same resources from both compilations; %d more report only the errors Azure would (knownInvalid)", pass, len(dirs), invalid)
	if len(failed) > 0 {
		t.Logf("failing folders: %s", strings.Join(failed, ", "))
	}
}

// diffLines shows the entries that only one side has.
func diffLines(a, b []string) string {
	in := func(l []string) map[string]bool {
		m := map[string]bool{}
		for _, s := range l {
			m[s] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out strings.Builder
	n := 0
	for _, s := range a {
		if !mb[s] && n < 6 {
			out.WriteString("  - main.json: " + s + "\n")
			n++
		}
	}
	for _, s := range b {
		if !ma[s] && n < 12 {
			out.WriteString("  + symbolic:  " + s + "\n")
			n++
		}
	}
	return out.String()
}

// carmlTemplates lists every CARML main.json.
func carmlTemplates(t testing.TB) []string {
	root := testdir.Corpus(t, "carml")
	var files []string
	filepath.WalkDir(root, func(path string, de os.DirEntry, err error) error {
		if err == nil && !de.IsDir() && de.Name() == "main.json" {
			files = append(files, path)
		}
		return nil
	})
	return files
}

// TestCARML expands every CARML module's compiled template: none may
// report an error.
func TestCARML(t *testing.T) {
	files := carmlTemplates(t)
	root := testdir.Corpus(t, "carml")
	pass := 0
	for _, path := range files {
		rel, _ := filepath.Rel(root, path)
		tpl, err := load(t, path)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		res := Expand(tpl, Options{})
		if errs := res.AllErrors(); len(errs) > 0 {
			t.Errorf("%s: %d expansion errors:%s", rel, len(errs), firstErrors(errs, 3))
			continue
		}
		pass++
	}
	t.Logf("carml: %d/%d main.json expand without error", pass, len(files))
}

// BenchmarkExpandCARML expands every CARML main.json (already decoded).
func BenchmarkExpandCARML(b *testing.B) {
	files := carmlTemplates(b)
	var tpls []*template.Template
	var size int64
	for _, path := range files {
		tpl, err := load(b, path)
		if err != nil {
			continue
		}
		tpls = append(tpls, tpl)
		size += int64(len(tpl.File.Content))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, tpl := range tpls {
			Expand(tpl, Options{})
		}
	}
}
