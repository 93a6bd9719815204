package compile

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/parser"
	"github.com/azrule/azrule/source"
)

// compileSource compiles one in-memory file (and the others in files) and
// returns the template and the diagnostics.
func compileSource(t *testing.T, src string, files map[string]string) (*value.Object, source.ErrorList) {
	t.Helper()
	read := func(path string) ([]byte, error) {
		if s, ok := files[strings.TrimPrefix(path, "./")]; ok {
			return []byte(s), nil
		}
		return nil, errNotFound(path)
	}
	f := source.NewFile("main.bicep", []byte(src))
	pf, perrs := parser.ParseFile(f)
	if len(perrs) > 0 {
		t.Fatalf("parse: %v", perrs)
	}
	r := Compile(pf, "main.bicep", Options{ReadFile: read})
	return r.Template, r.Errors
}

type errNotFound string

func (e errNotFound) Error() string { return "open " + string(e) + ": no such file or directory" }

const decls = `param p string
param n int
param arr array
param obj object
var v = 'x'
resource sa 'Microsoft.Storage/storageAccounts@2022-09-01' = {
  name: p
  location: 'eastus'
  properties: {}
}
resource blob 'Microsoft.Storage/storageAccounts/blobServices@2022-09-01' = {
  parent: sa
  name: 'default'
}
resource kv 'Microsoft.KeyVault/vaults@2022-07-01' existing = {
  name: 'kv1'
  scope: resourceGroup('other')
}
resource many 'Microsoft.Network/publicIPAddresses@2023-04-01' = [for i in range(0, 3): {
  name: 'ip${i}'
  location: 'eastus'
}]
module m 'mod.bicep' = {
  name: 'dep'
}
`

