package expand

import (
	"fmt"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

const rgSchema = `"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0"`

// expandText decodes and expands an inline template.
func expandText(t *testing.T, text string, opts Options) *Result {
	t.Helper()
	f := source.NewFile("main.json", []byte(text))
	v, err := jsonc.Parse(f)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	tpl, errs := template.Decode(f, v)
	if len(errs) > 0 {
		t.Fatalf("decode: %v", errs)
	}
	return Expand(tpl, opts)
}

// get reads a dotted path from a resource body.
func get(t *testing.T, o *value.Object, path string) value.Value {
	t.Helper()
	var cur value.Value = o
	for _, k := range strings.Split(path, ".") {
		obj, ok := cur.(*value.Object)
		if !ok {
			t.Fatalf("%s: %q is not an object", path, k)
		}
		if cur, ok = obj.Get(k); !ok {
			t.Fatalf("%s: no member %q in %s", path, k, value.Render(obj))
		}
	}
	return cur
}

func TestTypedPath(t *testing.T) {
	tests := []struct{ typ, name, want string }{
		{"Microsoft.Storage/storageAccounts", "sa", "/providers/Microsoft.Storage/storageAccounts/sa"},
		{"Microsoft.MachineLearningServices/workspaces/computes", "mlw-1/ci-1", "/providers/Microsoft.MachineLearningServices/workspaces/mlw-1/computes/ci-1"},
		{"Microsoft.Storage/storageAccounts/blobServices/containers", "sa/default/c", "/providers/Microsoft.Storage/storageAccounts/sa/blobServices/default/containers/c"},
		{"Microsoft.Network/virtualNetworks/subnets", "vnet", "/providers/Microsoft.Network/virtualNetworks/vnet/subnets"},
	}
	for _, tt := range tests {
		if got := typedPath(tt.typ, tt.name); got != tt.want {
			t.Errorf("typedPath(%q, %q) = %q, want %q", tt.typ, tt.name, got, tt.want)
		}
	}
}

func TestScopeIDs(t *testing.T) {
	ctx := eval.DefaultContext()
	sub := "/subscriptions/" + eval.DefaultSubscriptionID
	tests := []struct {
		scope eval.Scope
		prop  string
		want  string
	}{
		{eval.ScopeResourceGroup, "", sub + "/resourceGroups/ps-rule-test-rg"},
		{eval.ScopeSubscription, "", sub},
		{eval.ScopeManagementGroup, "", "/providers/Microsoft.Management/managementGroups/" + eval.DefaultManagementGroup},
		{eval.ScopeTenant, "", ""},
		{eval.ScopeSubscription, "/", ""},
		{eval.ScopeTenant, "Microsoft.Management/managementGroups/mg1", "/providers/Microsoft.Management/managementGroups/mg1"},
		{eval.ScopeResourceGroup, "Microsoft.Storage/storageAccounts/sa", sub + "/resourceGroups/ps-rule-test-rg/providers/Microsoft.Storage/storageAccounts/sa"},
		{eval.ScopeResourceGroup, sub + "/resourceGroups/x/providers/A.B/c/d/", sub + "/resourceGroups/x/providers/A.B/c/d"},
	}
	for _, tt := range tests {
		c := ctx.WithScope(tt.scope)
		got := deploymentScopeID(c)
		if tt.prop != "" {
			got = scopeID(c, tt.prop)
		}
		if got != tt.want {
			t.Errorf("scope %s, property %q: got %q, want %q", tt.scope, tt.prop, got, tt.want)
		}
	}
}

func TestScopesFromSchema(t *testing.T) {
	tests := []struct{ schema, typ, want string }{
		{"deploymentTemplate", "Microsoft.Storage/storageAccounts", "/subscriptions/" + eval.DefaultSubscriptionID + "/resourceGroups/ps-rule-test-rg/providers/Microsoft.Storage/storageAccounts/x"},
		{"subscriptionDeploymentTemplate", "Microsoft.Authorization/policyAssignments", "/subscriptions/" + eval.DefaultSubscriptionID + "/providers/Microsoft.Authorization/policyAssignments/x"},
		{"managementGroupDeploymentTemplate", "Microsoft.Authorization/policyDefinitions", "/providers/Microsoft.Management/managementGroups/" + eval.DefaultManagementGroup + "/providers/Microsoft.Authorization/policyDefinitions/x"},
		{"tenantDeploymentTemplate", "Microsoft.Management/managementGroups", "/providers/Microsoft.Management/managementGroups/x"},
	}
	for _, tt := range tests {
		res := expandText(t, `{"$schema": "https://schema.management.azure.com/schemas/2019-08-01/`+tt.schema+`.json#",
			"resources": [{"type": "`+tt.typ+`", "apiVersion": "1", "name": "x", "properties": {"id": "[resourceId('`+tt.typ+`', 'x')]"}}]}`, Options{})
		if len(res.Resources) != 1 {
			t.Fatalf("%s: %d resources", tt.schema, len(res.Resources))
		}
		r := res.Resources[0]
		if r.ID != tt.want {
			t.Errorf("%s: id %q, want %q", tt.schema, r.ID, tt.want)
		}
		if errs := res.AllErrors(); len(errs) > 0 {
			t.Errorf("%s: %v", tt.schema, errs)
		}
	}
}

func TestCopyIndexLoops(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "resources": [{
		"type": "A.B/c", "apiVersion": "1", "name": "[format('n{0}', copyIndex('outer', 10))]",
		"copy": {"name": "outer", "count": 2},
		"properties": {"copy": [{"name": "items", "count": 2, "input": {"inner": "[copyIndex('items')]", "outer": "[copyIndex()]", "named": "[copyIndex('outer', 1)]"}}]}
	}]}`, Options{})
	if errs := res.AllErrors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(res.Resources) != 2 || res.Resources[1].Name != "n11" {
		t.Fatalf("resources: %d, second name %q", len(res.Resources), res.Resources[1].Name)
	}
	items := get(t, res.Resources[1].Body, "properties.items").(*value.Array)
	if got := value.Render(items); got != `[{"inner":0,"outer":1,"named":2},{"inner":1,"outer":1,"named":2}]` {
		t.Errorf("items = %s", got)
	}
}

func TestNullParameterUsesDefault(t *testing.T) {
	text := `{` + rgSchema + `, "parameters": {"p": {"type": "string", "defaultValue": "def"}, "q": {"type": "string", "nullable": true}},
		"resources": [{"type": "A.B/c", "apiVersion": "1", "name": "x", "properties": {"p": "[parameters('p')]", "q": "[parameters('q')]"}}]}`
	res := expandText(t, text, Options{Parameters: map[string]value.Value{"P": value.Null{}}})
	body := res.Resources[0].Body
	if got := value.Render(get(t, body, "properties.p")); got != "def" {
		t.Errorf("p = %s, want the default", got)
	}
	if _, ok := get(t, body, "properties.q").(value.Null); !ok {
		t.Errorf("nullable q without value should be null")
	}
	if errs := res.AllErrors(); len(errs) > 0 {
		t.Error(errs)
	}
}

func TestUnknownParameter(t *testing.T) {
	text := `{` + rgSchema + `, "parameters": {"name": {"type": "string"}},
		"resources": [{"type": "A.B/c", "apiVersion": "1", "name": "[parameters('name')]", "properties": {"n": "[toUpper(parameters('name'))]"}}]}`
	res := expandText(t, text, Options{})
	if errs := res.AllErrors(); len(errs) > 0 {
		t.Fatalf("an unknown parameter must not be an error: %v", errs)
	}
	u, ok := get(t, res.Resources[0].Body, "properties.n").(value.Unknown)
	if !ok || !strings.Contains(u.Origin, "parameter 'name' has no value") {
		t.Errorf("n = %#v, want an Unknown naming the parameter", get(t, res.Resources[0].Body, "properties.n"))
	}
	res = expandText(t, text, Options{ParameterDefaults: objectOf(t, `{"name": "fromConfig"}`)})
	if res.Resources[0].Name != "fromConfig" {
		t.Errorf("ParameterDefaults not used: name %q", res.Resources[0].Name)
	}
}

func objectOf(t *testing.T, text string) *value.Object {
	v, err := jsonc.Parse(source.NewFile("x.json", []byte(text)))
	if err != nil {
		t.Fatal(err)
	}
	return v.(*value.Object)
}

func TestTemplateInVariable(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "variables": {"inner": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
		"resources": [{"type": "A.B/c", "apiVersion": "1", "name": "fromVariable"}]}},
		"resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "d",
			"properties": {"mode": "Incremental", "template": "[variables('inner')]"}}]}`, Options{})
	if errs := res.AllErrors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(res.Resources) != 2 || res.Resources[1].Name != "fromVariable" || res.Resources[1].Deployment != "d" {
		t.Fatalf("resources: %+v", res.Resources)
	}
}

