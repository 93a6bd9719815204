// A reusable workspace module. On its own its parameters have no values;
// through landing-zone.bicep it passes Azure.ML.UserManagedIdentity and
// Azure.ML.PublicAccess.

param name string
param location string
param identityId string

@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string

var baseName = replace(name, '-', '')

resource workspace 'Microsoft.MachineLearningServices/workspaces@2023-04-01' = {
  name: name
  location: location
  sku: {
    name: 'Basic'
    tier: 'Basic'
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    friendlyName: name
    keyVault: resourceId('Microsoft.KeyVault/vaults', 'kv-${baseName}')
    storageAccount: resourceId('Microsoft.Storage/storageAccounts', 'st${baseName}')
    applicationInsights: resourceId('Microsoft.Insights/components', 'appi-${baseName}')
    primaryUserAssignedIdentity: identityId
    publicNetworkAccess: publicNetworkAccess
  }
}
