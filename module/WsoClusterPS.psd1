@{
    RootModule           = 'WsoClusterPS.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f8f1c2e-7a44-4d2b-9b7e-3c1d2a6e9f41'
    Author               = 'WsoClusterPS maintainers'
    CompanyName          = 'WsoClusterPS'
    Copyright            = '(c) WsoClusterPS maintainers. All rights reserved.'
    Description          = 'Builds a WSO2 Identity Server worker-manager cluster behind NGINX: nodes from a pack, WKA clustering, a shared MySQL database sealed with Secure Vault, the load balancer, start-up, the coordinator check and rolling restarts with no failed request, on this machine or over SSH; or the whole cluster as one spec that is planned, applied, scaled and exported. Runs on Windows PowerShell 5.1 and PowerShell 7.4 or later (PowerShell 7.2 and 7.3 are refused at import: they run on .NET 6 and 7).'
    CompatiblePSEditions = @('Desktop', 'Core')
    # 5.1 for Windows PowerShell; on PowerShell 7 the module needs 7.4 (.NET 8), which Import-Module enforces.
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
        'Install-IsNodeService'
        'Uninstall-IsNodeService'
        'Get-NginxSite'
        'Get-IsCoordinator'
        'Test-IsCluster'
        'Compare-IsClusterNode'
        'Set-IsKeystore'
        'Get-IsNodeLog'
        'Set-IsHostsEntry'
        'Protect-IsSecret'
        'New-IsSshSession'
        'Get-IsSshSession'
        'Remove-IsSshSession'
        'Get-IsClusterPlan'
        'Invoke-IsClusterPlan'
        'Export-IsClusterSpec'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('WSO2', 'IdentityServer', 'WSO2IS', 'Cluster', 'Hazelcast', 'NGINX', 'LoadBalancer', 'MySQL', 'MariaDB',
                'SecureVault', 'RollingRestart', 'SSH', 'Linux', 'AzureAutomation', 'PSEdition_Desktop', 'PSEdition_Core')
            ProjectUri   = 'https://github.com/wsoclusterps/WsoClusterPS'
            LicenseUri   = 'https://github.com/wsoclusterps/WsoClusterPS/blob/main/LICENSE'
            ReleaseNotes = 'https://github.com/wsoclusterps/WsoClusterPS/blob/main/docs/release-notes.md'
        }
    }
}
