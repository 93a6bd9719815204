package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// exFile gives test arguments real positions, so that tests can check
// an error points at the argument that caused it.
var exFile = source.NewFile("test.json", []byte(strings.Repeat(" ", 256)))

// exCall calls the registered function name with args the way the
// evaluator does after evaluating them: it checks the declared argument
// count, then runs Call. Argument i is positioned at offset 10*(i+1).
func exCall(t testing.TB, name string, args ...value.Value) (value.Value, error) {
	t.Helper()
	f, ok := Lookup(name)
	if !ok {
		t.Fatalf("function %s is not registered", name)
	}
	if len(args) < f.MinArgs || (f.MaxArgs >= 0 && len(args) > f.MaxArgs) {
		return nil, source.Errorf(exFile.Pos(0), "%s: wrong number of arguments: %d", name, len(args))
	}
	c := &Call{Env: BaseEnv{}, Name: name, At: exFile.Pos(1), Args: args}
	for i := range args {
		c.ArgPos = append(c.ArgPos, exFile.Pos(10*(i+1)))
	}
	return f.Call(c)
}

// exStr, exInt and exBool shorten argument lists in tables.
func exStr(s string) value.Value { return value.String{V: s} }
func exInt(n int64) value.Value  { return value.Int{V: n} }
func exBool(b bool) value.Value  { return value.Bool{V: b} }

// exWantString asserts a call returns the string want.
func exWantString(t *testing.T, name string, args []value.Value, want string) {
	t.Helper()
	got, err := exCall(t, name, args...)
	if err != nil {
		t.Fatalf("%s(%s): unexpected error: %v", name, exRender(args), err)
	}
	s, ok := got.(value.String)
	if !ok {
		t.Fatalf("%s(%s) = %s (%s), want string %q", name, exRender(args), value.Render(got), value.TypeName(got), want)
	}
	if s.V != want {
		t.Errorf("%s(%s) = %q, want %q", name, exRender(args), s.V, want)
	}
}

