package input

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/azrule/azrule/internal/testdir"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		text string
		want Kind
	}{
		{`{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"}`, Template},
		{`{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"}`, Template},
		{`{"$schema": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#"}`, Template},
		{`{"$schema": "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#"}`, Template},
		{`{"$schema": "HTTPS://SCHEMA.MANAGEMENT.AZURE.COM/schemas/2015-01-01/DeploymentTemplate.json#"}`, Template},
		{`{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"}`, Parameters},
		{`{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentParameters.json#"}`, Parameters},
		// Another schema decides too: such a file is not exported resources,
		// whatever its keys.
		{`{"$schema": "https://json.schemastore.org/package.json", "type": "x/y", "name": "y"}`, Other},
		// package.json has "type" and "name" but is no Azure resource.
		{`{"name": "app", "type": "module", "version": "1.0.0"}`, Other},
		{`{"type": "Microsoft.Storage/storageAccounts", "name": "sa"}`, Resources},
		{`[{"type": "A/b", "name": "n"}, {"type": "A/c", "name": "m"}]`, Resources},
		{`[{"type": "A/b", "name": "n"}, 1]`, Other},
		{`[]`, Other},
		{`{"type": "A/b"}`, Other},
		{`{"type": 1, "name": "n"}`, Other},
		{`"x"`, Other},
	}
	for _, tt := range tests {
		v, err := jsonc.Parse(source.NewFile("x.json", []byte(tt.text)))
		if err != nil {
			t.Fatal(err)
		}
		if got := Classify(v); got != tt.want {
			t.Errorf("Classify(%s) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestClassifyCorpora checks PSRule's exported ML resources classify as
// resources, and every compiled template of the Bicep samples as a
// template.
func TestClassifyCorpora(t *testing.T) {
	root := testdir.Corpus(t)
	check := func(pattern string, want Kind) int {
		files, _ := filepath.Glob(filepath.Join(root, pattern))
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			v, err := jsonc.Parse(source.NewFile(p, data))
			if err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			if got := Classify(v); got != want {
				t.Errorf("%s: %v, want %v", p, got, want)
			}
		}
		return len(files)
	}
	if n := check("psrule-ml/*.json", Resources); n == 0 {
		t.Error("no psrule-ml files")
	}
	n := check("bicep-samples/baselines/*/main.json", Template)
	n += check("bicep-samples/baselines/*/main.symbolicnames.json", Template)
	t.Logf("%d compiled templates classified", n)
}