func TestNestedDepthLimit(t *testing.T) {
	inner := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": []}`
	for i := 0; i < MaxNestedDepth+2; i++ {
		inner = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [
			{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "d", "properties": {"mode": "Incremental", "template": ` + inner + `}}]}`
	}
	res := expandText(t, inner, Options{})
	errs := res.AllErrors()
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "nested more than") {
		t.Fatalf("errors = %v, want one nesting limit error", errs)
	}
	if len(res.Resources) != MaxNestedDepth+1 {
		t.Errorf("%d deployments expanded, want %d", len(res.Resources), MaxNestedDepth+1)
	}
}

func TestSymbolicReferences(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "languageVersion": "2.0", "resources": {
		"ex": {"existing": true, "type": "A.B/c", "apiVersion": "1", "name": "old"},
		"coll": {"copy": {"name": "coll", "count": 2}, "type": "A.B/c", "apiVersion": "1", "name": "[format('c{0}', copyIndex())]", "properties": {"i": "[copyIndex()]"}},
		"use": {"type": "A.B/d", "apiVersion": "1", "name": "u", "properties": {
			"second": "[reference('coll[1]').i]",
			"all": "[length(references('coll'))]",
			"fullName": "[references('coll', 'Full')[0].name]",
			"byId": "[reference(resourceId('A.B/c', 'c0')).i]",
			"existingId": "[reference('ex', '1', 'Full').id]"
		}}}}`, Options{})
	if errs := res.AllErrors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(res.Resources) != 3 {
		t.Fatalf("%d resources, want 3 (existing resources are not deployed)", len(res.Resources))
	}
	use := res.Resources[2].Body
	for path, want := range map[string]string{"properties.second": "1", "properties.all": "2", "properties.fullName": "c0", "properties.byId": "0"} {
		if got := value.Render(get(t, use, path)); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	if _, ok := get(t, use, "properties.existingId").(value.Unknown); !ok {
		t.Errorf("reference of an existing resource should be Unknown")
	}
}

