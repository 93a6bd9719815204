package eval

import (
	"github.com/azrule/azrule/arm/value"
)

// The deployment functions: parameters, variables, deployment, deployer,
// environment. Values come from Env and keep the positions where they
// were written.
func init() {
	Register(&Func{Name: "parameters", MinArgs: 1, MaxArgs: 1, Call: func(c *Call) (value.Value, error) {
		name, err := c.String(0)
		if err != nil {
			return nil, err
		}
		return c.Env.Parameter(name, c.At)
	}})
	Register(&Func{Name: "variables", MinArgs: 1, MaxArgs: 1, Call: func(c *Call) (value.Value, error) {
		name, err := c.String(0)
		if err != nil {
			return nil, err
		}
		return c.Env.Variable(name, c.At)
	}})
	Register(&Func{Name: "deployment", MinArgs: 0, MaxArgs: 0, Call: func(c *Call) (value.Value, error) {
		return contextObject(c, c.context().Deployment, "deployment")
	}})
	Register(&Func{Name: "deployer", MinArgs: 0, MaxArgs: 0, Call: func(c *Call) (value.Value, error) {
		return contextObject(c, c.context().Deployer, "deployer")
	}})
	// extensions('alias') is the configuration of a Bicep extension, given
	// by whoever deploys: not known before.
	Register(&Func{Name: "extensions", MinArgs: 1, MaxArgs: 1, Call: func(c *Call) (value.Value, error) {
		if _, err := c.String(0); err != nil {
			return nil, err
		}
		return unknownCall(c.Name, c.Args, value.Unknown{Origin: "the configuration of a Bicep extension is given at deployment time"}, c.At), nil
	}})
	Register(&Func{Name: "environment", MinArgs: 0, MaxArgs: 0, Call: func(c *Call) (value.Value, error) {
		return contextObject(c, azureCloud, "environment")
	}})
}

// contextObject returns a copy of a context object, so that a template
// that changes what it got cannot change the context.
func contextObject(c *Call, o *value.Object, what string) (value.Value, error) {
	if o == nil {
		return nil, c.Errorf("the deployment context has no %s object", what)
	}
	cp := value.DeepCopy(o).(*value.Object)
	cp.At = c.At
	return cp, nil
}

// azureCloud is environment() in the public Azure cloud, in the shape
// ARM documents.
var azureCloud = obj(
	"name", "AzureCloud",
	"gallery", "https://gallery.azure.com/",
	"graph", "https://graph.windows.net/",
	"portal", "https://portal.azure.com",
	"graphAudience", "https://graph.windows.net/",
	"activeDirectoryDataLake", "https://datalake.azure.net/",
	"batch", "https://batch.core.windows.net/",
	"media", "https://rest.media.azure.net",
	"sqlManagement", "https://management.core.windows.net:8443/",
	"vmImageAliasDoc", "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json",
	"resourceManager", "https://management.azure.com/",
	"authentication", obj(
		"loginEndpoint", "https://login.microsoftonline.com/",
		"audiences", value.NewArray(noPos, str("https://management.core.windows.net/"), str("https://management.azure.com/")),
		"tenant", "common",
		"identityProvider", "AAD",
	),
	"suffixes", obj(
		"acrLoginServer", ".azurecr.io",
		"azureDatalakeAnalyticsCatalogAndJob", "azuredatalakeanalytics.net",
		"azureDatalakeStoreFileSystem", "azuredatalakestore.net",
		"azureFrontDoorEndpointSuffix", "azurefd.net",
		"keyvaultDns", ".vault.azure.net",
		"sqlServerHostname", ".database.windows.net",
		"storage", "core.windows.net",
	),
)
