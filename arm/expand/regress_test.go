package expand

// Regressions found by running azrule over the corpora (CARML, the Bicep
// samples and snapshots): each test fails without its fix.

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
)

// reference() of a resource of the deployment is the template's view of
// it: what Azure adds at deployment (principalId, primaryEndpoints) or
// leaves null in the template reads as Unknown, not as an error, while a
// nested deployment's outputs are exact.
func TestReferenceView(t *testing.T) {
	nested := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [],
		"outputs": {"o": {"type": "object", "value": {"known": 1}}}}`
	res := expandText(t, `{`+rgSchema+`, "resources": [
		{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "sa", "location": "eastus",
		 "identity": {"type": "SystemAssigned"}, "properties": {"minimumTlsVersion": "TLS1_2", "networkAcls": null, "list": [{"a": 1}]}},
		{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "d", "properties": {"mode": "Incremental", "template": `+nested+`}},
		{"type": "A.B/c", "apiVersion": "1", "name": "use", "properties": {
			"known": "[reference('sa').minimumTlsVersion]",
			"endpoint": "[reference('sa').primaryEndpoints.blob]",
			"principal": "[reference('sa', '2023-01-01', 'Full').identity.principalId]",
			"nullFilled": "[reference('sa').networkAcls.defaultAction]",
			"inArray": "[reference('sa').list[0].b]",
			"tried": "[tryGet(reference('sa'), 'primaryEndpoints', 'web')]",
			"contains": "[if(contains(reference('sa'), 'networkAcls'), contains(reference('sa').networkAcls, 'x'), false())]",
			"output": "[reference('d').outputs.o.value.known]",
			"outputLate": "[reference('d').outputs.o.value.late]",
			"badOutput": "[reference('d').outputs.nope.value]"
		}}]}`, Options{})
	var use *value.Object
	for _, r := range res.Resources {
		if r.Name == "use" {
			use = r.Body
		}
	}
	if use == nil {
		t.Fatalf("no resource 'use' in %+v", res.Resources)
	}
	if got := value.Render(get(t, use, "properties.known")); got != "TLS1_2" {
		t.Errorf("known = %s, want TLS1_2", got)
	}
	if got := value.Render(get(t, use, "properties.output")); got != "1" {
		t.Errorf("output = %s, want 1", got)
	}
	for path, origin := range map[string]string{
		"properties.endpoint":   "reference('sa').primaryEndpoints is only known after deployment",
		"properties.principal":  "reference('sa').identity.principalId is only known after deployment",
		"properties.nullFilled": "reference('sa').networkAcls is only known after deployment",
		"properties.inArray":    "reference('sa').list[0].b is only known after deployment",
		"properties.tried":      "reference('sa').primaryEndpoints is only known after deployment",
		"properties.contains":   "reference('sa').networkAcls is only known after deployment",
		"properties.outputLate": "reference('d').outputs.o.value.late is only known after deployment",
	} {
		u, ok := get(t, use, path).(value.Unknown)
		if !ok {
			t.Errorf("%s = %s, want an Unknown", path, value.Render(get(t, use, path)))
			continue
		}
		if u.Origin != origin {
			t.Errorf("%s origin = %q, want %q", path, u.Origin, origin)
		}
	}
	errs := res.AllErrors()
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "property 'nope' does not exist") {
		t.Errorf("errors = %v, want only the undeclared output 'nope'", errs)
	}
}

// A module that reads the resource which uses its outputs runs before
// Azure deploys that resource (CARML's resources/tags reads the tags it
// then merges): reference() gives the earlier state, not a cycle error.
func TestReferenceFromModuleOfTheResource(t *testing.T) {
	sub := `"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", "contentVersion": "1.0.0.0"`
	nested := `{` + sub + `, "resources": [], "outputs": {"existing": {"type": "object",
		"value": "[coalesce(tryGet(reference(subscriptionResourceId('Microsoft.Resources/tags', 'default'), '2021-04-01'), 'tags'), createObject())]"}}}`
	res := expandText(t, `{`+sub+`, "resources": [
		{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "read", "location": "eastus",
		 "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"}, "template": `+nested+`}},
		{"type": "Microsoft.Resources/tags", "apiVersion": "2021-04-01", "name": "default", "dependsOn": ["read"],
		 "properties": {"tags": "[union(reference('read').outputs.existing.value, createObject('a', 'b'))]"}}]}`, Options{})
	if errs := res.AllErrors(); len(errs) > 0 {
		t.Fatalf("errors = %v, want none", errs)
	}
	var tags *value.Object
	for _, r := range res.Resources {
		if r.Type == "Microsoft.Resources/tags" {
			tags = r.Body
		}
	}
	if tags == nil {
		t.Fatal("no tags resource")
	}
	if _, ok := get(t, tags, "properties.tags").(value.Unknown); !ok {
		t.Errorf("tags = %s, want an Unknown (the tags before the deployment)", value.Render(get(t, tags, "properties.tags")))
	}
}

// A nested deployment with a subscriptionId and no resourceGroup, in a
// resource group template, is a subscription deployment (Bicep's scope:
// subscription()): its id has no resource group, and dependsOn can name it
// by subscriptionResourceId.
func TestSubscriptionDeploymentFromResourceGroup(t *testing.T) {
	inner := `{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", "resources": []}`
	res := expandText(t, `{`+rgSchema+`, "resources": [
		{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "rbac", "subscriptionId": "[subscription().subscriptionId]", "location": "eastus",
		 "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"}, "template": `+inner+`}},
		{"type": "A.B/c", "apiVersion": "1", "name": "after", "dependsOn": ["[subscriptionResourceId('Microsoft.Resources/deployments', 'rbac')]"]}]}`, Options{})
	if errs := res.AllErrors(); len(errs) > 0 {
		t.Fatalf("errors = %v, want none", errs)
	}
	want := "/subscriptions/ffffffff-ffff-ffff-ffff-ffffffffffff/providers/Microsoft.Resources/deployments/rbac"
	if got := res.Resources[0].ID; got != want {
		t.Errorf("id = %s, want %s", got, want)
	}
}

