using './ml-platform.bicep'

param workspaceName = 'mlw-contoso-prod'
param identityName = 'id-mlw-contoso-prod'
param publicNetworkAccess = 'Disabled'
param subnetId = '/subscriptions/ffffffff-ffff-ffff-ffff-ffffffffffff/resourceGroups/rg-network-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml-prod/subnets/snet-training'
param maxNodes = 8
