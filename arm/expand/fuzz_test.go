package expand

import (
	"testing"

	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// FuzzExpand checks that no template, however broken, panics the decoder
// or the expander.
func FuzzExpand(f *testing.F) {
	f.Add(`{"resources": [{"type": "A.B/c", "name": "[format('n{0}', copyIndex())]", "copy": {"name": "l", "count": 2}}]}`)
	f.Add(`{"languageVersion": "2.0", "resources": {"a": {"type": "A.B/c", "name": "x", "properties": {"p": "[reference('a').x]"}}}}`)
	f.Add(`{"variables": {"copy": [{"name": "v", "count": "[variables('v')]"}]}, "outputs": {"o": {"type": "array", "copy": {}}}}`)
	f.Add(`{"functions": [{"namespace": "n", "members": {"f": {"output": {"type": "int"}}}}], "resources": [{"type": "A/b", "name": "[n.f()]"}]}`)
	f.Add(`{"resources": [{"type": "Microsoft.Resources/deployments", "name": "d", "properties": {"template": {"resources": [{"type": "Microsoft.Resources/deployments", "name": "e", "properties": {"template": 1}}]}}}]}`)
	f.Add(`{"parameters": {"p": {"type": "int", "minValue": 2, "defaultValue": "[parameters('p')]"}}, "resources": [{"type": "A/b", "name": "n", "properties": {"copy": [{"name": "x", "count": -1, "input": 1}]}}]}`)
	f.Fuzz(func(t *testing.T, text string) {
		file := source.NewFile("fuzz.json", []byte(text))
		v, err := jsonc.Parse(file)
		if err != nil {
			return
		}
		tpl, _ := template.Decode(file, v)
		if tpl == nil {
			return
		}
		Expand(tpl, Options{})
	})
}
