// A workspace and a training cluster, configured per environment by a
// parameter file: ml-platform.bicepparam (production) and
// ml-platform.dev.bicepparam (development). The same deployment as
// ../ml-platform.json.

@description('The name of the Machine Learning workspace.')
param workspaceName string

@description('The name of the user-assigned identity the workspace uses.')
param identityName string

@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

@description('The subnet for the training cluster; empty for none.')
param subnetId string = ''

@minValue(0)
@maxValue(20)
param maxNodes int = 2

param location string = resourceGroup().location

var baseName = replace(workspaceName, '-', '')

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
}

resource workspace 'Microsoft.MachineLearningServices/workspaces@2023-04-01' = {
  name: workspaceName
  location: location
  sku: {
    name: 'Basic'
    tier: 'Basic'
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    friendlyName: workspaceName
    keyVault: resourceId('Microsoft.KeyVault/vaults', 'kv-${baseName}')
    storageAccount: resourceId('Microsoft.Storage/storageAccounts', 'st${baseName}')
    applicationInsights: resourceId('Microsoft.Insights/components', 'appi-${baseName}')
    primaryUserAssignedIdentity: identity.id
    publicNetworkAccess: publicNetworkAccess
  }
}

resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2023-04-01' = {
  parent: workspace
  name: 'cpu-cluster'
  location: location
  properties: {
    computeType: 'AmlCompute'
    disableLocalAuth: true
    properties: {
      vmSize: 'Standard_DS3_v2'
      scaleSettings: {
        minNodeCount: 0
        maxNodeCount: maxNodes
        nodeIdleTimeBeforeScaleDown: 'PT15M'
      }
      subnet: empty(subnetId) ? null : {
        id: subnetId
      }
    }
  }
}
