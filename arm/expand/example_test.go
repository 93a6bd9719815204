package expand_test

import (
	"fmt"

	"github.com/azrule/azrule/arm/expand"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// Expanding a template with a copy loop and a child resource gives one
// resource per instance, with full types, names and ids.
func ExampleExpand() {
	f := source.NewFile("main.json", []byte(`{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [{
    "type": "Microsoft.MachineLearningServices/workspaces",
    "apiVersion": "2023-04-01",
    "name": "[format('mlw-{0}', copyIndex(1))]",
    "copy": {"name": "workspaces", "count": 2},
    "location": "eastus",
    "identity": {"type": "[if(equals(copyIndex(), 0), 'SystemAssigned', 'UserAssigned')]"},
    "resources": [{"type": "computes", "apiVersion": "2023-04-01", "name": "ci", "properties": {}}]
  }]
}`))
	root, err := jsonc.Parse(f)
	if err != nil {
		panic(err)
	}
	t, errs := template.Decode(f, root)
	if len(errs) > 0 {
		panic(errs)
	}
	res := expand.Expand(t, expand.Options{})
	for _, r := range res.Resources {
		identity, _ := r.Body.Get("identity")
		fmt.Println(r.Type, r.Name, r.Pos.Position().Line, renderOrNone(identity))
	}
	fmt.Println(res.Resources[1].ID)
	// Output:
	// Microsoft.MachineLearningServices/workspaces mlw-1 4 {"type":"SystemAssigned"}
	// Microsoft.MachineLearningServices/workspaces mlw-2 4 {"type":"UserAssigned"}
	// Microsoft.MachineLearningServices/workspaces/computes mlw-1/ci 11 -
	// Microsoft.MachineLearningServices/workspaces/computes mlw-2/ci 11 -
	// /subscriptions/ffffffff-ffff-ffff-ffff-ffffffffffff/resourceGroups/ps-rule-test-rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-2
}

func renderOrNone(v value.Value) string {
	if v == nil {
		return "-"
	}
	return value.Render(v)
}
