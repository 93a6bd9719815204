using './compute-fleet.bicep'

param workspaceName = 'mlw-contoso-prod'
param subnetId = '/subscriptions/ffffffff-ffff-ffff-ffff-ffffffffffff/resourceGroups/rg-network-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml-prod/subnets/snet-compute'
param instances = [
  {
    name: 'ci-alex'
    vmSize: 'Standard_DS3_v2'
    idleMinutes: 30
  }
  {
    name: 'ci-sam'
    vmSize: 'Standard_NC6s_v3'
    idleMinutes: 60
  }
  {
    // Idle shutdown off: Azure.ML.ComputeIdleShutdown fails for this one.
    name: 'ci-robin'
    vmSize: 'Standard_DS3_v2'
    idleMinutes: 0
  }
]
