// A Machine Learning workspace and a compute instance that pass every
// Azure.ML rule. The same deployment as ../workspace-secure.json.

param workspaceName string = 'mlw-contoso-prod'
param location string = resourceGroup().location
param virtualNetworkName string = 'vnet-ml-prod'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${workspaceName}'
  location: location
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-05-01' existing = {
  name: virtualNetworkName

  resource computeSubnet 'subnets' existing = {
    name: 'snet-compute'
  }
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
    friendlyName: 'Contoso production'
    keyVault: resourceId('Microsoft.KeyVault/vaults', 'kv-mlw-contoso-prod')
    storageAccount: resourceId('Microsoft.Storage/storageAccounts', 'stmlwcontosoprod')
    applicationInsights: resourceId('Microsoft.Insights/components', 'appi-mlw-contoso-prod')
    containerRegistry: resourceId('Microsoft.ContainerRegistry/registries', 'crmlwcontosoprod')
    primaryUserAssignedIdentity: identity.id
    publicNetworkAccess: 'Disabled'
  }

  resource analyst 'computes' = {
    name: 'ci-analyst-01'
    location: location
    properties: {
      computeType: 'ComputeInstance'
      disableLocalAuth: true
      properties: {
        vmSize: 'Standard_DS3_v2'
        idleTimeBeforeShutdown: 'PT30M'
        subnet: {
          id: vnet::computeSubnet.id
        }
      }
    }
  }
}
