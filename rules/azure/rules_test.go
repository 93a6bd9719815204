package azure

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// TestRuleCases pins each rule's edges: which targets it applies to, and
// the values PSRule's conditions accept and refuse.
func TestRuleCases(t *testing.T) {
	const (
		ws = `"type": "Microsoft.MachineLearningServices/workspaces", "name": "w"`
		cp = `"type": "Microsoft.MachineLearningServices/workspaces/computes", "name": "w/c"`
	)
	tests := []struct {
		rule, body string
		want       rules.Outcome
		// reason, when set, must appear in one of the reasons.
		reason string
	}{
		// Idle shutdown: instances only.
		{"Azure.ML.ComputeIdleShutdown", cp + `, "properties": {"computeType": "ComputeInstance", "properties": {"idleTimeBeforeShutdown": "PT20M"}}`, rules.Pass, ""},
		{"Azure.ML.ComputeIdleShutdown", cp + `, "properties": {"computeType": "computeinstance", "properties": {"idleTimeBeforeShutdown": "PT20M"}}`, rules.Pass, ""},
		{"Azure.ML.ComputeIdleShutdown", cp + `, "properties": {"computeType": "ComputeInstance", "properties": {"idleTimeBeforeShutdown": ""}}`, rules.Fail, "idleTimeBeforeShutdown"},
		{"Azure.ML.ComputeIdleShutdown", cp + `, "properties": {"computeType": "ComputeInstance", "properties": {}}`, rules.Fail, "idleTimeBeforeShutdown"},
		{"Azure.ML.ComputeIdleShutdown", cp + `, "properties": {"computeType": "AmlCompute", "properties": {}}`, rules.None, ""},
		{"Azure.ML.ComputeIdleShutdown", ws + `, "properties": {"computeType": "ComputeInstance"}`, rules.None, ""},

		// Local auth: every compute; only true passes.
		{"Azure.ML.DisableLocalAuth", cp + `, "properties": {"computeType": "AmlCompute", "disableLocalAuth": true}`, rules.Pass, ""},
		{"Azure.ML.DisableLocalAuth", cp + `, "properties": {"computeType": "AmlCompute", "disableLocalAuth": false}`, rules.Fail, "disableLocalAuth"},
		{"Azure.ML.DisableLocalAuth", cp + `, "properties": {"computeType": "ComputeInstance"}`, rules.Fail, "disableLocalAuth"},

		// Virtual network: every compute.
		{"Azure.ML.ComputeVnet", cp + `, "properties": {"computeType": "AmlCompute", "properties": {"subnet": {"id": "/subscriptions/x/subnets/s"}}}`, rules.Pass, ""},
		{"Azure.ML.ComputeVnet", cp + `, "properties": {"computeType": "AmlCompute", "properties": {"subnet": {}}}`, rules.Fail, "subnet.id"},
		{"Azure.ML.ComputeVnet", cp + `, "properties": {"computeType": "AmlCompute", "properties": {"subnet": {"id": null}}}`, rules.Fail, "subnet.id"},

		// Public access: both settings.
		{"Azure.ML.PublicAccess", ws + `, "properties": {"publicNetworkAccess": "Disabled"}`, rules.Pass, ""},
		{"Azure.ML.PublicAccess", ws + `, "properties": {"publicNetworkAccess": "disabled", "allowPublicAccessWhenBehindVnet": false}`, rules.Pass, ""},
		{"Azure.ML.PublicAccess", ws + `, "properties": {"publicNetworkAccess": "Disabled", "allowPublicAccessWhenBehindVnet": true}`, rules.Fail, "allowPublicAccessWhenBehindVnet"},
		{"Azure.ML.PublicAccess", ws + `, "properties": {"publicNetworkAccess": "Enabled"}`, rules.Fail, "publicNetworkAccess"},
		{"Azure.ML.PublicAccess", ws + `, "properties": {}`, rules.Fail, "publicNetworkAccess"},

		// User-assigned identity: all three parts.
		{"Azure.ML.UserManagedIdentity", ws + `, "identity": {"type": "UserAssigned", "userAssignedIdentities": {"/id/1": {}}}, "properties": {"primaryUserAssignedIdentity": "/id/1"}`, rules.Pass, ""},
		{"Azure.ML.UserManagedIdentity", ws + `, "identity": {"type": "userassigned", "userAssignedIdentities": {"/id/1": {}}}, "properties": {"primaryUserAssignedIdentity": "/id/1"}`, rules.Pass, ""},
		{"Azure.ML.UserManagedIdentity", ws + `, "identity": {"type": "SystemAssigned,UserAssigned", "userAssignedIdentities": {"/id/1": {}}}, "properties": {"primaryUserAssignedIdentity": "/id/1"}`, rules.Fail, "identity.type"},
		{"Azure.ML.UserManagedIdentity", ws + `, "identity": {"type": "UserAssigned"}, "properties": {"primaryUserAssignedIdentity": "/id/1"}`, rules.Fail, "userAssignedIdentities"},
		{"Azure.ML.UserManagedIdentity", ws + `, "identity": {"type": "UserAssigned", "userAssignedIdentities": {"/id/1": {}}}, "properties": {"primaryUserAssignedIdentity": ""}`, rules.Fail, "primaryUserAssignedIdentity"},
		{"Azure.ML.UserManagedIdentity", ws + `, "identity": {"type": "SystemAssigned"}`, rules.Fail, "identity.type"},
		{"Azure.ML.UserManagedIdentity", cp + `, "identity": {"type": "SystemAssigned"}`, rules.None, ""},
	}
	byName := mustLoad(t)
	for _, tt := range tests {
		r := byName[tt.rule]
		if r == nil {
			t.Fatalf("no rule %s", tt.rule)
		}
		target := exported(t, "case.json", []byte("{"+tt.body+"}"))[0]
		res := r.Evaluate(target)
		if res.Outcome != tt.want {
			t.Errorf("%s on {%s} = %s %v, want %s", tt.rule, tt.body, res.Outcome, res.Reasons, tt.want)
			continue
		}
		if tt.reason == "" {
			continue
		}
		var all []string
		for _, reason := range res.Reasons {
			all = append(all, reason.String())
		}
		if !strings.Contains(strings.Join(all, "\n"), tt.reason) {
			t.Errorf("%s on {%s}: reasons %q do not mention %q", tt.rule, tt.body, all, tt.reason)
		}
	}
}

