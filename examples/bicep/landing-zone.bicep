// A caller that deploys a workspace through a local module. The module is
// analysed through this file, with the values passed here, not on its own.

param location string = resourceGroup().location

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-mlw-contoso-lz'
  location: location
}

module workspace 'modules/ml-workspace.bicep' = {
  name: 'ml-workspace'
  params: {
    name: 'mlw-contoso-lz'
    location: location
    identityId: identity.id
    publicNetworkAccess: 'Disabled'
  }
}
