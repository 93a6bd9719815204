package compile

import "testing"

// TestModuleExtensionConfigs checks how a module's extensionConfigs are
// written: {value} objects, Key Vault references (which are not
// dependencies), inherited configuration, conditions moved out, and the
// Azure extension named on Azure resources once the file declares it.
func TestModuleExtensionConfigs(t *testing.T) {
	files := map[string]string{"child.bicep": "extension kubernetes as k8s\n"}
	src := `extension az
extension kubernetes as k8s
param b bool
param s string
resource kv 'Microsoft.KeyVault/vaults@2019-09-01' existing = {
  name: 'kv1'
}
resource t 'az:My.Rp/TestType@2020-01-01' = {
  name: 't1'
  properties: {}
}
module m1 'child.bicep' = {
  name: 'm1'
  extensionConfigs: {
    k8s: {
      kubeConfig: kv.getSecret('cfg')
      namespace: 'ns'
      other: b ? s : k8s.config.namespace
    }
  }
}
module m2 'child.bicep' = {
  name: 'm2'
  extensionConfigs: {
    k8s: k8s.config
  }
}
`
	tpl, errs := compileSource(t, src, files)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tests := []struct{ path, want string }{
		{"resources/m1/properties/extensionConfigs/k8s/kubeConfig", `{"keyVaultReference":{"keyVault":{"id":"[resourceId('Microsoft.KeyVault/vaults', 'kv1')]"},"secretName":"cfg"}}`},
		{"resources/m1/properties/extensionConfigs/k8s/namespace", `{"value":"ns"}`},
		{"resources/m1/properties/extensionConfigs/k8s/other", `"[if(parameters('b'), createObject('value', parameters('s')), extensions('k8s').config.namespace)]"`},
		{"resources/m1/dependsOn", `<missing>`},
		{"resources/m2/properties/extensionConfigs/k8s", `"[extensions('k8s').config]"`},
		{"resources/t/extension", `"az"`},
		{"resources/t/type", `"My.Rp/TestType"`},
		{"resources/t/apiVersion", `"2020-01-01"`},
		{"resources/kv/extension", `"az"`},
		{"resources/m1/extension", `<missing>`},
	}
	for _, tt := range tests {
		if got := jsonAt(tpl, tt.path); got != tt.want {
			t.Errorf("%s:\n got  %s\n want %s", tt.path, got, tt.want)
		}
	}
}

// TestGraphExtensionByVersion checks that a Microsoft Graph resource goes
// to the extension published for its type's version.
func TestGraphExtensionByVersion(t *testing.T) {
	src := `extension 'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:0.1.8-preview' as graphV1
extension 'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/beta:0.1.8-preview' as graphBeta
resource a 'Microsoft.Graph/applications@beta' = {
  uniqueName: 'a'
}
resource b 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: 'b'
}
`
	tpl, errs := compileSource(t, src, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for path, want := range map[string]string{"resources/a/extension": `"graphBeta"`, "resources/b/extension": `"graphV1"`} {
		if got := jsonAt(tpl, path); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
}
