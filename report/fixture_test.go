package report

import (
	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// mainBicep is the Bicep file the fixture's findings point into; reasons
// carry real positions in it so "(at file:line:col)" is exercised.
const mainBicep = `param location string = resourceGroup().location

resource mlw 'Microsoft.MachineLearningServices/workspaces@2023-04-01' = {
  name: 'mlw-1'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
}
`

var (
	ruleIdentity = &rules.Info{
		Name:     "Azure.ML.UserManagedIdentity",
		Ref:      "AZR-000407",
		Synopsis: "ML workspaces should use a user-assigned identity.",
		Severity: rules.Important,
		Pillar:   "Security",
		Category: "Identity and access management",
		Tags:     map[string]string{"release": "GA", "ruleSet": "2024_03", "Azure.WAF/pillar": "Security"},
		Labels:   map[string][]string{"Azure.MCSB.v1/control": {"IM-1"}},
		Types:    []string{"Microsoft.MachineLearningServices/workspaces"},
		Doc: &rules.Doc{
			Synopsis:       "ML workspaces should use a user-assigned identity.",
			Description:    "A user-assigned identity outlives the workspace and can be granted access ahead of time.",
			Recommendation: "Set identity.type to UserAssigned and reference a user-assigned identity.",
			Links:          []rules.Link{{Title: "Managed identities", URL: "https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-service-authentication"}},
			Markdown:       "# ML workspaces use a user-assigned identity\n\n## Recommendation\n\nSet `identity.type` to `UserAssigned`.\n",
		},
		HelpURI: "https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ML.UserManagedIdentity/",
	}
	ruleSoftDelete = &rules.Info{
		Name:     "Azure.KeyVault.SoftDelete",
		Ref:      "AZR-000124",
		Synopsis: "Enable Soft Delete on Key Vaults to protect vaults and vault items from accidental deletion.",
		Severity: rules.Critical,
		Pillar:   "Reliability",
		Tags:     map[string]string{"release": "GA", "ruleSet": "2020_06", "Azure.WAF/pillar": "Reliability"},
		Doc: &rules.Doc{
			Synopsis:       "Enable Soft Delete on Key Vaults.",
			Recommendation: "Consider enabling soft delete on Key Vaults.",
		},
		HelpURI: "https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.KeyVault.SoftDelete/",
	}
	// ruleTLS has no doc and no help URI: formats must fall back to the
	// synopsis and not link anything.
	ruleTLS = &rules.Info{
		Name:     "Azure.Storage.MinTLS",
		Ref:      "AZR-000200",
		Synopsis: "Storage Accounts should reject TLS versions older than 1.2.",
		Severity: rules.Awareness,
		Pillar:   "Security",
	}
)

// fixture is a report with every case a format must handle: passes,
// failures with reasons that point elsewhere, a rule error, a suppressed
// failure, a not-applicable record, a target whose name and reason hold
// characters that need escaping in every format, and input errors with
// and without a line.
func fixture() *engine.Report {
	f := source.NewFile("main.bicep", []byte(mainBicep))
	typeValue := f.Pos(len("param location string = resourceGroup().location\n\nresource mlw 'Microsoft.MachineLearningServices/workspaces@2023-04-01' = {\n  name: 'mlw-1'\n  location: location\n  identity: {\n    type: "))
	return &engine.Report{
		Files: 4,
		Rules: []*rules.Info{ruleSoftDelete, ruleIdentity, ruleTLS},
		Records: []engine.Record{
			{
				Rule: ruleIdentity, TargetName: "mlw-1", TargetType: "Microsoft.MachineLearningServices/workspaces",
				TargetID: "/subscriptions/ffffffff-ffff-ffff-ffff-ffffffffffff/resourceGroups/ps-rule-test-rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-1",
				Input:    "main.bicep", Outcome: rules.Fail,
				Reasons: []rules.Reason{{Path: "identity.type", Message: "Is set to 'SystemAssigned'.", Pos: typeValue}},
				Source:  []source.Position{typeValue.Position(), {File: "main.bicep", Line: 3, Column: 1}},
			},
			{
				Rule: ruleTLS, TargetName: "mlw-1", TargetType: "Microsoft.MachineLearningServices/workspaces",
				TargetID: "/subscriptions/ffffffff-ffff-ffff-ffff-ffffffffffff/resourceGroups/ps-rule-test-rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-1",
				Input:    "main.bicep", Outcome: rules.None,
				Source: []source.Position{{File: "main.bicep", Line: 3, Column: 1}},
			},
			{
				Rule: ruleIdentity, TargetName: "mlw-1/ci-1", TargetType: "Microsoft.MachineLearningServices/workspaces/computes",
				Input: "main.bicep", Outcome: rules.Error,
				Reasons: []rules.Reason{{Message: "The expression [reference('missing').id] could not be evaluated."}},
				Source:  []source.Position{{File: "modules/compute.bicep", Line: 12, Column: 3}},
			},
			{
				Rule: ruleTLS, TargetName: "st|<01>&\"x\"", TargetType: "Microsoft.Storage/storageAccounts",
				Input: "storage.json", Outcome: rules.Fail,
				Reasons: []rules.Reason{
					{Path: "properties.minimumTlsVersion", Message: "Is set to 'TLS1_0', want 'TLS1_2', or later."},
					{Message: "=HYPERLINK(\"x\") \x1b[31mred\x1b[0m *bold* [link](javascript:x)\nsecond line"},
				},
				Source: []source.Position{{File: "storage.json", Line: 20, Column: 9}},
			},
			{
				Rule: ruleTLS, TargetName: "st2", TargetType: "Microsoft.Storage/storageAccounts",
				Input: "storage.json", Outcome: rules.Pass,
				Source: []source.Position{{File: "storage.json", Line: 40, Column: 5}},
			},
			{
				Rule: ruleSoftDelete, TargetName: "kv-1", TargetType: "Microsoft.KeyVault/vaults",
				Input: "vault.parameters.json", Outcome: rules.Fail,
				Reasons:    []rules.Reason{{Path: "properties.enableSoftDelete", Message: "Is set to 'false'."}},
				Source:     []source.Position{{File: "vault.json", Line: 17, Column: 11}},
				Suppressed: true, SuppressedBy: "SuppressionGroup 'legacy-vaults'",
			},
			{
				Rule: ruleSoftDelete, TargetName: "kv-2", TargetType: "Microsoft.KeyVault/vaults",
				Input: "vault.parameters.json", Outcome: rules.Pass,
				Source: []source.Position{{File: "vault.json", Line: 30, Column: 5}},
			},
		},
		Errors: []engine.InputError{
			{Position: source.Position{File: "broken.json", Line: 3, Column: 7}, Code: "JSON001", Message: "unexpected '}': expected a value"},
			{Position: source.Position{File: "main.bicep"}, Code: "BCP091", Message: "the file could not be read: permission denied"},
		},
	}
}

// passing is a report in which everything passed.
func passing() *engine.Report {
	return &engine.Report{
		Files: 1,
		Rules: []*rules.Info{ruleTLS},
		Records: []engine.Record{{
			Rule: ruleTLS, TargetName: "st2", TargetType: "Microsoft.Storage/storageAccounts",
			Input: "storage.json", Outcome: rules.Pass,
			Source: []source.Position{{File: "storage.json", Line: 40, Column: 5}},
		}},
	}
}
