package compile

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/expand"
	"github.com/azrule/azrule/arm/value"
)

// specVersion is a template spec version as the Bicep CLI restores it:
// the main template, with a linked template that links another.
const specVersion = `{
  "properties": {
    "mainTemplate": {
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "parameters": {"name": {"type": "string"}},
      "resources": [
        {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
         "name": "[parameters('name')]", "location": "eastus", "kind": "StorageV2",
         "sku": {"name": "Standard_LRS"}},
        {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "net",
         "properties": {"mode": "Incremental", "templateLink": {"relativePath": "nested/net.json"}}}
      ]
    },
    "linkedTemplates": [
      {"path": "nested/net.json", "template": {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
          {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "vnet1",
           "location": "eastus", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}},
          {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "ip",
           "properties": {"mode": "Incremental", "templateLink": {"relativePath": "ip.json"}}}
        ]}},
      {"path": "nested/ip.json", "template": {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
          {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01", "name": "ip1",
           "location": "eastus"}
        ]}}
    ]
  }
}`

const specModule = `module spec 'ts:00000000-0000-0000-0000-000000000000/rg1/storage:1.0' = {
  name: 'spec'
  params: {
    name: 'st1'
  }
}
`

// TestInlineTemplateSpecs lays out a local module cache with one template
// spec and checks both modes: linked by id (as bicep build writes it) and
// embedded, linked templates included, so that expansion reaches the
// resources inside.
func TestInlineTemplateSpecs(t *testing.T) {
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache")
	spec := filepath.Join(cache, "ts", "00000000-0000-0000-0000-000000000000", "rg1", "storage", "1.0", "main.json")
	if err := os.MkdirAll(filepath.Dir(spec), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(spec, []byte(specVersion), 0o644); err != nil {
		t.Fatal(err)
	}
	main := filepath.Join(dir, "main.bicep")
	if err := os.WriteFile(main, []byte(specModule), 0o644); err != nil {
		t.Fatal(err)
	}
	types := func(res *expand.Result) []string {
		var out []string
		for _, r := range res.Resources {
			out = append(out, r.Type+" "+r.Name)
		}
		sort.Strings(out)
		return out
	}

	// As bicep build: linked by the template spec version id.
	r := BuildFile(main, Options{CacheRoot: cache})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	rs, _ := r.Template.Get("resources")
	props, _ := getObj(rs.(*value.Array).Elems[0].(*value.Object), "properties")
	link, _ := getObj(props, "templateLink")
	if link == nil || getStr(link, "id") != "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Resources/templateSpecs/storage/versions/1.0" || props.Has("template") {
		t.Errorf("without InlineTemplateSpecs the module must be linked by id: %s", value.AppendJSON(nil, props))
	}
	res, errs := expandBicepWith(main, Options{CacheRoot: cache}, expand.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := strings.Join(types(res), ", "); got != "Microsoft.Resources/deployments spec" {
		t.Errorf("linked: resources %s", got)
	}

	// For analysis: embedded, with its linked templates.
	res, errs = expandBicepWith(main, Options{CacheRoot: cache, InlineTemplateSpecs: true}, expand.Options{})
	if res != nil {
		errs = append(errs, res.AllErrors()...)
	}
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := "Microsoft.Network/publicIPAddresses ip1, Microsoft.Network/virtualNetworks vnet1, " +
		"Microsoft.Resources/deployments ip, Microsoft.Resources/deployments net, " +
		"Microsoft.Resources/deployments spec, Microsoft.Storage/storageAccounts st1"
	if got := strings.Join(types(res), ", "); got != want {
		t.Errorf("inlined: resources\n got  %s\n want %s", got, want)
	}
	// The inner resources point into the cached template spec.
	for _, x := range res.Resources {
		if x.Type == "Microsoft.Storage/storageAccounts" && !strings.HasSuffix(x.Pos.File.Name, "1.0/main.json") {
			t.Errorf("storage account declared at %s, want the cached main.json", x.Pos.File.Name)
		}
	}
}
