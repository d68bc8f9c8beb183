<#
.SYNOPSIS
    The cluster recipe, as far as the module goes, on a sandbox folder (build.ps1 -Task Demo).
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $Sandbox
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
. (Join-Path $PSScriptRoot 'Sandbox.ps1')
function Write-Step([string] $Text) { Write-Host "`n=== $Text" -ForegroundColor Cyan }

Write-Host "WsoClusterPS demo in $Sandbox"
Write-Host 'Every node runs on this machine, so the cluster addresses are loopback ones.'

Write-Step 'A stand-in WSO2 IS 7.1.0 pack (the real layout; IS itself cannot be installed here)'
$pack = & (Join-Path $PSScriptRoot 'New-StandInPack.ps1') -Destination (Join-Path $Sandbox 'pack')
Write-Host $pack

Write-Step 'Steps 1.1, 1.2, 1.5: a manager and a worker from the pack (New-IsClusterNode)'
$nodes = @(
    New-IsClusterNode -PackPath $pack -Path (Join-Path $Sandbox 'manager') -Role Manager -ClusterHost 127.0.0.1
    New-IsClusterNode -PackPath $pack -Path (Join-Path $Sandbox 'worker') -Role Worker -Offset 1 -ClusterHost 127.0.0.1
)
$nodes | Format-Table | Out-Host

$clustering = @{ Hostname = 'wso2.is'; ProxyPort = 443; HttpProxyPort = 80; WarningAction = 'SilentlyContinue' }
Write-Step 'Steps 1.3, 1.4, 1.6: what Set-IsClustering would change (-WhatIf)'
$nodes | Set-IsClustering @clustering -WhatIf

Write-Step 'The same, applied'
$nodes = $nodes | Set-IsClustering @clustering -PassThru
Write-Host 'Both deployment.toml files updated.'

Write-Step 'Run again: nothing to change'
$nodes | Set-IsClustering @clustering -Verbose 4>&1 | ForEach-Object { Write-Host "  $($_.Message)" }

Write-Step 'What was built, read back from disk (Get-IsClusterNode)'
Get-IsClusterNode -Path (Join-Path $Sandbox 'manager'), (Join-Path $Sandbox 'worker') |
    Format-Table Name, Role, HttpsPort, HttpPort, @{ n = 'Cluster'; e = { "$($_.ClusterHost):$($_.ClusterPort)" } }, Hostname -AutoSize | Out-Host
$shown = '[server]', '[clustering]', '[transport.https.properties]', '[transport.http.properties]'
foreach ($node in $nodes) {
    Write-Host "$($node.Name) ($($node.Home)), the tables the recipe sets in repository/conf/deployment.toml:"
    $table = $null
    foreach ($line in Get-Content $node.DeploymentToml) {
        if ($line -match '^\[') { $table = $line.Trim() }
        if ($table -in $shown -and $line.Trim() -and -not $line.StartsWith('#')) { Write-Host "    $line" }
    }
}

Write-Step 'Step 2: one shared database for every node, schema included (Set-IsDatabase)'
Write-Host 'A private MariaDB under the sandbox stands in for the database server.'
$mariaDb = Start-TestMariaDb -Folder (Join-Path $Sandbox 'mariadb')
try {
    $isAccount = [pscredential]::new('wso2is', (ConvertTo-SecureString 'Demo-Pa55' -AsPlainText -Force))
    & $mariaDb.Client --no-defaults --user=root --host=127.0.0.1 "--port=$($mariaDb.Port)" -e "CREATE USER 'wso2is'@'%' IDENTIFIED BY 'Demo-Pa55'; GRANT ALL PRIVILEGES ON ``WSO2_IS_DB``.* TO 'wso2is'@'%';"
    $nodes = $nodes | Set-IsDatabase -Server 127.0.0.1 -Port $mariaDb.Port -Database WSO2_IS_DB -Credential $isAccount `
        -AdminCredential $mariaDb.Admin -InitializeSchema -PassThru -Verbose 4>&1 | ForEach-Object {
            if ($_ -is [Management.Automation.VerboseRecord]) { if ($_.Message -match '^dbscripts/') { Write-Host "  $($_.Message)" } } else { $_ }
        }
    $tables = & $mariaDb.Client --no-defaults --user=root --host=127.0.0.1 "--port=$($mariaDb.Port)" -N -e "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'WSO2_IS_DB' ORDER BY 1"
    Write-Host "Tables in WSO2_IS_DB: $($tables -join ', ')"
    Write-Host "$($nodes[0].Name)'s [database.identity_db] (the password is the one given; diffs and messages never show it):"
    $table = $null
    foreach ($line in Get-Content $nodes[0].DeploymentToml) {
        if ($line -match '^\[') { $table = $line.Trim() }
        if ($table -eq '[database.identity_db]' -and $line.Trim()) { Write-Host "    $($line -replace 'password = ".*"', 'password = "********"')" }
    }
}
finally {
    Stop-TestMariaDb $mariaDb
    Write-Host 'The private MariaDB was stopped; its data stays under the sandbox.'
}

Write-Step 'Step 3: NGINX in front of the nodes (New-NginxUpstream), tested and reloaded (Invoke-NginxReload)'
Write-Host 'A private NGINX under the sandbox stands in for the system one; a self-signed certificate for wso2.is is made here.'
$certificate = New-TestCertificate $Sandbox
$nginx = Start-TestNginx -Prefix (Join-Path $Sandbox 'nginx')
try {
    $ports = @{ Https = Get-FreePort; Http = Get-FreePort }
    $sites = $nodes | New-NginxUpstream -ServerName wso2.is -ConfigDirectory $nginx.ConfD `
        -CertificatePath $certificate.Certificate -CertificateKeyPath $certificate.Key `
        -ListenAddress 127.0.0.1 -ListenPort $ports.Https -HttpListenPort $ports.Http
    $sites | Format-Table | Out-Host
    $sites | Invoke-NginxReload -NginxPath $nginx.Binary -Prefix $nginx.Prefix -ConfigPath $nginx.Config | Format-Table | Out-Host
    Write-Host "$($sites[0].Path):"
    Get-Content $sites[0].Path | ForEach-Object { "    $_" } | Out-Host
    $answer = Invoke-WebRequest "https://127.0.0.1:$($ports.Https)/carbon/" -SkipCertificateCheck -SkipHttpErrorCheck
    Write-Host "https://127.0.0.1:$($ports.Https)/carbon/ through NGINX answers $($answer.StatusCode) $($answer.StatusDescription): the nodes are not started in this demo, so NGINX has no node to pass the request to."
}
finally {
    Stop-TestNginx $nginx
    Write-Host 'The private NGINX was stopped; its files stay under the sandbox.'
}