// exWantError asserts a call fails with a message containing want, positioned
// at argument argIndex (or at the call when argIndex is -1).
func exWantError(t *testing.T, name string, args []value.Value, argIndex int, want string) {
	t.Helper()
	got, err := exCall(t, name, args...)
	if err == nil {
		t.Fatalf("%s(%s) = %s, want error containing %q", name, exRender(args), value.Render(got), want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("%s(%s): error %q does not contain %q", name, exRender(args), err, want)
	}
	se, ok := err.(*source.Error)
	if !ok {
		t.Fatalf("%s: error is %T, want *source.Error", name, err)
	}
	wantOff := 1
	if argIndex >= 0 {
		wantOff = 10 * (argIndex + 1)
	}
	if se.Pos.Offset != wantOff {
		t.Errorf("%s(%s): error at offset %d, want %d (argument %d)", name, exRender(args), se.Pos.Offset, wantOff, argIndex)
	}
}

func exRender(args []value.Value) string {
	parts := make([]string, len(args))
	for i, a := range args {
		if s, ok := a.(value.String); ok {
			parts[i] = "'" + s.V + "'"
			continue
		}
		parts[i] = value.Render(a)
	}
	return strings.Join(parts, ", ")
}

func TestUniqueString(t *testing.T) {
	tests := []struct {
		args []value.Value
		want string
	}{
		// Bicep snapshot corpus (basic): resourceGroup().id of myRg in the
		// all-zero subscription; Azure named the account storejs26ofeqkqeve.
		{[]value.Value{exStr("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg")}, "js26ofeqkqeve"},
		// Bicep bicepparam baseline (Expressions): three arguments, 13 bytes.
		{[]value.Value{exStr("asd"), exStr("asdf"), exStr("asdf")}, "iizpqit7ih3cc"},
		// The same bytes as one argument: arguments are joined with '-'.
		{[]value.Value{exStr("asd-asdf-asdf")}, "iizpqit7ih3cc"},
		// A value an ARM deployment output (microsoft/commercial-marketplace-
		// offer-deploy tests): 150 bytes, a 6-byte tail.
		{[]value.Value{exStr("/subscriptions/31e9f9a0-9fd2-4294-a0a3-0101246d9700/resourceGroups/rg-modm201-20230913120256/providers/Microsoft.Compute/virtualMachines/bobjacmodm201")}, "yvjxno3je5on2"},
	}
	for _, tt := range tests {
		exWantString(t, "uniqueString", tt.args, tt.want)
	}
}

func TestUniqueStringShape(t *testing.T) {
	// Every tail length (0-7 bytes after the 8-byte blocks) must give 13
	// characters of the base32 alphabet, and distinct inputs distinct
	// outputs: a cheap guard on the tail handling.
	seen := map[string]string{}
	for n := 0; n <= 24; n++ {
		in := strings.Repeat("x", n)
		got := UniqueString(in)
		if len(got) != 13 || strings.Trim(got, "abcdefghijklmnopqrstuvwxyz234567") != "" {
			t.Errorf("UniqueString(%q) = %q, not 13 base32 characters", in, got)
		}
		if prev, dup := seen[got]; dup {
			t.Errorf("UniqueString(%q) = UniqueString(%q) = %q", in, prev, got)
		}
		seen[got] = in
	}
}

func TestGUID(t *testing.T) {
	tests := []struct {
		args []value.Value
		want string
	}{
		// Bicep bicepparam baseline (Expressions).
		{[]value.Value{exStr("asdf")}, "228d27cc-6fdb-5934-b7ac-1efccebade04"},
	}
	for _, tt := range tests {
		exWantString(t, "guid", tt.args, tt.want)
	}
	// Joining: guid('a', 'b') is guid('a-b').
	a, _ := exCall(t, "guid", exStr("a"), exStr("b"))
	b, _ := exCall(t, "guid", exStr("a-b"))
	if !value.Equal(a, b) {
		t.Errorf("guid('a', 'b') = %s, guid('a-b') = %s; want equal", value.Render(a), value.Render(b))
	}
	g := GUID("x")
	if len(g) != 36 || g[14] != '5' || !strings.ContainsAny(g[19:20], "89ab") || strings.ToLower(g) != g {
		t.Errorf("GUID(\"x\") = %q: want a lower-case version 5, RFC 4122 variant UUID", g)
	}
}

func TestHashErrors(t *testing.T) {
	for _, name := range []string{"uniqueString", "guid"} {
		exWantError(t, name, []value.Value{exInt(1)}, 0, "argument 1 must be a string, not Integer")
		exWantError(t, name, []value.Value{exStr("a"), exBool(true)}, 1, "argument 2 must be a string, not Bool")
		exWantError(t, name, []value.Value{exStr("a"), value.NewObject(source.Pos{})}, 1, "not Object")
		if _, err := exCall(t, name); err == nil {
			t.Errorf("%s() with no arguments: want an error", name)
		}
	}
}

// TestUniqueStringSnapshotCorpus checks uniqueString against every
// storage account the Bicep snapshot corpus names 'store' + uniqueString
// (resourceGroup().id).
func TestUniqueStringSnapshotCorpus(t *testing.T) {
	dir := testdir.Corpus(t, "bicep-snapshots")
	const rgID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg"
	checked := 0
	for _, c := range []string{"basic", "outputs"} {
		data, err := os.ReadFile(filepath.Join(dir, c, "main.snapshot.json"))
		if err != nil {
			t.Fatal(err)
		}
		var snap struct {
			PredictedResources []struct{ Type, Name string } `json:"predictedResources"`
		}
		if err := json.Unmarshal(data, &snap); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		for _, r := range snap.PredictedResources {
			if r.Type != "Microsoft.Storage/storageAccounts" {
				continue
			}
			if want, got := r.Name, "store"+UniqueString(rgID); got != want {
				t.Errorf("%s: 'store' + uniqueString(resourceGroup().id) = %q, snapshot has %q", c, got, want)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no storage account found in the snapshots: the corpus changed shape")
	}
}

func BenchmarkUniqueString(b *testing.B) {
	c := exBenchCall("uniqueString",
		exStr("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg"),
		exStr("ps-rule-test-deployment"))
	f, _ := Lookup("uniqueString")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Call(c); err != nil {
			b.Fatal(err)
		}
	}
}

// exBenchCall builds a call once, so that benchmarks measure the function
// and not the test harness.
func exBenchCall(name string, args ...value.Value) *Call {
	c := &Call{Env: BaseEnv{}, Name: name, At: exFile.Pos(1), Args: args}
	for i := range args {
		c.ArgPos = append(c.ArgPos, exFile.Pos(10*(i+1)))
	}
	return c
}

// TestBicepparamExpressionsCorpus evaluates, with these functions, the
// entries of the Bicep compiler's Expressions .bicepparam baseline that use
// them, and compares with the values Azure's own evaluator wrote to
// parameters.json.
func TestBicepparamExpressionsCorpus(t *testing.T) {
	dir := testdir.Corpus(t, filepath.Join("bicep-samples", "baselines_bicepparam", "Expressions"))
	data, err := os.ReadFile(filepath.Join(dir, "parameters.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Parameters struct {
			MyObject struct {
				Value map[string]any `json:"value"`
			} `json:"myObject"`
		} `json:"parameters"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	want := file.Parameters.MyObject.Value
	call := func(name string, args ...value.Value) value.Value {
		t.Helper()
		v, err := exCall(t, name, args...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	epoch := call("dateTimeFromEpoch", exInt(1680224438))
	hi, _ := call("base64ToJson", call("base64", exStr(`{"hi": "there"}`))).(*value.Object).Get("hi")
	got := map[string]value.Value{
		"base64ToString":       call("base64ToString", call("base64", exStr("abc"))),
		"base64ToJson":         hi,
		"dataUriToString":      call("dataUriToString", call("dataUri", exStr("abc"))),
		"dateTimeAdd":          call("dateTimeAdd", epoch, exStr("P1D")),
		"dateTimeToEpoch":      call("dateTimeToEpoch", epoch),
		"format":               call("format", exStr("->{0}<-"), exInt(123)),
		"guid":                 call("guid", exStr("asdf")),
		"uniqueString":         call("uniqueString", exStr("asd"), exStr("asdf"), exStr("asdf")),
		"uri":                  call("uri", exStr("https://github.com"), exStr("Azure/bicep")),
		"uriComponent":         call("uriComponent", exStr("UB*8h 0+=_)9h9n")),
		"uriComponentToString": call("uriComponentToString", exStr("%20%25%20")),
	}
	for key, v := range got {
		w, ok := want[key]
		if !ok {
			t.Errorf("%s: not in parameters.json; the baseline changed shape", key)
			continue
		}
		var g any
		if err := json.Unmarshal(value.AppendJSON(nil, v), &g); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s = %v, Azure gives %v", key, g, w)
		}
	}
}
