package config

import (
	"sort"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// PSRule for Azure's configuration keys that shape the deployment azrule
// works out. Each object overlays the default context object: properties
// given replace the defaults, nested objects are merged, the rest keep
// their defaults.
const (
	KeyParameterDefaults = "AZURE_PARAMETER_DEFAULTS" // fallback values for required parameters
	KeySubscription      = "AZURE_SUBSCRIPTION"       // subscription()
	KeyResourceGroup     = "AZURE_RESOURCE_GROUP"     // resourceGroup()
	KeyTenant            = "AZURE_TENANT"             // tenant()
	KeyManagementGroup   = "AZURE_MANAGEMENT_GROUP"   // managementGroup()
	KeyDeployment        = "AZURE_DEPLOYMENT"         // deployment()
	KeyDeployer          = "AZURE_DEPLOYER"           // deployer()
)

// objectKeys are the configuration keys whose value must be an object,
// with the documented properties that must be strings.
var objectKeys = map[string][]string{
	KeyParameterDefaults: nil,
	KeySubscription:      {"subscriptionId", "displayName", "state", "tenantId"},
	KeyResourceGroup:     {"name", "location", "managedBy", "id"},
	KeyTenant:            {"countryCode", "tenantId", "displayName"},
	KeyManagementGroup:   {"name", "id"},
	KeyDeployment:        {"name"},
	KeyDeployer:          {"objectId", "tenantId", "userPrincipalName"},
}

// checkAzureKeys reports AZURE_* context keys of the wrong shape, each
// at the value that is wrong.
func checkAzureKeys(cfg *value.Object) []*source.Error {
	if cfg == nil {
		return nil
	}
	keys := make([]string, 0, len(objectKeys))
	for k := range objectKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var errs []*source.Error
	bad := func(at source.Pos, format string, args ...any) {
		e := source.Errorf(at, format, args...)
		e.Code = CodeType
		errs = append(errs, e)
	}
	for _, key := range keys {
		v, ok := cfg.Get(key)
		if !ok {
			continue
		}
		if _, null := v.(value.Null); null {
			continue // "AZURE_TENANT: ~" keeps the defaults
		}
		obj, ok := v.(*value.Object)
		if !ok {
			bad(v.Pos(), "configuration.%s must be an object of properties, not %s", key, valueWord(v))
			continue
		}
		for _, prop := range objectKeys[key] {
			pv, ok := obj.Get(prop)
			if !ok {
				continue
			}
			if _, isStr := pv.(value.String); !isStr {
				bad(pv.Pos(), "configuration.%s.%s must be a string, not %s", key, prop, valueWord(pv))
			}
		}
	}
	return errs
}

func valueWord(v value.Value) string {
	switch v.(type) {
	case *value.Object:
		return "an object"
	case *value.Array:
		return "a list"
	case value.String:
		return "a string"
	case value.Bool:
		return "true/false"
	case value.Int, value.Float:
		return "a number"
	case value.Null:
		return "null"
	}
	return strings.ToLower(v.Kind().String())
}

// Object returns the configuration value of key when it is an object;
// nil when it is not set (or is null).
func (c *Config) Object(key string) *value.Object {
	v, ok := c.Value(key)
	if !ok {
		return nil
	}
	obj, _ := v.(*value.Object)
	return obj
}

// ParameterDefaults returns AZURE_PARAMETER_DEFAULTS: parameter name to
// the value used when a required parameter has no value. Nil when unset.
func (c *Config) ParameterDefaults() *value.Object { return c.Object(KeyParameterDefaults) }

// Subscription returns the AZURE_SUBSCRIPTION overlay, or nil.
func (c *Config) Subscription() *value.Object { return c.Object(KeySubscription) }

// ResourceGroup returns the AZURE_RESOURCE_GROUP overlay, or nil.
func (c *Config) ResourceGroup() *value.Object { return c.Object(KeyResourceGroup) }

// Tenant returns the AZURE_TENANT overlay, or nil.
func (c *Config) Tenant() *value.Object { return c.Object(KeyTenant) }

// ManagementGroup returns the AZURE_MANAGEMENT_GROUP overlay, or nil.
func (c *Config) ManagementGroup() *value.Object { return c.Object(KeyManagementGroup) }

// Deployment returns the AZURE_DEPLOYMENT overlay, or nil.
func (c *Config) Deployment() *value.Object { return c.Object(KeyDeployment) }

// Deployer returns the AZURE_DEPLOYER overlay, or nil.
func (c *Config) Deployer() *value.Object { return c.Object(KeyDeployer) }

// Overlay returns a copy of base with over laid on it, as PSRule for Azure
// applies its context options: a property of over replaces the one of
// base, except that two objects are merged the same way, recursively.
// Neither argument is modified; either may be nil.
func Overlay(base, over *value.Object) *value.Object {
	if over == nil {
		if base == nil {
			return nil
		}
		return value.DeepCopy(base).(*value.Object)
	}
	if base == nil {
		return value.DeepCopy(over).(*value.Object)
	}
	out := value.DeepCopy(base).(*value.Object)
	for _, m := range over.Members() {
		if bo, ok := out.Get(m.Key); ok {
			b, bIsObj := bo.(*value.Object)
			o, oIsObj := m.Value.(*value.Object)
			if bIsObj && oIsObj {
				out.Set(m.Key, Overlay(b, o))
				continue
			}
		}
		out.SetMember(value.Member{Key: m.Key, KeyPos: m.KeyPos, Value: value.DeepCopy(m.Value)})
	}
	return out
}
