@{
    RootModule           = 'WsoClusterPS.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f8f1c2e-7a44-4d2b-9b7e-3c1d2a6e9f41'
    Author               = 'WsoClusterPS maintainers'
    CompanyName          = 'WsoClusterPS'
    Copyright            = '(c) WsoClusterPS maintainers. All rights reserved.'
    Description          = 'Builds a WSO2 Identity Server worker-manager cluster behind NGINX: nodes from a pack, WKA clustering, a shared MySQL database, the load balancer, start-up and the coordinator check, on this machine or over SSH.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('WsoClusterPS.format.ps1xml')
    CmdletsToExport      = @(
        'New-IsClusterNode'
        'Get-IsClusterNode'
        'Set-IsClustering'
        'Set-IsDatabase'
        'New-NginxUpstream'
        'Invoke-NginxReload'
        'Start-IsNode'
        'Stop-IsNode'
        'Restart-IsNode'
        'Get-NginxSite'
        'Get-IsCoordinator'
        'Test-IsCluster'
        'Set-IsHostsEntry'
        'Protect-IsSecret'
        'New-IsSshSession'
        'Get-IsSshSession'
        'Remove-IsSshSession'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('WSO2', 'IdentityServer', 'Cluster', 'Hazelcast', 'NGINX', 'MySQL', 'Linux')
        }
    }
}
