package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/input"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/rules/azure"
	"github.com/azrule/azrule/source"
)

func TestExportedTargets(t *testing.T) {
	src := `[
  {"type": "Microsoft.MachineLearningServices/workspaces", "name": "w", "id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/w",
   "resources": [{"type": "Microsoft.MachineLearningServices/workspaces/computes", "name": "w/c", "properties": {}}]},
  {"type": "Microsoft.MachineLearningServices/workspaces/computes", "name": "c2", "ResourceId": "/x/c2"}
]`
	v, err := jsonc.Parse(source.NewFile("r.json", []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	ts := ExportedTargets(v)
	var got []string
	for _, tg := range ts {
		got = append(got, tg.Type+" "+tg.Name+" "+tg.ID+" "+tg.Pos.String())
	}
	want := []string{
		"Microsoft.MachineLearningServices/workspaces w /subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/w r.json:2:3",
		"Microsoft.MachineLearningServices/workspaces/computes w/c  r.json:3:18",
		"Microsoft.MachineLearningServices/workspaces/computes c2 /x/c2 r.json:4:3",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("targets:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRunLinkedTemplate follows templateLink.relativePath: the linked
// template's resources are analysed through its caller, with the caller's
// parameters; the finding points at the caller's line that set the value,
// then at the declaration in the linked file.
func TestRunLinkedTemplate(t *testing.T) {
	root := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.json", `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [{
    "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "ws",
    "properties": {
      "mode": "Incremental",
      "templateLink": {"relativePath": "modules/ws.json"},
      "parameters": {"access": {"value": "Enabled"}}
    }
  }]
}`)
	write("modules/ws.json", `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {"access": {"type": "string"}},
  "resources": [{
    "type": "Microsoft.MachineLearningServices/workspaces", "apiVersion": "2023-04-01", "name": "mlw-linked",
    "properties": {"publicNetworkAccess": "[parameters('access')]"}
  }]
}`)
	_, set, err := azure.Load()
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(root); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	r := Run([]string{"."}, Options{Input: input.Options{Root: "."}, Rules: set})
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %v", r.Errors)
	}
	found := false
	for _, rec := range r.Records {
		if rec.TargetName == "mlw-linked" && rec.Rule.Name == "Azure.ML.PublicAccess" {
			found = true
			if rec.Outcome.String() != "Fail" || rec.Input != "main.json" {
				t.Errorf("outcome %v input %s", rec.Outcome, rec.Input)
			}
			if len(rec.Source) != 2 || rec.Source[0].String() != "main.json:9:42" || rec.Source[1].File != "modules/ws.json" {
				t.Errorf("source %v, want the caller's value then the linked declaration", rec.Source)
			}
		}
		if rec.Input == "modules/ws.json" {
			t.Errorf("the linked template was analysed on its own: %+v", rec)
		}
	}
	if !found {
		t.Errorf("no result for the linked workspace; records: %d", len(r.Records))
	}
}