// TestLowerExpressions pins the ARM expression emitted for each kind of
// Bicep expression, as the Bicep compiler writes it (corpus main.json).
func TestLowerExpressions(t *testing.T) {
	tests := []struct{ bicep, want string }{
		{"'abc'", "abc"},
		{"'[abc]'", "[[abc]"},
		{"42", "42"},
		{"-1", "-1"},
		{"true", "true"},
		{"null", "null"},
		{"p", "[parameters('p')]"},
		{"v", "[variables('v')]"},
		{"'a${p}b'", "[format('a{0}b', parameters('p'))]"},
		{"'{${p}}'", "[format('{{{0}}}', parameters('p'))]"},
		{`'it\'s ${p}'`, "[format('it''s {0}', parameters('p'))]"},
		{"p == 'a'", "[equals(parameters('p'), 'a')]"},
		{"p != 'a'", "[not(equals(parameters('p'), 'a'))]"},
		{"p =~ 'a'", "[equals(toLower(parameters('p')), toLower('a'))]"},
		{"p !~ 'a'", "[not(equals(toLower(parameters('p')), toLower('a')))]"},
		{"n < 1 && n >= 0 || !true", "[or(and(less(parameters('n'), 1), greaterOrEquals(parameters('n'), 0)), not(true()))]"},
		{"n + 1 - 2 * 3 / 4 % 5", "[sub(add(parameters('n'), 1), mod(div(mul(2, 3), 4), 5))]"},
		{"-n", "[sub(0, parameters('n'))]"},
		{"n > 0 ? 'a' : 'b'", "[if(greater(parameters('n'), 0), 'a', 'b')]"},
		{"obj.?a ?? obj.?b ?? 'c'", "[coalesce(tryGet(parameters('obj'), 'a'), tryGet(parameters('obj'), 'b'), 'c')]"},
		{"obj.a.b", "[parameters('obj').a.b]"},
		{"obj['a-b']", "[parameters('obj')['a-b']]"},
		{"obj.?a.b[0]", "[tryGet(parameters('obj'), 'a', 'b', 0)]"},
		{"arr[?0]", "[tryGet(parameters('arr'), 0)]"},
		{"arr[^1]", "[indexFromEnd(parameters('arr'), 1)]"},
		{"obj!.a", "[parameters('obj').a]"},
		{"sys.concat('a', p)", "[concat('a', parameters('p'))]"},
		{"az.resourceGroup().location", "[resourceGroup().location]"},
		{"any(p)", "[parameters('p')]"},
		{"[1, p]", `[1,"[parameters('p')]"]`},
		{"{a: 1, b: p}", `{"a":1,"b":"[parameters('p')]"}`},
		{"contains(obj, 'x') ? {a: 1} : {}", "[if(contains(parameters('obj'), 'x'), createObject('a', 1), createObject())]"},
		{"[...arr, 1]", "[flatten(createArray(parameters('arr'), createArray(1)))]"},
		{"{...obj, a: 1}", "[shallowMerge(createArray(parameters('obj'), createObject('a', 1)))]"},
		{"map(arr, x => x.name)", "[map(parameters('arr'), lambda('x', lambdaVariables('x').name))]"},
		{"reduce(arr, 0, (c, x) => c + x)", "[reduce(parameters('arr'), 0, lambda('c', 'x', add(lambdaVariables('c'), lambdaVariables('x'))))]"},
		{"sa.id", "[resourceId('Microsoft.Storage/storageAccounts', parameters('p'))]"},
		{"sa.name", "[parameters('p')]"},
		{"sa.type", "Microsoft.Storage/storageAccounts"},
		{"sa.apiVersion", "2022-09-01"},
		{"sa.properties.primaryEndpoints", "[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('p')), '2022-09-01').primaryEndpoints]"},
		{"sa.location", "[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('p')), '2022-09-01', 'full').location]"},
		{"sa.listKeys().keys[0].value", "[listKeys(resourceId('Microsoft.Storage/storageAccounts', parameters('p')), '2022-09-01').keys[0].value]"},
		{"blob.id", "[resourceId('Microsoft.Storage/storageAccounts/blobServices', parameters('p'), 'default')]"},
		{"blob.name", "default"},
		{"kv.id", "[extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, 'other'), 'Microsoft.KeyVault/vaults', 'kv1')]"},
		{"many[1].id", "[resourceId('Microsoft.Network/publicIPAddresses', format('ip{0}', range(0, 3)[1]))]"},
		{"m.outputs.x", "[reference(resourceId('Microsoft.Resources/deployments', 'dep'), '2025-04-01').outputs.x.value]"},
		{"m.outputs.?x", "[tryGet(tryGet(reference(resourceId('Microsoft.Resources/deployments', 'dep'), '2025-04-01').outputs, 'x'), 'value')]"},
		{"m.name", "dep"},
		{"{a: [for x in arr: x.id]}", `{"copy":[{"name":"a","count":"[length(parameters('arr'))]","input":"[parameters('arr')[copyIndex('a')].id]"}]}`},
		{"nameof(sa.properties)", "properties"},
	}
	for _, tt := range tests {
		t.Run(tt.bicep, func(t *testing.T) {
			tpl, errs := compileSource(t, decls+"\noutput o object = "+tt.bicep+"\n", map[string]string{"mod.bicep": "output x string = 'y'\n"})
			if len(errs) > 0 {
				t.Fatalf("%v", errs)
			}
			outs, _ := tpl.Get("outputs")
			o, _ := outs.(*value.Object).Get("o")
			v, _ := o.(*value.Object).Get("value")
			got := string(value.AppendJSON(nil, v))
			if s, ok := v.(value.String); ok {
				got = s.V
			}
			if got != tt.want {
				t.Errorf("%s\n got %s\nwant %s", tt.bicep, got, tt.want)
			}
		})
	}
}

