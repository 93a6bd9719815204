package template

// Scope is the level a template deploys at, as its $schema says. The
// values are those of eval.Scope, so arm/expand converts with
// eval.Scope(t.Scope); the model does not import the evaluator.
type Scope string

// The deployment scopes.
const (
	ScopeResourceGroup   Scope = "resourceGroup"
	ScopeSubscription    Scope = "subscription"
	ScopeManagementGroup Scope = "managementGroup"
	ScopeTenant          Scope = "tenant"
)