// A parameter without a value whose type definition is nullable (Bicep's
// "param p t" with "type t = {...}[]?", as CARML writes diagnostic
// settings) is null, not Unknown: "p ?? []" then gives no instances.
func TestParameterNullableByItsType(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "languageVersion": "2.0",
		"definitions": {"settings": {"type": "array", "nullable": true, "items": {"type": "object"}}},
		"parameters": {"diag": {"$ref": "#/definitions/settings"}},
		"resources": {"d": {"copy": {"name": "d", "count": "[length(coalesce(parameters('diag'), createArray()))]"},
			"type": "A.B/c", "apiVersion": "1", "name": "[format('d{0}', copyIndex())]"}}}`, Options{})
	if errs := res.AllErrors(); len(errs) > 0 {
		t.Fatalf("errors = %v, want none", errs)
	}
	if len(res.Resources) != 0 {
		t.Errorf("%d resources, want none: the parameter is null", len(res.Resources))
	}
}

// ARM documents list*() as unavailable where values are resolved before
// deployment (parameter defaults, copy counts) and in user-defined
// functions; in variables and properties it is a deployment-time value.
func TestListWhereARMForbidsIt(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`,
		"parameters": {"p": {"type": "string", "defaultValue": "[listKeys('sa', '2023-01-01').keys[0].value]"}},
		"variables": {"v": "[listKeys('sa', '2023-01-01').keys[0].value]"},
		"functions": [{"namespace": "f", "members": {"k": {"parameters": [], "output": {"type": "string", "value": "[listKeys('sa', '2023-01-01').keys[0].value]"}}}}],
		"resources": [
		{"type": "A.B/c", "apiVersion": "1", "name": "[format('a{0}', copyIndex())]", "copy": {"name": "l", "count": "[length(listKeys('sa', '2023-01-01').keys)]"}},
		{"type": "A.B/c", "apiVersion": "1", "name": "b", "properties": {"prop": "[listKeys('sa', '2023-01-01').keys[0].value]", "v": "[variables('v')]", "p": "[parameters('p')]", "f": "[f.k()]"}}]}`, Options{})
	var msgs []string
	for _, e := range res.AllErrors() {
		msgs = append(msgs, e.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"listKeys() cannot be used in a parameter's defaultValue", "listKeys() cannot be used in a copy count", "function 'f.k' cannot use listKeys()"} {
		if !strings.Contains(all, want) {
			t.Errorf("errors lack %q:\n%s", want, all)
		}
	}
	if len(msgs) != 3 {
		t.Errorf("%d errors, want 3 (none for the variable or the property):\n%s", len(msgs), all)
	}
	for _, r := range res.Resources {
		if r.Name != "b" {
			continue
		}
		for _, path := range []string{"properties.prop", "properties.v"} {
			if _, ok := get(t, r.Body, path).(value.Unknown); !ok {
				t.Errorf("%s = %s, want an Unknown", path, value.Render(get(t, r.Body, path)))
			}
		}
	}
}

// references() gives views too: a member Azure adds is Unknown, not an
// error, in each instance of the collection.
func TestReferencesView(t *testing.T) {
	res := expandText(t, `{`+rgSchema+`, "languageVersion": "2.0", "resources": {
		"coll": {"copy": {"name": "coll", "count": 2}, "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "[format('sa{0}', copyIndex())]", "properties": {"i": "[copyIndex()]"}},
		"use": {"type": "A.B/d", "apiVersion": "1", "name": "u", "properties": {
			"known": "[references('coll')[1].i]",
			"late": "[map(references('coll'), lambda('sa', lambdaVariables('sa').primaryEndpoints.blob))]"
		}}}}`, Options{})
	if errs := res.AllErrors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	use := res.Resources[len(res.Resources)-1].Body
	if got := value.Render(get(t, use, "properties.known")); got != "1" {
		t.Errorf("known = %s, want 1", got)
	}
	late, ok := get(t, use, "properties.late").(*value.Array)
	if !ok || len(late.Elems) != 2 {
		t.Fatalf("late = %s, want two Unknowns", value.Render(get(t, use, "properties.late")))
	}
	if u, ok := late.Elems[1].(value.Unknown); !ok || u.Origin != "reference('coll[1]').primaryEndpoints is only known after deployment" {
		t.Errorf("late[1] = %#v", late.Elems[1])
	}
}