// TestDeclarations pins the emitted shape of declarations.
func TestDeclarations(t *testing.T) {
	src := `targetScope = 'subscription'
metadata owner = 'me'
@description('The name.')
@minLength(3)
@maxLength(24)
param name string = 'abc'
@secure()
param secret string
@allowed(['a', 'b'])
param choice string = 'a'
var loop = [for (x, i) in ['a', 'b']: '${x}${i}']
@batchSize(2)
resource rgs 'Microsoft.Resources/resourceGroups@2022-09-01' = [for r in ['x', 'y']: if (r != 'z') {
  name: r
  location: 'eastus'
}]
output ids array = [for r in ['x']: subscriptionResourceId('Microsoft.Resources/resourceGroups', r)]
`
	tpl, errs := compileSource(t, src, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := string(value.AppendJSON(nil, tpl))
	for _, want := range []string{
		`"$schema":"https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"`,
		`"owner":"me"`,
		`"name":{"type":"string","defaultValue":"abc","metadata":{"description":"The name."},"minLength":3,"maxLength":24}`,
		`"secret":{"type":"securestring"}`,
		`"choice":{"type":"string","defaultValue":"a","allowedValues":["a","b"]}`,
		`"variables":{"copy":[{"name":"loop","count":"[length(createArray('a', 'b'))]","input":"[format('{0}{1}', createArray('a', 'b')[copyIndex('loop')], copyIndex('loop'))]"}]}`,
		`"copy":{"name":"rgs","count":"[length(createArray('x', 'y'))]","mode":"serial","batchSize":2},"condition":"[not(equals(createArray('x', 'y')[copyIndex()], 'z'))]"`,
		`"outputs":{"ids":{"type":"array","copy":{"count":"[length(createArray('x'))]","input":"[subscriptionResourceId('Microsoft.Resources/resourceGroups', createArray('x')[copyIndex()])]"}}}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s\nin %s", want, got)
		}
	}
	if strings.Contains(got, "languageVersion") {
		t.Errorf("a template without user-defined types must be classic: %s", got)
	}
}

// TestSymbolicNames checks that the features for which Bicep switches to
// languageVersion 2.0 switch it here too.
func TestSymbolicNames(t *testing.T) {
	for _, src := range []string{
		"type t = {a: string}\nparam p t\n",
		"param p string?\n",
		"func f() string => 'x'\noutput o string = f()\n",
		"var v string = 'x'\n",
		"param p 'a' | 'b'\n",
	} {
		tpl, errs := compileSource(t, src, nil)
		if len(errs) > 0 {
			t.Fatalf("%q: %v", src, errs)
		}
		if lv, _ := tpl.Get("languageVersion"); lv == nil {
			t.Errorf("%q: want languageVersion 2.0", src)
		}
	}
}

// TestModuleParamsSpread checks that module parameters written with a
// spread still reach the module as {"value": ...} objects.
func TestModuleParamsSpread(t *testing.T) {
	src := "var common = {\n  a: 'x'\n}\nmodule m 'mod.bicep' = {\n  name: 'm'\n  params: {\n    ...common\n    b: 'y'\n  }\n}\n"
	tpl, errs := compileSource(t, src, map[string]string{"mod.bicep": "param a string\nparam b string\n"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := string(value.AppendJSON(nil, tpl))
	want := `"parameters":"[toObject(items(shallowMerge(createArray(variables('common'), createObject('b', 'y')))), lambda('p', lambdaVariables('p').key), lambda('p', createObject('value', lambdaVariables('p').value)))]"`
	if !strings.Contains(got, want) {
		t.Errorf("missing %s\nin %s", want, got)
	}
}

// TestDiagnostics checks semantic errors: code, position and message.
func TestDiagnostics(t *testing.T) {
	tests := []struct {
		src, code, at, msg string
		files              map[string]string
	}{
		{src: "output o string = nope\n", code: CodeUndefinedSymbol, at: "main.bicep:1:19", msg: "'nope' does not exist"},
		{src: "output o int = length()\n", code: CodeWrongArgCount, at: "main.bicep:1:16", msg: "takes 1 argument"},
		{src: "func f(a string) string => a\noutput o string = f()\n", code: CodeWrongArgCount, at: "main.bicep:2:19", msg: "takes 1 argument(s) but is called with 0"},
		{src: "module m 'a.bicep' = {\n  name: 'm'\n}\n", code: CodeModuleCycle, at: "a.bicep:1:10", msg: "uses itself",
			files: map[string]string{"a.bicep": "module b 'main.bicep' = {\n  name: 'b'\n}\n", "main.bicep": "module m 'a.bicep' = {\n  name: 'm'\n}\n"}},
		{src: "module m 'missing.bicep' = {\n  name: 'm'\n}\n", code: CodeModuleNotFound, at: "main.bicep:1:10", msg: "cannot read the module 'missing.bicep'"},
		{src: "module m 'br:example.azurecr.io/mods/x:1.0' = {\n  name: 'm'\n}\n", code: CodeRegistryNotCached, at: "main.bicep:1:10", msg: "'br:example.azurecr.io/mods/x:1.0' is not in the local module cache"},
		{src: "var a = 1\nvar a = 2\n", code: CodeDuplicateSymbol, at: "main.bicep:2:5", msg: "declared more than once"},
		{src: "var t = loadTextContent('none.txt')\n", code: CodeLoadFailed, at: "main.bicep:1:25", msg: "cannot read 'none.txt'"},
	}
	for _, tt := range tests {
		t.Run(tt.code+" "+tt.msg, func(t *testing.T) {
			_, errs := compileSource(t, tt.src, tt.files)
			for _, e := range errs {
				if e.Code == tt.code && strings.Contains(e.Message, tt.msg) {
					if got := e.Pos.String(); got != tt.at {
						t.Errorf("position %s, want %s", got, tt.at)
					}
					return
				}
			}
			t.Errorf("no %s error with %q; got %v", tt.code, tt.msg, errs)
		})
	}
}
