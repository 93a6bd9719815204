package eval

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

const (
	sub = "/subscriptions/ffffffff-ffff-ffff-ffff-ffffffffffff"
	rg  = sub + "/resourceGroups/ps-rule-test-rg"
)

func TestResourceIDFunctions(t *testing.T) {
	runCases(t, []evalCase{
		{"[resourceId('Microsoft.Storage/storageAccounts', 'sa1')]", "'" + rg + "/providers/Microsoft.Storage/storageAccounts/sa1'", ""},
		{"[resourceId('otherRG', 'Microsoft.Storage/storageAccounts', 'sa1')]", "'" + sub + "/resourceGroups/otherRG/providers/Microsoft.Storage/storageAccounts/sa1'", ""},
		{"[resourceId('1111', 'otherRG', 'Microsoft.Storage/storageAccounts', 'sa1')]", "'/subscriptions/1111/resourceGroups/otherRG/providers/Microsoft.Storage/storageAccounts/sa1'", ""},
		{"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet')]", "'" + rg + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet'", ""},
		{"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet/snet')]", "'" + rg + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet'", ""},
		{"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]", "", "the resource type 'Microsoft.Network/virtualNetworks/subnets' needs 2 resource names, but 1 was given"},
		{"[resourceId('Microsoft.Storage/storageAccounts', 'a', 'b')]", "", "needs 1 resource name, but 2 were given"},
		{"[resourceId('a', 'b')]", "", "no resource type among the arguments"},
		{"[resourceId('a', 'b', 'c', 'Microsoft.Storage/storageAccounts', 'x')]", "", "must be one of the first 3 arguments"},
		{"[resourceId('Microsoft.Storage/storageAccounts', 1)]", "", "argument 2 must be a string, not Integer"},
		{"[resourceId('Microsoft.Storage/storageAccounts', parameters('missing'))]", "unknown:" + rg + "/providers/Microsoft.Storage/storageAccounts/{{parameters('missing')}}", ""},
		{"[resourceId(subscription().id, 'rg', 'Microsoft.Storage/storageAccounts', 'sa')]", "'/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa'", ""},
		{"[subscriptionResourceId(subscription().id, 'Microsoft.Resources/deployments', 'd')]", "'/subscriptions/" + sub + "/providers/Microsoft.Resources/deployments/d'", ""},
		{"[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg1')]", "'" + sub + "/providers/Microsoft.Resources/resourceGroups/rg1'", ""},
		{"[subscriptionResourceId('2222', 'Microsoft.Resources/resourceGroups', 'rg1')]", "'/subscriptions/2222/providers/Microsoft.Resources/resourceGroups/rg1'", ""},
		{"[tenantResourceId('Microsoft.Authorization/policyDefinitions', 'p1')]", "'/providers/Microsoft.Authorization/policyDefinitions/p1'", ""},
		{"[tenantResourceId('x', 'Microsoft.Authorization/policyDefinitions', 'p1')]", "", "must be one of the first 1 arguments"},
		{"[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'p1')]", "'/providers/Microsoft.Management/managementGroups/psrule-test/providers/Microsoft.Authorization/policyDefinitions/p1'", ""},
		{"[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'p1')]", "'/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p1'", ""},
		{"[extensionResourceId(resourceId('Microsoft.Storage/storageAccounts', 'sa'), 'Microsoft.Authorization/locks', 'lock1')]", "'" + rg + "/providers/Microsoft.Storage/storageAccounts/sa/providers/Microsoft.Authorization/locks/lock1'", ""},
		{"[extensionResourceId(subscription().id, 'Microsoft.Authorization/roleAssignments', 'ra')]", "'" + sub + "/providers/Microsoft.Authorization/roleAssignments/ra'", ""},
		{"[extensionResourceId('no/slash', 'Microsoft.Authorization/locks', 'l')]", "", "must be the id of the resource the extension applies to"},
		{"[reference('sa1')]", "unknown:{{reference('sa1')}}", ""},
		{"[reference('sa1', '2023-01-01', 'Full').properties]", "unknown:{{reference('sa1').properties}}", ""},
		// The placeholder is ARM syntax: the target quoted, an Unknown
		// target written as the expression it stands for.
		{"[reference(concat('sa-', parameters('missing'))).primaryEndpoints]", "unknown:{{reference(concat('sa-', parameters('missing'))).primaryEndpoints}}", ""},
		{"[reference('sa1', '2023-01-01', 'Partial')]", "", "argument 3 must be 'Full'"},
		{"[reference(1)]", "", "argument 1 must be a resource name, id or symbolic name"},
		{"[references('things')]", "", "references('things') names no resource collection"},
		{"[listKeys('sa', '2023-01-01')]", "unknown:{{listKeys('sa', '2023-01-01')}}", ""},
		{"[list(resourceId('Microsoft.Web/sites', 'app'), '2022-01-01').properties]", "unknown:{{list('" + rg + "/providers/Microsoft.Web/sites/app', '2022-01-01').properties}}", ""},
		{"[listSecrets(parameters('nope'), '1')]", "", "parameter 'nope' is not declared"},
		{"[pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')]", `["1"]`, ""},
		{"[pickZones('Microsoft.Compute', 'virtualMachines', 'westus2', 3)]", `["1","2","3"]`, ""},
		{"[pickZones('Microsoft.Compute', 'virtualMachines', 'westus2', 2, 1)]", `["2","3"]`, ""},
		{"[pickZones('Microsoft.Compute', 'virtualMachines', 'westus2', -1)]", "", "must not be negative"},
		{"[providers('Microsoft.Web', 'sites')]", "unknown:{{providers('Microsoft.Web', 'sites')}}", ""},
	})
}

func TestScopeAndDeploymentFunctions(t *testing.T) {
	runCases(t, []evalCase{
		{"[resourceGroup().name]", "'ps-rule-test-rg'", ""},
		{"[resourceGroup().location]", "'eastus'", ""},
		{"[resourceGroup().id]", "'" + rg + "'", ""},
		{"[resourceGroup().type]", "'Microsoft.Resources/resourceGroups'", ""},
		{"[resourceGroup().properties.provisioningState]", "'Succeeded'", ""},
		{"[resourceGroup().managedBy]", "null", ""},
		{"[resourceGroup().tags]", "{}", ""},
		{"[subscription().subscriptionId]", "'ffffffff-ffff-ffff-ffff-ffffffffffff'", ""},
		{"[subscription().id]", "'" + sub + "'", ""},
		{"[subscription().displayName]", "'PSRule Test Subscription'", ""},
		{"[subscription().tenantId]", "'ffffffff-ffff-ffff-ffff-ffffffffffff'", ""},
		{"[tenant().tenantId]", "'ffffffff-ffff-ffff-ffff-ffffffffffff'", ""},
		{"[tenant().displayName]", "'PSRule'", ""},
		{"[tenant().countryCode]", "'US'", ""},
		{"[managementGroup()]", "", "managementGroup() is only available in a management group deployment"},
		{"[deployment().name]", "'ps-rule-test-deployment'", ""},
		{"[deployment().properties.template.contentVersion]", "'1.0.0.0'", ""},
		{"[deployment().properties.templateLink.uri]", "'https://deployment-uri'", ""},
		{"[deployer().objectId]", "'ffffffff-ffff-ffff-ffff-ffffffffffff'", ""},
		{"[environment().name]", "'AzureCloud'", ""},
		{"[environment().suffixes.storage]", "'core.windows.net'", ""},
		{"[environment().authentication.loginEndpoint]", "'https://login.microsoftonline.com/'", ""},
		{"[extensions('k8s').config.namespace]", "unknown:{{extensions('k8s').config.namespace}}", ""},
		{"[resourceGroup('x')]", "", "'resourceGroup' takes no arguments, but 1 was given"},
	})
}

// scopeEnv evaluates at another deployment scope.
func evalAt(t *testing.T, scope Scope, text string) (value.Value, error) {
	t.Helper()
	env := newTestEnv()
	env.Ctx = env.Ctx.WithScope(scope)
	return run(t, env, text)
}

func TestScopeRules(t *testing.T) {
	cases := []struct {
		scope Scope
		expr  string
		want  string
		err   string
	}{
		{ScopeSubscription, "[resourceId('Microsoft.Resources/resourceGroups', 'rg1')]", sub + "/providers/Microsoft.Resources/resourceGroups/rg1", ""},
		{ScopeSubscription, "[resourceId('rg1', 'Microsoft.Storage/storageAccounts', 'sa')]", sub + "/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/sa", ""},
		{ScopeSubscription, "[subscription().subscriptionId]", "ffffffff-ffff-ffff-ffff-ffffffffffff", ""},
		{ScopeSubscription, "[resourceGroup()]", "", "resourceGroup() is only available in a resource group deployment; this template deploys at subscription scope"},
		{ScopeSubscription, "[deployment().location]", "eastus", ""},
		{ScopeManagementGroup, "[managementGroup().name]", "psrule-test", ""},
		{ScopeManagementGroup, "[managementGroup().id]", "/providers/Microsoft.Management/managementGroups/psrule-test", ""},
		{ScopeManagementGroup, "[resourceId('Microsoft.Authorization/policyDefinitions', 'p')]", "/providers/Microsoft.Authorization/policyDefinitions/p", ""},
		{ScopeManagementGroup, "[subscription()]", "", "subscription() is only available in subscription and resource group deployments"},
		{ScopeTenant, "[resourceId('Microsoft.Management/managementGroups', 'mg')]", "/providers/Microsoft.Management/managementGroups/mg", ""},
		{ScopeTenant, "[tenant().id]", "/tenants/ffffffff-ffff-ffff-ffff-ffffffffffff", ""},
		{ScopeTenant, "[deployment().name]", "ps-rule-test-deployment", ""},
	}
	for _, tc := range cases {
		v, err := evalAt(t, tc.scope, tc.expr)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s at %s: error %v, want %q", tc.expr, tc.scope, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s at %s: %v", tc.expr, tc.scope, err)
			continue
		}
		if s, ok := v.(value.String); !ok || s.V != tc.want {
			t.Errorf("%s at %s = %s, want %s", tc.expr, tc.scope, render(v), tc.want)
		}
	}
}

