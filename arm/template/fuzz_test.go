package template

import (
	"testing"

	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// FuzzDecode checks that no JSON document panics the template or
// parameter file decoders or the classifier.
func FuzzDecode(f *testing.F) {
	f.Add(`{"parameters": {"p": {"type": "string", "minLength": "x", "items": {"items": {}}}}, "resources": [{"type": "A/b", "resources": [{"name": 1}]}]}`)
	f.Add(`{"languageVersion": "2.0", "resources": {"a": {"type": "A/b", "copy": 1, "existing": "yes"}}, "definitions": {"t": {"discriminator": {"mapping": {"x": 1}}}}}`)
	f.Add(`{"functions": [{"members": {"f": {"parameters": [1], "output": 2}}}], "variables": {"copy": [{}]}, "outputs": {"o": {"copy": []}}}`)
	f.Add(`{"parameters": {"a": {"reference": {"keyVault": 1}}, "b": {"value": null}}, "metadata": {"template": 3}}`)
	f.Fuzz(func(t *testing.T, text string) {
		file := source.NewFile("fuzz.json", []byte(text))
		v, err := jsonc.Parse(file)
		if err != nil {
			return
		}
		Decode(file, v)
		DecodeParameters(file, v)
	})
}
