using './ml-platform.bicep'

// Development keeps the defaults: public access and no subnet, which the
// Azure.ML.PublicAccess and Azure.ML.ComputeVnet rules report.
param workspaceName = 'mlw-contoso-dev'
param identityName = 'id-mlw-contoso-dev'
