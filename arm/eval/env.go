// Package eval evaluates ARM template expressions against a deployment.
//
// The deployment side (parameters, variables, copy loops, reference() of
// resources in the same deployment, user-defined functions) is supplied by
// the caller through Env; package arm/expand implements it. Everything a
// function needs beyond its arguments comes through Env, so functions stay
// pure and table-testable.
//
// Two optional interfaces refine what an Env answers. A Viewer gives
// reference() of a resource of the same deployment as a View: reading a
// member the template leaves out or null (principalId, primaryEndpoints)
// is then a deployment-time Unknown, not an error, because Azure fills it
// in when it deploys the resource. A ListChecker says where ARM refuses
// list*() calls.
package eval

import (
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// Scope is the level a template deploys at, taken from its $schema.
type Scope string

// The deployment scopes.
const (
	ScopeResourceGroup   Scope = "resourceGroup"
	ScopeSubscription    Scope = "subscription"
	ScopeManagementGroup Scope = "managementGroup"
	ScopeTenant          Scope = "tenant"
)

// Context is the deployment context: what resourceGroup(), subscription(),
// tenant(), managementGroup(), deployment() and deployer() return, and the
// scope that resourceId() and friends resolve against. The objects have
// the shape Azure returns; configuration (AZURE_SUBSCRIPTION and the other
// PSRule keys) overlays them.
type Context struct {
	Scope           Scope
	Subscription    *value.Object
	ResourceGroup   *value.Object
	Tenant          *value.Object
	ManagementGroup *value.Object
	Deployment      *value.Object
	Deployer        *value.Object
}

// Env is what expression evaluation asks of the deployment. Methods return
// *source.Error values positioned at at.
type Env interface {
	// Context is the deployment context in force.
	Context() *Context
	// Parameter returns the value of parameters(name). A parameter with
	// no value is a value.Unknown, not an error; an undeclared one is an
	// error.
	Parameter(name string, at source.Pos) (value.Value, error)
	// Variable returns the value of variables(name).
	Variable(name string, at source.Pos) (value.Value, error)
	// CopyIndex returns the current index of the named copy loop, or of
	// the innermost loop when loop is "". The offset is added by the
	// caller.
	CopyIndex(loop string, at source.Pos) (int64, error)
	// Reference returns reference(target, apiVersion, 'Full'). target is
	// a resource id, a resource name, or (languageVersion 2.0) a symbolic
	// name. A resource outside the deployment gives a value.Unknown.
	Reference(target value.Value, apiVersion string, full bool, at source.Pos) (value.Value, error)
	// References returns references(symbol, mode) for a resource or
	// module collection (languageVersion 2.0).
	References(symbol string, mode string, at source.Pos) (value.Value, error)
	// CallUserFunction calls a user-defined function "namespace.member".
	// found is false when no such function is declared.
	CallUserFunction(name string, args []value.Value, at source.Pos) (v value.Value, found bool, err error)
}

// BaseEnv is an Env with a context and nothing else: every other method
// reports that the value is not available. Embed it to implement Env
// partially; it keeps callers compiling when Env grows.
type BaseEnv struct{ Ctx *Context }

// Context implements Env.
func (b BaseEnv) Context() *Context { return b.Ctx }

// Parameter implements Env.
func (BaseEnv) Parameter(name string, at source.Pos) (value.Value, error) {
	return nil, source.Errorf(at, "parameter '%s' is not declared in this template", name)
}

// Variable implements Env.
func (BaseEnv) Variable(name string, at source.Pos) (value.Value, error) {
	return nil, source.Errorf(at, "variable '%s' is not declared in this template", name)
}

// CopyIndex implements Env.
func (BaseEnv) CopyIndex(loop string, at source.Pos) (int64, error) {
	if loop != "" {
		return 0, source.Errorf(at, "copyIndex('%s') is used outside a copy loop of that name", loop)
	}
	return 0, source.Errorf(at, "copyIndex() is used outside a copy loop")
}

// Reference implements Env.
func (BaseEnv) Reference(target value.Value, apiVersion string, full bool, at source.Pos) (value.Value, error) {
	// exprText quotes a string target and writes an Unknown one as the
	// expression it stands for, so the placeholder reads as ARM syntax.
	return value.NewUnknown("reference() of a resource outside the deployment",
		"reference("+exprText(target)+")", at), nil
}

// References implements Env.
func (BaseEnv) References(symbol string, mode string, at source.Pos) (value.Value, error) {
	return nil, source.Errorf(at, "references('%s') names no resource collection in this template", symbol)
}

// CallUserFunction implements Env.
func (BaseEnv) CallUserFunction(name string, args []value.Value, at source.Pos) (value.Value, bool, error) {
	return nil, false, nil
}

// ListChecker is an Env that knows where ARM refuses list*() functions
// (listKeys, listSecrets...): a user-defined function, a parameter's
// defaultValue, a copy count. CheckList returns the error to report, or
// nil where the call is allowed; an Env without it allows every call.
type ListChecker interface {
	CheckList(name string, at source.Pos) error
}
