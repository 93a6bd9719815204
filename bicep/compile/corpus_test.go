package compile

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/arm/expand"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// expandJSON expands a compiled template file.
func expandJSON(path string, opts expand.Options) (*expand.Result, error) {
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
	if tpl == nil {
		return nil, errs
	}
	return expand.Expand(tpl, opts), nil
}

// expandBicep compiles and expands a .bicep file.
func expandBicep(path string, opts expand.Options) (*expand.Result, source.ErrorList) {
	return expandBicepWith(path, Options{}, opts)
}

func expandBicepWith(path string, copts Options, opts expand.Options) (*expand.Result, source.ErrorList) {
	r := BuildFile(path, copts)
	if r.Template == nil {
		return nil, r.Errors
	}
	tpl, errs := template.Decode(r.File, r.Template)
	errs = append(r.Errors, errs...)
	if tpl == nil {
		return nil, errs
	}
	return expand.Expand(tpl, opts), errs
}

var placeholder = regexp.MustCompile(`\{\{.*\}\}`)

// canon renders a resource for comparison: keys sorted, deployment-time
// values as one marker (the two compilations name them differently), the
// inner template and apiVersion of nested deployments left out (each
// nested resource is compared on its own; Bicep versions differ in the
// deployments apiVersion), and generator metadata dropped.
func canon(r *expand.Resource) string {
	var b strings.Builder
	b.WriteString(placeholder.ReplaceAllString(r.Type+" "+r.Name+" "+r.ID, "{{?}}"))
	b.WriteString("\n  ")
	body := value.DeepCopy(r.Body).(*value.Object)
	// The id already says where an extension resource is; Bicep versions
	// write its scope property relative or as a full id.
	body.Delete("scope")
	// Bicep versions name the extension of a non-Azure resource
	// "import" or "extension".
	body.Delete("import")
	body.Delete("extension")
	if value.EqualFold(r.Type, "Microsoft.Resources/deployments") {
		body.Delete("apiVersion")
		if p, ok := body.Get("properties"); ok {
			if po, ok := p.(*value.Object); ok {
				po.Delete("template")
			}
		}
	}
	writeCanon(&b, body, 0)
	// Bicep writes resource types with the casing of its type registry,
	// which azrule does not carry; ARM compares them without case.
	return strings.ToLower(placeholder.ReplaceAllString(b.String(), "{{?}}"))
}

func writeCanon(b *strings.Builder, v value.Value, depth int) {
	if depth > 200 {
		return
	}
	switch v := v.(type) {
	case value.Unknown:
		b.WriteString(`"{{?}}"`)
	case *value.Array:
		b.WriteByte('[')
		for i, e := range v.Elems {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCanon(b, e, depth+1)
		}
		b.WriteByte(']')
	case *value.Object:
		ms := append([]value.Member(nil), v.Members()...)
		sort.Slice(ms, func(i, j int) bool { return strings.ToLower(ms[i].Key) < strings.ToLower(ms[j].Key) })
		b.WriteByte('{')
		for i, m := range ms {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(value.AppendJSON(nil, value.String{V: m.Key}))
			b.WriteByte(':')
			writeCanon(b, m.Value, depth+1)
		}
		b.WriteByte('}')
	default:
		b.Write(value.AppendJSON(nil, v))
	}
}

func summary(res *expand.Result) []string {
	out := make([]string, 0, len(res.Resources))
	for _, r := range res.Resources {
		out = append(out, canon(r))
	}
	sort.Strings(out)
	return out
}

// firstDiff describes the first entry that differs.
func firstDiff(got, want []string) string {
	in := func(l []string) map[string]bool {
		m := map[string]bool{}
		for _, s := range l {
			m[s] = true
		}
		return m
	}
	g, w := in(got), in(want)
	var b strings.Builder
	n := 0
	for _, s := range got {
		if !w[s] && n < 2 {
			b.WriteString("\n    bicep: " + clip(s))
			n++
		}
	}
	for _, s := range want {
		if !g[s] && n < 4 {
			b.WriteString("\n    json:  " + clip(s))
			n++
		}
	}
	if n == 0 {
		b.WriteString("\n    (resource counts differ)")
	}
	return b.String()
}

func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + "..."
	}
	return s
}

// compareFolder compiles dir/main.bicep and expands it and dir/main.json
// with the same default context; "" means the resources are equal.
func compareFolder(dir string) string { return compareFolderWith(dir, Options{}) }

func compareFolderWith(dir string, copts Options) string {
	got, errs := expandBicepWith(filepath.Join(dir, "main.bicep"), copts, expand.Options{})
	if got == nil {
		return "compile: " + firstErrs(errs)
	}
	if len(errs) > 0 {
		return "compile: " + firstErrs(errs)
	}
	want, err := expandJSON(filepath.Join(dir, "main.json"), expand.Options{})
	if err != nil || want == nil {
		return "" // the reference itself does not load: nothing to compare
	}
	g, w := summary(got), summary(want)
	if strings.Join(g, "\n") != strings.Join(w, "\n") {
		return "resources differ:" + firstDiff(g, w)
	}
	return ""
}

