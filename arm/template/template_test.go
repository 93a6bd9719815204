package template

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

func parse(t *testing.T, name, text string) (*source.File, value.Value) {
	t.Helper()
	f := source.NewFile(name, []byte(text))
	v, err := jsonc.Parse(f)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return f, v
}

func TestDecodeTemplate(t *testing.T) {
	f, root := parse(t, "main.json", `{
  "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "name": {"type": "string", "minLength": 3, "maxLength": 24, "metadata": {"description": "d"}},
    "count": {"type": "int", "defaultValue": 2, "minValue": 1, "maxValue": 5},
    "sku": {"type": "string", "allowedValues": ["a", "b"], "defaultValue": "a"},
    "cfg": {"$ref": "#/definitions/cfg", "nullable": true}
  },
  "definitions": {
    "cfg": {"type": "object", "properties": {"x": {"type": "int"}}, "additionalProperties": {"type": "string"},
            "discriminator": {"propertyName": "kind", "mapping": {"a": {"type": "object"}}}}
  },
  "functions": [{"namespace": "ns", "members": {"f": {"parameters": [{"name": "p", "type": "string"}], "output": {"type": "string", "value": "[parameters('p')]"}}}}],
  "variables": {"v1": 1, "copy": [{"name": "list", "count": 2, "input": "[copyIndex('list')]"}]},
  "resources": [
    {"type": "Microsoft.MachineLearningServices/workspaces", "apiVersion": "2023-04-01", "name": "mlw",
     "copy": {"name": "ws", "count": 3, "mode": "Serial", "batchSize": 1},
     "resources": [{"type": "computes", "apiVersion": "2023-04-01", "name": "ci", "dependsOn": ["mlw"]}]}
  ],
  "outputs": {"o": {"type": "array", "copy": {"count": 2, "input": "[copyIndex()]"}}}
}`)
	tpl, errs := Decode(f, root)
	if len(errs) != 0 {
		t.Fatalf("unexpected errors: %v", errs)
	}
	if tpl.Scope != ScopeSubscription {
		t.Errorf("scope = %q, want subscription", tpl.Scope)
	}
	if len(tpl.Parameters) != 4 || tpl.Parameters[0].Name != "name" || tpl.Parameters[3].Name != "cfg" {
		t.Fatalf("parameters out of order: %+v", tpl.Parameters)
	}
	if p := tpl.Parameter("NAME"); p == nil || p.MinLength == nil || p.MinLength.V != 3 || p.MaxLength.V != 24 {
		t.Errorf("minLength/maxLength not decoded: %+v", p)
	}
	if p := tpl.Parameter("count"); p.MinValue.V != 1 || p.MaxValue.V != 5 || p.DefaultValue == nil {
		t.Errorf("count parameter: %+v", p)
	}
	if p := tpl.Parameter("sku"); p.AllowedValues == nil || len(p.AllowedValues.Elems) != 2 {
		t.Errorf("allowedValues not decoded")
	}
	if p := tpl.Parameter("cfg"); p.Ref != "#/definitions/cfg" || !p.Nullable {
		t.Errorf("cfg: ref %q nullable %v", p.Ref, p.Nullable)
	}
	d := tpl.Definition("cfg")
	if d == nil || len(d.Properties) != 1 || d.AdditionalProperties == nil || d.Discriminator == nil || d.Discriminator.PropertyName != "kind" {
		t.Errorf("definition: %+v", d)
	}
	fn := tpl.Function("NS.F")
	if fn == nil || len(fn.Parameters) != 1 || fn.Parameters[0].Name != "p" || fn.OutputValue == nil {
		t.Errorf("function: %+v", fn)
	}
	if len(tpl.Variables) != 2 || tpl.Variables[1].Copy == nil || tpl.Variables[1].Name != "list" {
		t.Errorf("variables: %+v", tpl.Variables)
	}
	if len(tpl.Resources) != 1 {
		t.Fatalf("resources: %d", len(tpl.Resources))
	}
	r := tpl.Resources[0]
	if r.Copy == nil || r.Copy.Name != "ws" || r.Copy.Mode != "Serial" || len(r.Children) != 1 {
		t.Fatalf("resource: %+v", r)
	}
	c := r.Children[0]
	if c.FullType() != "Microsoft.MachineLearningServices/workspaces/computes" || c.Parent != r || len(c.DependsOn) != 1 {
		t.Errorf("child full type %q", c.FullType())
	}
	if got := c.Pos.Position(); got.Line != 19 {
		t.Errorf("child position %v, want line 19", got)
	}
	if len(tpl.Outputs) != 1 || tpl.Outputs[0].Copy == nil {
		t.Errorf("outputs: %+v", tpl.Outputs)
	}
}

