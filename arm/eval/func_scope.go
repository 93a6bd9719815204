package eval

import (
	"github.com/azrule/azrule/arm/value"
)

// The scope functions: what they return comes from Env.Context(). ARM
// makes resourceGroup() available only to resource group deployments,
// subscription() to subscription and resource group deployments, and
// managementGroup() to management group deployments; tenant() works
// everywhere.
func init() {
	Register(&Func{Name: "resourceGroup", MinArgs: 0, MaxArgs: 0, Call: func(c *Call) (value.Value, error) {
		ctx := c.context()
		if ctx.Scope != "" && ctx.Scope != ScopeResourceGroup {
			return nil, c.Errorf("resourceGroup() is only available in a resource group deployment; this template deploys at %s scope", ctx.Scope)
		}
		return contextObject(c, ctx.ResourceGroup, "resource group")
	}})
	Register(&Func{Name: "subscription", MinArgs: 0, MaxArgs: 0, Call: func(c *Call) (value.Value, error) {
		ctx := c.context()
		if ctx.Scope == ScopeManagementGroup || ctx.Scope == ScopeTenant {
			return nil, c.Errorf("subscription() is only available in subscription and resource group deployments; this template deploys at %s scope", ctx.Scope)
		}
		return contextObject(c, ctx.Subscription, "subscription")
	}})
	Register(&Func{Name: "managementGroup", MinArgs: 0, MaxArgs: 0, Call: func(c *Call) (value.Value, error) {
		ctx := c.context()
		if ctx.Scope != ScopeManagementGroup {
			return nil, c.Errorf("managementGroup() is only available in a management group deployment; this template deploys at %s scope", scopeName(ctx.Scope))
		}
		return contextObject(c, ctx.ManagementGroup, "management group")
	}})
	Register(&Func{Name: "tenant", MinArgs: 0, MaxArgs: 0, Call: func(c *Call) (value.Value, error) {
		return contextObject(c, c.context().Tenant, "tenant")
	}})
}

func scopeName(s Scope) Scope {
	if s == "" {
		return ScopeResourceGroup
	}
	return s
}