func TestReferenceCycle(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "resources": [
		{"type": "A.B/c", "apiVersion": "1", "name": "a", "properties": {"x": "[reference('b').x]"}},
		{"type": "A.B/c", "apiVersion": "1", "name": "b", "properties": {"x": "[reference('a').x]"}}]}`, Options{})
	errs := res.AllErrors()
	if len(errs) == 0 || !strings.Contains(errs[0].Message, "depends on itself") {
		t.Fatalf("errors = %v, want a reference cycle", errs)
	}
	if len(res.Resources) != 2 {
		t.Errorf("both resources are still returned, got %d", len(res.Resources))
	}
}

func TestPropertyCopyLimit(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "resources": [{"type": "A.B/c", "apiVersion": "1", "name": "a",
		"properties": {"copy": [{"name": "many", "count": 900, "input": 1}]}}]}`, Options{})
	errs := res.AllErrors()
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "ARM allows 0 to 800") {
		t.Fatalf("errors = %v", errs)
	}
	if p := errs[0].Pos.Position(); p.Line != 2 {
		t.Errorf("error at %v, want the count on line 2", p)
	}
}

func TestDocument(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "resources": [{"type": "A.B/c", "apiVersion": "1", "name": "a", "properties": {"x": "[variables('nope')]"}}]}`, Options{})
	got := string(value.AppendJSON(nil, Document(res)))
	for _, want := range []string{`"resources":[{"id":"/subscriptions/`, `"errors":[{"file":"main.json","line":1,"column":`, `"message":"variable 'nope' is not declared in this template"`} {
		if !strings.Contains(got, want) {
			t.Errorf("document %s\nlacks %s", got, want)
		}
	}
	b, err := res.MarshalJSON()
	if err != nil || string(b) != got {
		t.Errorf("MarshalJSON differs from Document")
	}
}

