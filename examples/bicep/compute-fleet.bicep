// One compute instance per member of a team, made with a for loop. The
// same deployment as ../templates/compute-fleet.json.

param workspaceName string

@description('Objects with name, vmSize and idleMinutes (0 turns idle shutdown off).')
param instances array

param subnetId string

param location string = resourceGroup().location

resource workspace 'Microsoft.MachineLearningServices/workspaces@2023-04-01' existing = {
  name: workspaceName
}

resource fleet 'Microsoft.MachineLearningServices/workspaces/computes@2023-04-01' = [for instance in instances: {
  parent: workspace
  name: instance.name
  location: location
  properties: {
    computeType: 'ComputeInstance'
    disableLocalAuth: true
    properties: {
      vmSize: instance.vmSize
      idleTimeBeforeShutdown: instance.idleMinutes > 0 ? 'PT${instance.idleMinutes}M' : null
      subnet: {
        id: subnetId
      }
    }
  }
}]
