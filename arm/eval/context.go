package eval

import (
	"fmt"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// The PSRule for Azure defaults for the deployment context, from its
// documented configuration options (AZURE_SUBSCRIPTION,
// AZURE_RESOURCE_GROUP, AZURE_TENANT, AZURE_MANAGEMENT_GROUP,
// AZURE_DEPLOYMENT). PSRule documents no deployer default; azrule uses the
// same all-f GUID for the deployer's object and tenant, and a
// userPrincipalName in the same spirit.
const (
	DefaultSubscriptionID      = "ffffffff-ffff-ffff-ffff-ffffffffffff"
	DefaultSubscriptionName    = "PSRule Test Subscription"
	DefaultTenantID            = "ffffffff-ffff-ffff-ffff-ffffffffffff"
	DefaultTenantName          = "PSRule"
	DefaultResourceGroup       = "ps-rule-test-rg"
	DefaultLocation            = "eastus"
	DefaultManagementGroup     = "psrule-test"
	DefaultManagementGroupName = "PSRule Test Management Group"
	DefaultDeployment          = "ps-rule-test-deployment"
	DefaultDeployerObjectID    = "ffffffff-ffff-ffff-ffff-ffffffffffff"
	DefaultDeployerUPN         = "psrule-test@contoso.com"
)

// The configuration keys that overlay the context.
const (
	KeySubscription    = "AZURE_SUBSCRIPTION"
	KeyResourceGroup   = "AZURE_RESOURCE_GROUP"
	KeyTenant          = "AZURE_TENANT"
	KeyManagementGroup = "AZURE_MANAGEMENT_GROUP"
	KeyDeployment      = "AZURE_DEPLOYMENT"
	KeyDeployer        = "AZURE_DEPLOYER"
)

// noPos is the zero position, for values that no file wrote.
var noPos source.Pos

func str(s string) value.Value { return value.String{V: s} }

func obj(kv ...any) *value.Object {
	o := value.NewObject(source.Pos{})
	for i := 0; i+1 < len(kv); i += 2 {
		var v value.Value
		switch x := kv[i+1].(type) {
		case string:
			v = str(x)
		case value.Value:
			v = x
		case nil:
			v = value.Null{}
		default:
			panic(fmt.Sprintf("eval: obj: unsupported %T", x)) // programming error, not input
		}
		o.Set(kv[i].(string), v)
	}
	return o
}

// DefaultContext returns the context PSRule for Azure uses when nothing is
// configured: a resource-group deployment named ps-rule-test-deployment
// to ps-rule-test-rg in eastus, in subscription
// ffffffff-ffff-ffff-ffff-ffffffffffff. Each call returns a fresh copy.
func DefaultContext() *Context {
	c := &Context{
		Scope: ScopeResourceGroup,
		Subscription: obj(
			"id", "/subscriptions/"+DefaultSubscriptionID,
			"subscriptionId", DefaultSubscriptionID,
			"tenantId", DefaultTenantID,
			"displayName", DefaultSubscriptionName,
			"state", "NotDefined",
		),
		ResourceGroup: obj(
			"id", "/subscriptions/"+DefaultSubscriptionID+"/resourceGroups/"+DefaultResourceGroup,
			"name", DefaultResourceGroup,
			"type", "Microsoft.Resources/resourceGroups",
			"location", DefaultLocation,
			"managedBy", nil,
			"tags", obj(),
			"properties", obj("provisioningState", "Succeeded"),
		),
		Tenant: obj(
			"id", "/tenants/"+DefaultTenantID,
			"tenantId", DefaultTenantID,
			"countryCode", "US",
			"displayName", DefaultTenantName,
		),
		ManagementGroup: obj(
			"id", "/providers/Microsoft.Management/managementGroups/"+DefaultManagementGroup,
			"name", DefaultManagementGroup,
			// ARM documents the type of this object with a leading slash.
			"type", "/providers/Microsoft.Management/managementGroups",
			"properties", obj(
				"displayName", DefaultManagementGroupName,
				"tenantId", DefaultTenantID,
				"details", obj("parent", obj(
					"id", "/providers/Microsoft.Management/managementGroups/"+DefaultTenantID,
					"name", DefaultTenantID,
					"displayName", "Tenant Root Group",
				)),
			),
		),
		Deployer: obj(
			"objectId", DefaultDeployerObjectID,
			"tenantId", DefaultTenantID,
			"userPrincipalName", DefaultDeployerUPN,
		),
	}
	c.Deployment = defaultDeployment(c, DefaultDeployment)
	return c
}

// defaultDeployment is the deployment() object for a deployment named
// name, in the shape ARM documents (name, location, properties). The
// expander fills properties.template (contentVersion, metadata) from the
// template. Like PSRule for Azure, it has a location at every scope and a
// templateLink (id: the resource group's id, uri: https://deployment-uri),
// so that the common deployment().properties.templateLink.uri default of
// _artifactsLocation evaluates.
func defaultDeployment(c *Context, name string) *value.Object {
	return obj(
		"name", name,
		"location", c.location(),
		"properties", obj(
			"template", obj("contentVersion", "1.0.0.0"),
			"templateLink", obj(
				"id", getString(c.ResourceGroup, "id"),
				"uri", "https://deployment-uri",
			),
			"templateHash", "0",
			"parameters", obj(),
			"mode", "Incremental",
			"provisioningState", "Accepted",
		),
	)
}

func getString(o *value.Object, key string) string {
	if v, ok := o.Get(key); ok {
		if s, ok := v.(value.String); ok {
			return s.V
		}
	}
	return ""
}

// defaultCtx is used when an Env has no context, so that scope functions
// answer with PSRule's defaults instead of failing.
var defaultCtx = DefaultContext()

// context is the deployment context of the call's Env, or PSRule's
// defaults when the Env has none.
func (c *Call) context() *Context {
	if c.Env != nil {
		if ctx := c.Env.Context(); ctx != nil {
			return ctx
		}
	}
	return defaultCtx
}

// SubscriptionID is subscription().subscriptionId.
func (c *Context) SubscriptionID() string { return getString(c.Subscription, "subscriptionId") }

// ResourceGroupName is resourceGroup().name.
func (c *Context) ResourceGroupName() string { return getString(c.ResourceGroup, "name") }

// TenantID is tenant().tenantId.
func (c *Context) TenantID() string { return getString(c.Tenant, "tenantId") }

// ManagementGroupName is managementGroup().name.
func (c *Context) ManagementGroupName() string { return getString(c.ManagementGroup, "name") }

func (c *Context) location() string {
	if l := getString(c.ResourceGroup, "location"); l != "" {
		return l
	}
	return DefaultLocation
}

// Copy returns a context that shares no objects with c, for a nested
// deployment that changes its own scope or deployment object.
func (c *Context) Copy() *Context {
	cp := *c
	for _, p := range []**value.Object{&cp.Subscription, &cp.ResourceGroup, &cp.Tenant, &cp.ManagementGroup, &cp.Deployment, &cp.Deployer} {
		if *p != nil {
			*p = value.DeepCopy(*p).(*value.Object)
		}
	}
	return &cp
}

// WithOverrides returns a copy of c with the members of v overlaid on the
// object that configuration key configures (AZURE_SUBSCRIPTION and the
// other Key constants, matched without regard to case). Nested objects
// merge member by member, so AZURE_RESOURCE_GROUP: {properties: {...}}
// keeps the other default properties. Ids derived from names
// (subscription().id, resourceGroup().id, tenant().id,
// managementGroup().id, deployment().id) are recomputed unless v sets
// them.
func (c *Context) WithOverrides(key string, v *value.Object) (*Context, error) {
	cp := c.Copy()
	var target **value.Object
	switch strings.ToUpper(key) {
	case KeySubscription:
		target = &cp.Subscription
	case KeyResourceGroup:
		target = &cp.ResourceGroup
	case KeyTenant:
		target = &cp.Tenant
	case KeyManagementGroup:
		target = &cp.ManagementGroup
	case KeyDeployment:
		target = &cp.Deployment
	case KeyDeployer:
		target = &cp.Deployer
	default:
		return nil, source.Errorf(v.Pos(), "configuration key '%s' does not configure the deployment context; use one of %s", key,
			strings.Join([]string{KeySubscription, KeyResourceGroup, KeyTenant, KeyManagementGroup, KeyDeployment, KeyDeployer}, ", "))
	}
	if *target == nil {
		*target = value.NewObject(v.Pos())
	}
	overlay(*target, v)
	cp.rederive(v, target)
	return cp, nil
}

// overlay merges src into dst: objects member by member, anything else
// replaced.
func overlay(dst, src *value.Object) {
	for _, m := range src.Members() {
		if so, ok := m.Value.(*value.Object); ok {
			if do, ok := dst.Get(m.Key); ok {
				if do, ok := do.(*value.Object); ok {
					overlay(do, so)
					continue
				}
			}
		}
		dst.SetMember(value.Member{Key: m.Key, KeyPos: m.KeyPos, Value: value.DeepCopy(m.Value)})
	}
}

// rederive recomputes the ids that follow from names after v was
// overlaid on *changed: the changed object's own id (unless v sets it),
// the resource group's id when the subscription changed, and the
// deployment's templateLink.id, which follows the resource group.
func (c *Context) rederive(v *value.Object, changed **value.Object) {
	if o := *changed; o != nil && !v.Has("id") {
		switch changed {
		case &c.Subscription:
			o.Set("id", str("/subscriptions/"+c.SubscriptionID()))
		case &c.ResourceGroup:
			o.Set("id", str("/subscriptions/"+c.SubscriptionID()+"/resourceGroups/"+c.ResourceGroupName()))
		case &c.Tenant:
			o.Set("id", str("/tenants/"+c.TenantID()))
		case &c.ManagementGroup:
			o.Set("id", str("/providers/Microsoft.Management/managementGroups/"+c.ManagementGroupName()))
		}
	}
	if changed == &c.Tenant && v.Has("tenantId") {
		// The other objects that name the tenant follow it.
		for _, o := range []*value.Object{c.Subscription, c.Deployer} {
			if o != nil {
				o.Set("tenantId", str(c.TenantID()))
			}
		}
	}
	if changed == &c.Subscription && c.ResourceGroup != nil {
		c.ResourceGroup.Set("id", str("/subscriptions/"+c.SubscriptionID()+"/resourceGroups/"+c.ResourceGroupName()))
	}
	if (changed == &c.Subscription || changed == &c.ResourceGroup) && c.Deployment != nil {
		if p, ok := c.Deployment.Get("properties"); ok {
			if p, ok := p.(*value.Object); ok {
				if l, ok := p.Get("templateLink"); ok {
					if l, ok := l.(*value.Object); ok {
						l.Set("id", str(getString(c.ResourceGroup, "id")))
					}
				}
			}
		}
	}
}

// WithScope returns a copy of c for a template deployed at scope s.
func (c *Context) WithScope(s Scope) *Context {
	cp := c.Copy()
	cp.Scope = s
	return cp
}