// TestUnknownValuesDoNotPass checks that a rule whose answer depends on a
// deployment-time value does not pass, and says what it depends on.
func TestUnknownValuesDoNotPass(t *testing.T) {
	byName := mustLoad(t)
	body := `{"type": "Microsoft.MachineLearningServices/workspaces", "name": "w",
		"identity": {"type": "UserAssigned", "userAssignedIdentities": {"/id/1": {}}},
		"properties": {"primaryUserAssignedIdentity": "/id/1", "publicNetworkAccess": "Disabled"}}`
	target := exported(t, "unknown.json", []byte(body))[0]
	identity, _ := target.Object.Get("identity")
	identity.(*value.Object).Set("type", value.NewUnknown("parameter 'identityType' has no value", "parameters('identityType')", source.Pos{}))
	props, _ := target.Object.Get("properties")
	props.(*value.Object).Set("publicNetworkAccess", value.NewUnknown("parameter 'publicAccess' has no value", "parameters('publicAccess')", source.Pos{}))

	for rule, param := range map[string]string{
		"Azure.ML.UserManagedIdentity": "identityType",
		"Azure.ML.PublicAccess":        "publicAccess",
	} {
		res := byName[rule].Evaluate(target)
		if res.Outcome == rules.Pass || res.Outcome == rules.None {
			t.Errorf("%s on an unknown value = %s, want it not to pass", rule, res.Outcome)
		}
		var all []string
		for _, r := range res.Reasons {
			all = append(all, r.String())
		}
		if !strings.Contains(strings.Join(all, "\n"), param) {
			t.Errorf("%s: reasons %q do not name the parameter %q", rule, all, param)
		}
	}
}