func TestUserFunctionScope(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "variables": {"v": 1},
		"functions": [{"namespace": "f", "members": {
			"ok": {"parameters": [{"name": "a", "type": "int"}], "output": {"type": "int", "value": "[add(parameters('a'), 1)]"}},
			"bad": {"parameters": [], "output": {"type": "int", "value": "[variables('v')]"}}}}],
		"resources": [{"type": "A.B/c", "apiVersion": "1", "name": "a", "properties": {"ok": "[f.ok(41)]", "bad": "[f.bad()]", "wrongType": "[f.ok('x')]"}}]}`, Options{})
	if got := value.Render(get(t, res.Resources[0].Body, "properties.ok")); got != "42" {
		t.Errorf("f.ok(41) = %s", got)
	}
	errs := res.AllErrors()
	if len(errs) != 2 || !strings.Contains(errs[0].Message, "cannot use variables('v')") || !strings.Contains(errs[1].Message, "must be of type int") {
		t.Errorf("errors = %v", errs)
	}
}

func TestIterationBudget(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "resources": [{"type": "A.B/c", "apiVersion": "1", "name": "a",
		"properties": {"copy": [{"name": "outer", "count": 800, "input": {"copy": [{"name": "mid", "count": 800, "input": {"copy": [{"name": "inner", "count": 800, "input": 1}]}}]}}]}}]}`, Options{})
	errs := res.AllErrors()
	if len(errs) == 0 || !strings.Contains(errs[0].Message, "copy iterations") {
		t.Fatalf("errors = %v, want the iteration budget error", errs)
	}
	for _, e := range errs[1:] {
		if e.Code != "EXP051" { // what was expanded is still over ARM's size limit
			t.Errorf("unexpected error %v", e)
		}
	}
}