func TestDecodeSymbolic(t *testing.T) {
	f, root := parse(t, "main.json", `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "languageVersion": "2.0",
  "contentVersion": "1.0.0.0",
  "resources": {
    "kv": {"existing": true, "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv1"},
    "req": {"type": "request@v1", "properties": {}},
    "sa": {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "sa1", "dependsOn": ["kv"]}
  }
}`)
	tpl, errs := Decode(f, root)
	if len(errs) != 0 {
		t.Fatalf("unexpected errors: %v", errs)
	}
	if !tpl.Symbolic() || tpl.Scope != ScopeResourceGroup {
		t.Fatalf("symbolic %v scope %q", tpl.Symbolic(), tpl.Scope)
	}
	if len(tpl.Resources) != 3 || tpl.Resources[0].Symbol != "kv" || !tpl.Resources[0].Existing || tpl.Resources[2].Symbol != "sa" {
		t.Fatalf("resources: %+v", tpl.Resources)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "line:col: message fragment"
	}{
		{"not object", `[1]`, []string{"1:1: a template must be a JSON object"}},
		{"resources string", `{"resources": "x"}`, []string{"1:15: \"resources\" must be an array"}},
		{"object without 2.0", `{"resources": {"a": {"type": "T/t", "apiVersion": "1", "name": "n"}}}`, []string{"1:15: \"resources\" is an object of symbolic names"}},
		{"no type", "{\"resources\": [\n  {\"name\": \"x\"}]}", []string{"2:3: resource has no \"type\""}},
		{"no type symbolic", `{"languageVersion": "2.0", "resources": {"a": {"name": "x"}}}`, []string{"resource 'a' has no \"type\""}},
		{"no name", `{"resources": [{"type": "A/b", "apiVersion": "1"}]}`, []string{"resource of type 'A/b' has no \"name\""}},
		{"param not object", `{"parameters": {"p": 1}}`, []string{"parameter 'p' must be an object"}},
		{"copy no count", `{"resources": [{"type": "A/b", "apiVersion": "1", "name": "n", "copy": {"name": "c"}}]}`, []string{"resource copy has no \"count\""}},
		{"copy no name", `{"resources": [{"type": "A/b", "apiVersion": "1", "name": "n", "copy": {"count": 1}}]}`, []string{"resource copy needs a \"name\""}},
		{"var copy no input", `{"variables": {"copy": [{"name": "v", "count": 1}]}}`, []string{"variable copy has no \"input\""}},
		{"minLength string", `{"parameters": {"p": {"type": "string", "minLength": "3"}}}`, []string{"\"minLength\" must be an integer"}},
		{"function no output", `{"functions": [{"namespace": "n", "members": {"f": {}}}]}`, []string{"function 'n.f' has no \"output\""}},
		{"output no value", `{"outputs": {"o": {"type": "string"}}}`, []string{"output 'o' has no \"value\""}},
		{"dependsOn not array", `{"resources": [{"type": "A/b", "apiVersion": "1", "name": "n", "dependsOn": "x"}]}`, []string{"\"dependsOn\" must be an array"}},
		{"copy mode", `{"resources": [{"type": "A/b", "apiVersion": "1", "name": "n", "copy": {"name": "c", "count": 1, "mode": "batch"}}]}`, []string{"copy mode 'batch' is not valid"}},
		{"no apiVersion", `{"resources": [{"type": "A/b", "name": "n"}]}`, []string{"1:16: resource of type 'A/b' has no \"apiVersion\""}},
		{"apiProfile", `{"apiProfile": "2019-03-01-hybrid", "resources": [{"type": "A/b", "name": "n"}]}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, root := parse(t, "t.json", tt.text)
			_, errs := Decode(f, root)
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d errors %v, want %d", len(errs), errs, len(tt.want))
			}
			for i, w := range tt.want {
				got := errs[i].Message
				if pos, msg, ok := strings.Cut(w, ": "); ok && strings.Contains(pos, ":") {
					p := errs[i].Pos.Position()
					if fmt.Sprintf("%d:%d", p.Line, p.Column) != pos {
						t.Errorf("error %d at %v, want %s", i, p, pos)
					}
					w = msg
				}
				if !strings.Contains(got, w) {
					t.Errorf("error %d = %q, want it to contain %q", i, got, w)
				}
				if errs[i].Code == "" || !errs[i].Pos.IsValid() {
					t.Errorf("error %d has no code or position: %+v", i, errs[i])
				}
			}
		})
	}
}

func TestDecodeParameters(t *testing.T) {
	f, root := parse(t, "main.parameters.json", `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "metadata": {"template": "./main.json"},
  "parameters": {
    "name": {"value": "mlw-1"},
    "secret": {"reference": {"keyVault": {"id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1"}, "secretName": "pwd"}},
    "bad": {"x": 1}
  }
}`)
	pf, errs := DecodeParameters(f, root)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "parameter 'bad' has neither") {
		t.Fatalf("errors: %v", errs)
	}
	if pf.TemplatePath != "./main.json" {
		t.Errorf("template path %q", pf.TemplatePath)
	}
	if len(pf.Parameters) != 2 {
		t.Fatalf("parameters: %d", len(pf.Parameters))
	}
	if got := pf.Parameters[0].Value.Pos().Position(); got.Line != 6 || got.Column != 23 {
		t.Errorf("value position %v, want 6:23", got)
	}
	u, ok := pf.Parameters[1].Value.(value.Unknown)
	if !ok || !strings.Contains(u.Origin, "pwd") || !strings.Contains(u.Origin, "kv1") {
		t.Errorf("key vault reference = %#v", pf.Parameters[1].Value)
	}
	vals := pf.Values()
	if _, ok := vals["name"]; !ok || len(vals) != 2 {
		t.Errorf("Values() = %v", vals)
	}
}

// TestDecodeCorpus decodes every compiled template of the corpora: the
// Bicep compiler's output is valid ARM, so no structural error is expected.
func TestDecodeCorpus(t *testing.T) {
	n := 0
	for _, sub := range []string{"bicep-samples", "carml"} {
		root := testdir.Corpus(t, sub)
		err := filepath.WalkDir(root, func(path string, de os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			base := de.Name()
			if de.IsDir() || (base != "main.json" && base != "main.symbolicnames.json") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			f := source.NewFile(path, data)
			v, perr := jsonc.Parse(f)
			if perr != nil {
				t.Errorf("%s: %v", path, perr)
				return nil
			}
			if _, errs := Decode(f, v); len(errs) > 0 {
				t.Errorf("%s: %v", path, errs)
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("decoded %d corpus templates", n)
}
