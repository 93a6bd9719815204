// A GPU cluster that is only deployed when asked for; by default it is not,
// so it is not checked. The same deployment as ../conditional-compute.json.

param workspaceName string = 'mlw-contoso-prod'
param deployGpuCluster bool = false
param location string = resourceGroup().location

var subnetId = resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-ml-prod', 'snet-compute')

resource workspace 'Microsoft.MachineLearningServices/workspaces@2023-04-01' existing = {
  name: workspaceName
}

resource shared 'Microsoft.MachineLearningServices/workspaces/computes@2023-04-01' = {
  parent: workspace
  name: 'ci-shared'
  location: location
  properties: {
    computeType: 'ComputeInstance'
    disableLocalAuth: true
    properties: {
      vmSize: 'Standard_DS3_v2'
      idleTimeBeforeShutdown: 'PT45M'
      subnet: {
        id: subnetId
      }
    }
  }
}

resource gpu 'Microsoft.MachineLearningServices/workspaces/computes@2023-04-01' = if (deployGpuCluster) {
  parent: workspace
  name: 'gpu-cluster'
  location: location
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_NC24ads_A100_v4'
      scaleSettings: {
        minNodeCount: 0
        maxNodeCount: 4
      }
    }
  }
}