func firstErrs(l source.ErrorList) string {
	var b strings.Builder
	for i, e := range l {
		if i == 3 {
			b.WriteString(" ...")
			break
		}
		b.WriteString("\n    " + e.Error())
	}
	return b.String()
}

// corpusArtefacts drops the errors that the corpus itself causes, not the
// compiler: CARML tests fill names with a '#_namePrefix_#' placeholder
// longer than some maxLength (the pipeline replaces it), and the corpus
// left out the script assets (.ps1, .sh) that loadTextContent reads.
func corpusArtefacts(l source.ErrorList) source.ErrorList {
	var out source.ErrorList
	for _, e := range l {
		if e.Code == "EXP021" && strings.Contains(e.Message, "more than its maxLength") {
			continue
		}
		if e.Code == CodeLoadFailed && (strings.Contains(e.Message, ".ps1'") || strings.Contains(e.Message, ".sh'")) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// sampleFolders lists the bicep-samples folders with main.bicep and
// main.json whose Bicep expects no diagnostics.
func sampleFolders(t *testing.T, root string) []string {
	var dirs []string
	for _, sub := range []string{"baselines", "user_submitted"} {
		filepath.WalkDir(filepath.Join(root, sub), func(path string, de os.DirEntry, err error) error {
			if err != nil || de.IsDir() || de.Name() != "main.bicep" {
				return nil
			}
			dir := filepath.Dir(path)
			if strings.HasPrefix(filepath.Base(dir), "Invalid") || filepath.Base(dir) == "Registry_LF" {
				// Registry_LF needs a module cache: TestRegistryModules.
				return nil
			}
			if _, err := os.Stat(filepath.Join(dir, "main.json")); err != nil {
				return nil
			}
			dirs = append(dirs, dir)
			return nil
		})
	}
	return dirs
}

// Floors for the conformance tests: the counts reached when they were
// last raised. A change that loses a passing folder fails the test.
const (
	minSamplesPass = 183
	minCARMLPass   = 368
	minCARMLTests  = 465
)

// TestBicepSamplesConformance compiles every sample and compares its
// expansion with the expansion of the Bicep compiler's own main.json.
func TestBicepSamplesConformance(t *testing.T) {
	root := testdir.Corpus(t, "bicep-samples")
	dirs := sampleFolders(t, root)
	pass := 0
	var failed []string
	for _, dir := range dirs {
		rel, _ := filepath.Rel(root, dir)
		if msg := compareFolder(dir); msg != "" {
			failed = append(failed, rel)
			if testing.Verbose() {
				t.Logf("%s: %s", rel, msg)
			}
			continue
		}
		pass++
	}
	t.Logf("bicep-samples: %d/%d folders compile to templates that expand to the same resources as main.json", pass, len(dirs))
	if len(failed) > 0 {
		t.Logf("failing folders: %s", strings.Join(failed, ", "))
	}
	if pass < minSamplesPass {
		t.Errorf("only %d folders pass; at least %d did before", pass, minSamplesPass)
	}
}

// TestCARMLConformance compiles every CARML module and compares it with
// its main.json; and compiles and expands every e2e test.
func TestCARMLConformance(t *testing.T) {
	root := testdir.Corpus(t, "carml")
	var mods, tests []string
	filepath.WalkDir(root, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return nil
		}
		switch de.Name() {
		case "main.bicep":
			if _, err := os.Stat(filepath.Join(filepath.Dir(path), "main.json")); err == nil {
				mods = append(mods, filepath.Dir(path))
			}
		case "main.test.bicep":
			tests = append(tests, path)
		}
		return nil
	})
	pass := 0
	var failed []string
	for _, dir := range mods {
		rel, _ := filepath.Rel(root, dir)
		if msg := compareFolder(dir); msg != "" {
			failed = append(failed, rel)
			if testing.Verbose() {
				t.Logf("%s: %s", rel, msg)
			}
			continue
		}
		pass++
	}
	t.Logf("carml modules: %d/%d compile to templates that expand to the same resources as main.json", pass, len(mods))
	if len(failed) > 0 && len(failed) <= 60 {
		t.Logf("failing modules: %s", strings.Join(failed, ", "))
	}
	tpass := 0
	var tfailed []string
	for _, path := range tests {
		rel, _ := filepath.Rel(root, path)
		res, errs := expandBicep(path, expand.Options{})
		if res != nil {
			errs = append(errs, res.AllErrors()...)
		}
		errs = corpusArtefacts(errs)
		if res == nil || len(errs) > 0 {
			tfailed = append(tfailed, rel)
			if testing.Verbose() {
				t.Logf("%s: %s", rel, firstErrs(errs))
			}
			continue
		}
		tpass++
	}
	t.Logf("carml e2e tests: %d/%d compile and expand without error", tpass, len(tests))
	if len(tfailed) > 0 && len(tfailed) <= 60 {
		t.Logf("failing tests: %s", strings.Join(tfailed, ", "))
	}
	if pass < minCARMLPass || tpass < minCARMLTests {
		t.Errorf("carml: %d modules and %d tests pass; at least %d and %d did before", pass, tpass, minCARMLPass, minCARMLTests)
	}
}