func TestNameSegments(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "resources": [
		{"type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "1", "name": "subnet-only"},
		{"type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "1", "name": "vnet/subnet"}]}`, Options{})
	errs := res.AllErrors()
	if len(errs) != 1 || errs[0].Code != "EXP012" || !strings.Contains(errs[0].Message, "'subnet-only' has 1 segment,") {
		t.Fatalf("errors = %v", errs)
	}
	if p := errs[0].Pos.Position(); p.Column != 84 {
		t.Errorf("error at %v, want the name's column", p)
	}
}

func TestDuplicateResources(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "parameters": {"mode": {"type": "string"}}, "resources": [
		{"type": "A.B/c", "apiVersion": "1", "name": "same"},
		{"type": "A.B/c", "apiVersion": "1", "name": "[format('{0}', 'same')]"},
		{"condition": "[equals(parameters('mode'), 'new')]", "type": "A.B/d", "apiVersion": "1", "name": "either"},
		{"condition": "[not(equals(parameters('mode'), 'new'))]", "type": "A.B/d", "apiVersion": "1", "name": "either"},
		{"condition": false, "type": "A.B/c", "apiVersion": "1", "name": "same"}]}`, Options{})
	errs := res.AllErrors()
	if len(errs) != 1 || errs[0].Code != "EXP013" || !strings.Contains(errs[0].Message, "first at line 2") {
		t.Fatalf("errors = %v, want one duplicate (conditions only known at deployment are not duplicates)", errs)
	}
}

func TestReferenceWhereARMForbidsIt(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "variables": {"v": "[reference('a').x]"},
		"functions": [{"namespace": "f", "members": {"r": {"parameters": [], "output": {"type": "string", "value": "[reference('a').x]"}}}}],
		"resources": [
		{"type": "A.B/c", "apiVersion": "1", "name": "a", "properties": {"x": "1"}},
		{"type": "A.B/c", "apiVersion": "1", "name": "[reference('a').x]", "copy": {"name": "l", "count": "[length(reference('a').x)]"}},
		{"type": "A.B/c", "apiVersion": "1", "name": "b", "properties": {"ok": "[reference('a').x]", "v": "[variables('v')]", "f": "[f.r()]"}}]}`, Options{})
	var msgs []string
	for _, e := range res.AllErrors() {
		msgs = append(msgs, e.Message)
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{"reference() cannot be used in variables", "reference() cannot be used in a copy count", "function 'f.r' cannot use reference()"} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
	b := res.Resources[len(res.Resources)-1]
	if v := value.Render(get(t, b.Body, "properties.ok")); v != "1" {
		t.Errorf("reference() in properties = %s, want 1", v)
	}
}

// TestConcurrentExpand expands one decoded template from several
// goroutines: a template is read-only to Expand, so the results agree
// (run with -race to check for shared state).
func TestConcurrentExpand(t *testing.T) {
	tpl, err := readTemplate("testdata/nested.json")
	if err != nil {
		t.Fatal(err)
	}
	want := string(goldenDoc(Expand(tpl, Options{Resolve: resolveTestdata})))
	const n = 4
	got := make(chan string, n)
	for i := 0; i < n; i++ {
		go func() { got <- string(goldenDoc(Expand(tpl, Options{Resolve: resolveTestdata}))) }()
	}
	for i := 0; i < n; i++ {
		if g := <-got; g != want {
			t.Fatalf("concurrent expansion differs:\n%s", lineDiff(want, g))
		}
	}
}

func TestTemplateLimits(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "resources": [
		{"type": "A.B/c", "apiVersion": "1", "name": "[format('a{0}', copyIndex())]", "copy": {"name": "a", "count": 401}},
		{"type": "A.B/c", "apiVersion": "1", "name": "[format('b{0}', copyIndex())]", "copy": {"name": "b", "count": 400}}]}`, Options{})
	errs := res.AllErrors()
	if len(errs) != 1 || errs[0].Code != "EXP050" || !strings.Contains(errs[0].Message, "801 resources") {
		t.Fatalf("errors = %v", errs)
	}
	if len(res.Resources) != 801 {
		t.Errorf("%d resources, want all 801 still expanded", len(res.Resources))
	}
}

func TestUserFunctionBudget(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "functions": [{"namespace": "f", "members": {
		"twice": {"parameters": [{"name": "n", "type": "int"}], "output": {"type": "string", "value": "[if(equals(parameters('n'), 0), 'x', concat(f.twice(sub(parameters('n'), 1)), f.twice(sub(parameters('n'), 1))))]"}}}}],
		"resources": [{"type": "A.B/c", "apiVersion": "1", "name": "a", "properties": {"x": "[f.twice(30)]"}}]}`, Options{})
	errs := res.AllErrors()
	if len(errs) == 0 || !strings.Contains(errs[0].Message, "more than 100000 times") {
		t.Fatalf("errors = %v, want a call limit error", errs)
	}
}

func TestDoublingVariables(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{` + rgSchema + `, "variables": {"v0": "0123456789abcdef"`)
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, `, "v%d": "[createArray(variables('v%d'), variables('v%d'))]"`, i, i-1, i-1)
	}
	b.WriteString(`}, "resources": [{"type": "A.B/c", "apiVersion": "1", "name": "a", "properties": {"x": "[variables('v40')]"}}]}`)
	res := expandText(t, b.String(), Options{})
	errs := res.AllErrors()
	if len(errs) == 0 || !strings.Contains(errs[0].Message, "variable 'v18' is larger than") {
		t.Fatalf("errors = %v, want the first variable over 4 MB reported", errs)
	}
	for _, e := range errs {
		if e.Code != "EXP051" {
			t.Errorf("unexpected error %v", e)
		}
	}
	x := get(t, res.Resources[0].Body, "properties.x")
	if _, ok := value.FirstUnknown(x); !ok || oversized(x, MaxValueBytes) {
		t.Errorf("the oversized part should be an Unknown, and the value small")
	}
}
