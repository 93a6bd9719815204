// A Machine Learning workspace and a compute instance that fail every
// Azure.ML rule. The same deployment as ../workspace-insecure.json.

param workspaceName string = 'mlw-contoso-sandbox'
param location string = resourceGroup().location

resource workspace 'Microsoft.MachineLearningServices/workspaces@2023-04-01' = {
  name: workspaceName
  location: location
  sku: {
    name: 'Basic'
    tier: 'Basic'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'Contoso sandbox'
    keyVault: resourceId('Microsoft.KeyVault/vaults', 'kv-mlw-sandbox')
    storageAccount: resourceId('Microsoft.Storage/storageAccounts', 'stmlwsandbox')
    applicationInsights: resourceId('Microsoft.Insights/components', 'appi-mlw-sandbox')
    allowPublicAccessWhenBehindVnet: true
    publicNetworkAccess: 'Enabled'
  }
}

resource sandbox 'Microsoft.MachineLearningServices/workspaces/computes@2023-04-01' = {
  parent: workspace
  name: 'ci-sandbox-01'
  location: location
  properties: {
    computeType: 'ComputeInstance'
    disableLocalAuth: false
    properties: {
      vmSize: 'Standard_DS3_v2'
    }
  }
}