// TestRegistryModules publishes the Registry_LF sample's modules into a
// local module cache laid out as `bicep restore` writes it (br/ and ts/
// under the cache root), then compiles main.bicep against that cache, with
// the registry aliases of its bicepconfig.json, and compares the result
// with main.json.
func TestRegistryModules(t *testing.T) {
	root := testdir.Corpus(t, "bicep-samples")
	dir := filepath.Join(root, "baselines", "Registry_LF")
	cache := t.TempDir()
	publish := func(target string, content []byte) {
		var path string
		switch {
		case strings.HasPrefix(target, "br:"):
			reg, rest, _ := cutRegistry(strings.TrimPrefix(target, "br:"))
			repo, tag, _ := splitTag(rest)
			path = filepath.Join(cache, "br", reg, strings.ReplaceAll(repo, "/", "$"), tag+"$", "main.json")
		case strings.HasPrefix(target, "ts:"):
			parts := strings.SplitN(strings.TrimPrefix(target, "ts:"), "/", 3)
			name, ver, _ := strings.Cut(parts[2], ":")
			path = filepath.Join(cache, "ts", parts[0], parts[1], name, ver, "main.json")
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, sub := range []string{"Publish", "TemplateSpecs"} {
		metas, _ := filepath.Glob(filepath.Join(dir, sub, "*.metadata.json"))
		for _, m := range metas {
			data, err := os.ReadFile(m)
			if err != nil {
				t.Fatal(err)
			}
			v, err := jsonc.Parse(source.NewFile(m, data))
			if err != nil {
				t.Fatal(err)
			}
			target := getStr(v.(*value.Object), "target")
			base := strings.TrimSuffix(m, ".metadata.json")
			if sub == "Publish" {
				r := BuildFile(base+".bicep", Options{})
				if len(r.Errors) > 0 {
					t.Fatalf("%s: %v", base, r.Errors)
				}
				publish(target, value.AppendJSON(nil, r.Template))
				// bicepconfig.json's moduleAliasesMock (a Bicep test-suite
				// feature) maps br/mock-registry-mocked:<name>:v2 to these
				// files; publish them there too.
				publish("br:mock-registry-three.invalid/"+filepath.Base(base)+":v2", value.AppendJSON(nil, r.Template))
			} else {
				content, err := os.ReadFile(base + ".json")
				if err != nil {
					t.Fatal(err)
				}
				publish(target, content)
			}
		}
	}
	if msg := compareFolderWith(dir, Options{CacheRoot: cache}); msg != "" {
		t.Errorf("Registry_LF: %s", msg)
	}
	// With InlineTemplateSpecs the template specs' resources are expanded
	// too: more resources, storage accounts among them, and no errors.
	linked, _ := expandBicepWith(filepath.Join(dir, "main.bicep"), Options{CacheRoot: cache}, expand.Options{})
	inlined, ierrs := expandBicepWith(filepath.Join(dir, "main.bicep"), Options{CacheRoot: cache, InlineTemplateSpecs: true}, expand.Options{})
	if inlined != nil {
		ierrs = append(ierrs, inlined.AllErrors()...)
	}
	if len(ierrs) > 0 || linked == nil || inlined == nil {
		t.Errorf("Registry_LF with InlineTemplateSpecs: %s", firstErrs(ierrs))
	} else {
		storage := 0
		for _, r := range inlined.Resources {
			if strings.EqualFold(r.Type, "Microsoft.Storage/storageAccounts") {
				storage++
			}
		}
		t.Logf("Registry_LF: %d resources linked, %d with template specs inlined", len(linked.Resources), len(inlined.Resources))
		if len(inlined.Resources) <= len(linked.Resources) || storage == 0 {
			t.Errorf("InlineTemplateSpecs: %d resources (%d storage accounts), %d without", len(inlined.Resources), storage, len(linked.Resources))
		}
	}
	// Without the cache, each registry module is named in an error.
	_, errs := expandBicepWith(filepath.Join(dir, "main.bicep"), Options{CacheRoot: t.TempDir()}, expand.Options{})
	n := 0
	for _, e := range errs {
		if e.Code == CodeRegistryNotCached && strings.Contains(e.Message, "is not in the local module cache") {
			n++
		}
	}
	if n == 0 {
		t.Errorf("no %s error without a cache: %v", CodeRegistryNotCached, errs)
	}
}
