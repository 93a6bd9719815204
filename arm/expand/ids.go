package expand

import (
	"strings"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/value"
)

// resourceID computes the id ARM gives the instance: the scope it is
// deployed to, then "/providers/", the namespace, and the type segments
// interleaved with the name segments. It is the same id resourceId(),
// subscriptionResourceId() and friends compute for the deployment scope,
// so reference(resourceId(...)) finds resources of the same deployment.
func (d *deployment) resourceID(in *instance) string {
	prefix := d.scopePrefix(in)
	if value.EqualFold(in.typ, "Microsoft.Resources/resourceGroups") && strings.HasPrefix(prefix, "/subscriptions/") && !strings.Contains(prefix, "/resourceGroups/") {
		// A resource group's own id has no provider segment.
		return prefix + "/resourceGroups/" + in.name
	}
	return prefix + typedPath(in.typ, in.name)
}

// altID is the id subscriptionResourceId() gives a resource group
// ("/subscriptions/s/providers/Microsoft.Resources/resourceGroups/n"),
// under which reference() may also look it up; "" for other resources.
func (d *deployment) altID(in *instance) string {
	if !value.EqualFold(in.typ, "Microsoft.Resources/resourceGroups") || strings.Contains(in.id, "/providers/") {
		return ""
	}
	return d.scopePrefix(in) + typedPath(in.typ, in.name)
}

// typedPath is "/providers/ns/t1/n1/t2/n2"; extra or missing name
// segments are kept as they come (ARM rejects such a template; the id
// still shows what was written).
func typedPath(typ, name string) string {
	segs := strings.Split(strings.Trim(typ, "/"), "/")
	names := strings.Split(name, "/")
	var b strings.Builder
	b.WriteString("/providers/")
	b.WriteString(segs[0])
	for i := 1; i < len(segs) || i-1 < len(names); i++ {
		if i < len(segs) {
			b.WriteByte('/')
			b.WriteString(segs[i])
		}
		if i-1 < len(names) {
			b.WriteByte('/')
			b.WriteString(names[i-1])
		}
	}
	return b.String()
}

// scopePrefix is the id of the scope the instance is deployed to: its
// "scope" property (extension resources, deployments to management groups
// or the tenant), its "subscriptionId"/"resourceGroup" properties
// (deployments and existing resources elsewhere), or the deployment's
// own scope.
func (d *deployment) scopePrefix(in *instance) string {
	ctx := d.target
	if in.scope != "" {
		return scopeID(ctx, in.scope)
	}
	if in.targetSub != "" || in.targetRG != "" {
		sub := in.targetSub
		if sub == "" {
			sub = ctx.SubscriptionID()
		}
		switch {
		case in.targetRG != "":
			return "/subscriptions/" + sub + "/resourceGroups/" + in.targetRG
		case value.EqualFold(in.typ, "Microsoft.Resources/deployments"):
			// A nested deployment with a subscriptionId and no
			// resourceGroup is a subscription deployment, even from a
			// resource group template (Bicep's scope: subscription()).
			return "/subscriptions/" + sub
		case ctx.Scope == eval.ScopeResourceGroup:
			return "/subscriptions/" + sub + "/resourceGroups/" + ctx.ResourceGroupName()
		}
		return "/subscriptions/" + sub
	}
	return deploymentScopeID(ctx)
}

// scopeID turns a "scope" property into an id prefix: "/" is the tenant,
// an id is itself, and a relative "type/name" (as Bicep writes a
// management group or a resource of the same scope) is resolved against
// the tenant for management groups and against the deployment scope
// otherwise.
func scopeID(ctx *eval.Context, scope string) string {
	if scope == "/" {
		return ""
	}
	if strings.HasPrefix(scope, "{{") {
		return scope // only known at deployment: keep the placeholder
	}
	if strings.HasPrefix(scope, "/") {
		return strings.TrimRight(scope, "/")
	}
	if strings.HasPrefix(strings.ToLower(scope), "microsoft.management/managementgroups/") {
		return "/providers/" + scope
	}
	return deploymentScopeID(ctx) + "/providers/" + scope
}

// deploymentScopeID is the id of the scope of ctx.
func deploymentScopeID(ctx *eval.Context) string {
	switch ctx.Scope {
	case eval.ScopeSubscription:
		return "/subscriptions/" + ctx.SubscriptionID()
	case eval.ScopeManagementGroup:
		return "/providers/Microsoft.Management/managementGroups/" + ctx.ManagementGroupName()
	case eval.ScopeTenant:
		return ""
	}
	return "/subscriptions/" + ctx.SubscriptionID() + "/resourceGroups/" + ctx.ResourceGroupName()
}