func TestContextOverrides(t *testing.T) {
	base := DefaultContext()
	over := value.NewObject(source.Pos{})
	over.Set("name", value.String{V: "my-rg"})
	over.Set("location", value.String{V: "australiasoutheast"})
	props := value.NewObject(source.Pos{})
	props.Set("extra", value.String{V: "x"})
	over.Set("Properties", props)
	ctx, err := base.WithOverrides("azure_resource_group", over)
	if err != nil {
		t.Fatal(err)
	}
	if got := ctx.ResourceGroupName(); got != "my-rg" {
		t.Errorf("name %q", got)
	}
	if got := getString(ctx.ResourceGroup, "id"); got != sub+"/resourceGroups/my-rg" {
		t.Errorf("id %q was not recomputed", got)
	}
	p, _ := ctx.ResourceGroup.Get("properties")
	if s := getString(p.(*value.Object), "provisioningState"); s != "Succeeded" {
		t.Errorf("nested overlay lost the default provisioningState: %q", s)
	}
	if s := getString(p.(*value.Object), "extra"); s != "x" {
		t.Errorf("nested overlay did not add 'extra': %q", s)
	}
	if base.ResourceGroupName() != DefaultResourceGroup {
		t.Error("WithOverrides changed the original context")
	}
	if v, err := run(t, &testEnv{BaseEnv: BaseEnv{Ctx: ctx}}, "[deployment().properties.templateLink.id]"); err != nil || render(v) != "'"+sub+"/resourceGroups/my-rg'" {
		t.Errorf("deployment templateLink.id %v %v", render(v), err)
	}

	s := value.NewObject(source.Pos{})
	s.Set("subscriptionId", value.String{V: "00000000-0000-0000-0000-000000000000"})
	ctx, err = ctx.WithOverrides("AZURE_SUBSCRIPTION", s)
	if err != nil {
		t.Fatal(err)
	}
	if got := getString(ctx.ResourceGroup, "id"); got != "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg" {
		t.Errorf("resource group id after subscription change: %q", got)
	}
	if got := getString(ctx.Subscription, "displayName"); got != DefaultSubscriptionName {
		t.Errorf("displayName %q", got)
	}

	tn := value.NewObject(source.Pos{})
	tn.Set("tenantId", value.String{V: "11111111-1111-1111-1111-111111111111"})
	ctx, _ = ctx.WithOverrides(KeyTenant, tn)
	if getString(ctx.Subscription, "tenantId") != "11111111-1111-1111-1111-111111111111" || getString(ctx.Deployer, "tenantId") != "11111111-1111-1111-1111-111111111111" {
		t.Error("subscription().tenantId and deployer().tenantId must follow AZURE_TENANT")
	}
	if getString(ctx.Tenant, "id") != "/tenants/11111111-1111-1111-1111-111111111111" {
		t.Errorf("tenant id %q", getString(ctx.Tenant, "id"))
	}

	explicit := value.NewObject(source.Pos{})
	explicit.Set("id", value.String{V: "/custom"})
	ctx, _ = ctx.WithOverrides(KeyTenant, explicit)
	if got := getString(ctx.Tenant, "id"); got != "/custom" {
		t.Errorf("explicit id overwritten: %q", got)
	}
	// A later override of another object keeps it.
	ctx, _ = ctx.WithOverrides(KeyResourceGroup, over)
	if got := getString(ctx.Tenant, "id"); got != "/custom" {
		t.Errorf("explicit tenant id lost by a resource group override: %q", got)
	}

	if _, err := base.WithOverrides("AZURE_BOGUS", value.NewObject(source.Pos{})); err == nil || !strings.Contains(err.Error(), "AZURE_SUBSCRIPTION") {
		t.Errorf("unknown key: %v", err)
	}

	// Functions return copies: changing a result leaves the context alone.
	env := &testEnv{BaseEnv: BaseEnv{Ctx: base}}
	v, err := run(t, env, "[resourceGroup()]")
	if err != nil {
		t.Fatal(err)
	}
	v.(*value.Object).Set("name", value.String{V: "changed"})
	if base.ResourceGroupName() != DefaultResourceGroup {
		t.Error("a function result aliases the context")
	}

	cp := base.Copy()
	cp.Subscription.Set("displayName", value.String{V: "other"})
	if getString(base.Subscription, "displayName") != DefaultSubscriptionName {
		t.Error("Copy shares objects")
	}
}
