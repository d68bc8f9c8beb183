<#
.SYNOPSIS
    The whole cluster recipe, as far as the module goes, on a sandbox folder (build.ps1 -Task Demo).
.DESCRIPTION
    Everything runs on this machine: the IS nodes come from a stand-in pack (WSO2 IS itself cannot
    be installed here), and a private MariaDB and NGINX under the sandbox stand in for the system
    ones. Everything started is stopped at the end; the files stay under the sandbox.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $Sandbox
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
. (Join-Path $PSScriptRoot 'Sandbox.ps1')
function Write-Step([string] $Text) { Write-Host "`n=== $Text" -ForegroundColor Cyan }
function Show-Tables([WsoClusterPS.IsNode] $Node, [string[]] $Tables) {
    $table = $null
    foreach ($line in Get-Content $Node.DeploymentToml) {
        if ($line -match '^\[') { $table = $line.Trim() }
        if ($table -in $Tables -and $line.Trim() -and -not $line.StartsWith('#')) { Write-Host "    $($line -replace 'password = ".*"', 'password = "********"')" }
    }
}

Write-Host "WsoClusterPS demo in $Sandbox"
Write-Host 'Every node runs on this machine, so the cluster addresses are loopback ones.'

Write-Step 'A stand-in WSO2 IS 7.1.0 pack (the real layout; IS itself cannot be installed here)'
$pack = & (Join-Path $PSScriptRoot 'New-StandInPack.ps1') -Destination (Join-Path $Sandbox 'pack')
Write-Host $pack

# The recipe's ports (9443/9444, cluster 4000/4001) when they are free here, else free ones.
$free = (9443, 9444, 9763, 9764, 4000, 4001 | ForEach-Object {
    try { $l = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, $_); $l.Start(); $l.Stop(); $true } catch { $false }
}) -notcontains $false
$offsets = if ($free) { 0, 1 } else { (Get-FreeIsOffset), (Get-FreeIsOffset) }
$clusterPorts = if ($free) { 4000, 4001 } else { (Get-FreePort), (Get-FreePort) }

Write-Step 'Steps 1.1, 1.2, 1.5: a manager and a worker from the pack (New-IsClusterNode)'
$nodes = @(
    New-IsClusterNode -PackPath $pack -Path (Join-Path $Sandbox 'manager') -Role Manager -Offset $offsets[0] -ClusterHost 127.0.0.1 -ClusterPort $clusterPorts[0]
    New-IsClusterNode -PackPath $pack -Path (Join-Path $Sandbox 'worker') -Role Worker -Offset $offsets[1] -ClusterHost 127.0.0.1 -ClusterPort $clusterPorts[1]
)
$nodes | Format-Table -AutoSize | Out-String -Width 160 | Write-Host

$clustering = @{ Hostname = 'wso2.is'; ProxyPort = 443; HttpProxyPort = 80; WarningAction = 'SilentlyContinue' }
Write-Step 'Steps 1.3, 1.4, 1.6: what Set-IsClustering would change (-WhatIf)'
$nodes | Select-Object -First 1 | Set-IsClustering @clustering -Members ($nodes | ForEach-Object { "$($_.ClusterHost):$($_.ClusterPort)" }) -WhatIf

Write-Step 'The same, applied to both nodes, then once more: nothing left to change'
$nodes = $nodes | Set-IsClustering @clustering -PassThru
$nodes | Set-IsClustering @clustering -Verbose 4>&1 | ForEach-Object { Write-Host "  $($_.Message)" }

Write-Step 'One node on its own keeps the other members its file lists (a warning says so; -ReplaceMembers would drop them)'
$nodes | Select-Object -First 1 | Set-IsClustering -Hostname wso2.is -WhatIf 3>&1 |
    Where-Object { $_ -is [Management.Automation.WarningRecord] -and $_.Message -match 'were not given' } |
    ForEach-Object { Write-Host "  WARNING: $($_.Message)" }

Write-Step 'Step 1.4: the hostname in a hosts file (a sandbox copy of /etc/hosts, Set-IsHostsEntry)'
$hosts = Join-Path $Sandbox 'hosts'
if (Test-Path /etc/hosts) { Copy-Item /etc/hosts $hosts } else { Set-Content $hosts "127.0.0.1`tlocalhost" }
Set-IsHostsEntry -Hostname wso2.is -Address 127.0.0.1 -Path $hosts | Format-Table -AutoSize | Out-String -Width 160 | Write-Host

Write-Step 'Before step 2 each node keeps its own embedded H2, and Test-IsCluster says so'
$nodes | Test-IsCluster | Where-Object Check -eq 'Databases' | Format-Table -AutoSize -Wrap | Out-String -Width 160 | Write-Host

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

    Write-Step 'Production keys: one new keystore and one encryption key for every node (Set-IsKeystore), before the first start'
    Write-Host 'Every WSO2 pack ships the same stock keystore, so Test-IsCluster warns of it. Set-IsKeystore writes one keystore, the'
    Write-Host 'same bytes on every node; it asks the database first, since a key that encrypted data is never replaced silently.'
    $keystorePassword = 'Demo-Keystore-Pa55'
    $keystore = [pscredential]::new('keystore', (ConvertTo-SecureString $keystorePassword -AsPlainText -Force))
    $nodes | Set-IsKeystore -New -Tls -EncryptionKey -NewKeystoreCredential $keystore -WarningAction SilentlyContinue
    foreach ($node in $nodes) {
        $store = Join-Path $node.Home 'repository/resources/security/cluster-keystore.p12'
        $fingerprint = (& keytool -list -keystore $store -storepass $keystorePassword 2>&1) -match 'SHA-256'
        Write-Host "  $($node.Name): keytool reads $store as $fingerprint; SHA-256 of the file $((Get-FileHash $store).Hash.Substring(0, 16))..."
    }
    $nodes | Test-IsCluster | Where-Object Check -in 'Keystores', 'EncryptionKey', 'StockKeystore', 'StockEncryptionKey' |
        Format-Table -AutoSize -Wrap | Out-String -Width 160 | Write-Host

    Write-Step 'Drift: a setting changed by hand on one node is named (Compare-IsClusterNode), then put back'
    $workerToml = $nodes[1].DeploymentToml
    $asItWas = [IO.File]::ReadAllBytes($workerToml)
    Add-Content -LiteralPath $workerToml "`n[tenant_mgt]`nenable_email_domain = true"
    $nodes | Compare-IsClusterNode | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
    [IO.File]::WriteAllBytes($workerToml, $asItWas)
    Write-Host "Put back: $(@($nodes | Compare-IsClusterNode).Count) difference(s)."
}
finally {
    Stop-TestMariaDb $mariaDb
    Write-Host 'The private MariaDB was stopped (the stand-in nodes do not use it); its data stays under the sandbox.'
}

Write-Step 'Secrets: the database password sealed with WSO2 Secure Vault (Set-IsDatabase -EncryptSecret), opened by the JDK'
Write-Host "Secure Vault seals with the cluster's new keystore (the internal one follows the primary on a cluster without data); no Java runs on the nodes."
$nodes = $nodes | Set-IsDatabase -Server 127.0.0.1 -Port $mariaDb.Port -Database WSO2_IS_DB -Credential $isAccount `
    -EncryptSecret -KeystoreCredential $keystore -PassThru
foreach ($node in $nodes) {
    $lines = Get-Content $node.DeploymentToml
    $secrets = $lines[([array]::LastIndexOf($lines, '[secrets]'))..($lines.Count - 1)]
    Write-Host "$($node.Name): [database.identity_db] $(($lines -match '^password = "\$secret')[0]), and the file ends with:"
    $secrets | ForEach-Object { Write-Host "    $($_ -replace '= "(.{24}).*"', '= "$1..."')" }
    $opened = & java (Join-Path $PSScriptRoot 'SecureVaultOracle.java') (Join-Path $node.Home 'repository/resources/security/cluster-keystore.p12') `
        PKCS12 wso2carbon $keystorePassword $node.DeploymentToml
    foreach ($entry in $opened) {
        $alias, $plain = $entry -split "`t"
        $same = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($plain)) -eq $isAccount.GetNetworkCredential().Password
        Write-Host "    The JDK, decrypting as the server does, opens $alias to the database password: $same"
    }
}

Write-Step 'What the nodes hold now, read back from disk (Get-IsClusterNode)'
$nodes = Get-IsClusterNode -Path (Join-Path $Sandbox 'manager'), (Join-Path $Sandbox 'worker')
$nodes | Format-Table Name, Role, HttpsPort, HttpPort, @{ n = 'Cluster'; e = { "$($_.ClusterHost):$($_.ClusterPort)" } }, Hostname -AutoSize | Out-String -Width 160 | Write-Host
foreach ($node in $nodes) {
    Write-Host "$($node.Name) ($($node.Home)), the tables the recipe sets in repository/conf/deployment.toml:"
    Show-Tables $node '[server]', '[clustering]', '[transport.https.properties]', '[transport.http.properties]', '[user_store]', '[database.identity_db]', '[database.shared_db]'
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
    $sites | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
    $sites | Invoke-NginxReload -NginxPath $nginx.Binary -Prefix $nginx.Prefix -ConfigPath $nginx.Config | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
    Write-Host "$($sites[0].Path):"
    Get-Content $sites[0].Path | ForEach-Object { "    $_" } | Out-Host

    Write-Step 'Run: start the manager, then the worker, handing each the keystore password (Start-IsNode -KeystoreCredential -Wait)'
    try {
        $nodes | Start-IsNode -KeystoreCredential $keystore -Wait -TimeoutSeconds 60 -Verbose 4>&1 | ForEach-Object { if ($_.Message -match 'started and answers') { Write-Host "  $($_.Message)" } }

        Write-Step 'Check: who is the coordinator (Get-IsCoordinator), and is the cluster whole (Test-IsCluster)'
        $nodes | Get-IsCoordinator | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
        $balancer = "https://127.0.0.1:$($ports.Https)"
        # The demo's balancer shows a self-signed certificate: a real one is checked (chain, dates, name).
        $nodes | Test-IsCluster -LoadBalancerUri $balancer -SkipCertificateCheck | Format-Table -AutoSize -Wrap | Out-String -Width 160 | Write-Host
        $answer = Invoke-WebRequest "$balancer/api/health-check/v1.0/health" -SkipCertificateCheck
        Write-Host "Through NGINX, $balancer/api/health-check/v1.0/health answers $($answer.StatusCode): $($answer.Content)"

        Write-Step 'Which nodes run (Get-IsClusterNode: State and Pid), and what their logs say of the cluster (Get-IsNodeLog -Membership)'
        Get-IsClusterNode $nodes.Home | Format-Table Name, State, Pid, HttpsPort -AutoSize | Out-String -Width 160 | Write-Host
        $nodes | Get-IsNodeLog -Membership | Format-Table -AutoSize -Wrap | Out-String -Width 160 | Write-Host

        Write-Step 'Nodes that come back after a reboot: the systemd unit Install-IsNodeService writes (-WhatIf: the demo leaves this machine''s systemd alone)'
        $nodes[0] | Install-IsNodeService -MemoryOptions '-Xms2g -Xmx2g' -WhatIf

        Write-Step 'A rolling restart under traffic: each node drained at NGINX, restarted, put back once ready (Restart-IsNode -Rolling)'
        Write-Host 'Clients send GETs and POSTs through NGINX from 127.0.0.1 to 127.0.5.1 (ip_hash spreads them), some slow, every one counted.'
        Write-Host 'First the plan (-WhatIf), then the restart:'
        $nginxAt = @{ NginxPath = $nginx.Binary; Prefix = $nginx.Prefix; ConfigPath = $nginx.Config }
        $nodes | Restart-IsNode -Rolling -Site (Get-NginxSite -ConfigDirectory $nginx.ConfD) @nginxAt -WhatIf
        $traffic = Start-TestTraffic -Port $ports.Http -Folder (Join-Path $Sandbox 'traffic')
        $nodes | Restart-IsNode -Rolling -Site $sites @nginxAt -KeystoreCredential $keystore -TimeoutSeconds 60 -Verbose 4>&1 |
            Where-Object Message -NotMatch '^Performing the operation' | ForEach-Object { Write-Host "  $($_.Message)" }
        Start-Sleep -Seconds 1
        $count = Stop-TestTraffic $traffic
        Write-Host "Requests: $($count.Total) sent, $($count.Failed) failed, $($count.KeepAliveRaces) kept-alive connections closed by a reload as they were reused."
        $count.Nodes.PSObject.Properties | ForEach-Object { Write-Host "  $($_.Name) served $($_.Value.Served)" }
        $nodes | Get-IsCoordinator | Format-Table -AutoSize | Out-String -Width 160 | Write-Host

        Write-Step 'The cluster as one spec: exported (Export-IsClusterSpec), planned again (nothing to change), and one setting changed (Get-IsClusterPlan)'
        $specPath = Join-Path $Sandbox 'cluster.psd1'
        $nodes | Export-IsClusterSpec $specPath -Site (Get-NginxSite -ConfigDirectory $nginx.ConfD) @nginxAt
        Get-Content $specPath | ForEach-Object { "    $_" } | Out-Host
        $credentials = @{ 'wso2is-db' = $isAccount; 'wso2is-keystore' = $keystore }
        $plan = @(Get-IsClusterPlan $specPath -Credential $credentials)
        Write-Host "Planned against the running cluster: $($plan.Count) change(s)."
        $spec = Import-PowerShellDataFile $specPath
        $spec.ProxyPort = 8443
        Write-Host 'With ProxyPort = 8443, the plan is exactly the file edits and drained restarts it needs (not applied here):'
        $plan = Get-IsClusterPlan $spec -Credential $credentials
        $plan | Format-Table Step, Action, Node, Target, Reason -AutoSize -Wrap | Out-String -Width 160 | Write-Host
        $plan[0].Diff -split "`n" | ForEach-Object { "    $_" } | Out-Host

        Write-Step 'Fail over: stop the manager (Stop-IsNode -Wait); the worker takes over'
        $nodes[0] | Stop-IsNode -Wait
        $found = $nodes | Get-IsCoordinator -Wait -TimeoutSeconds 30
        $found | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
        Write-Host 'The log lines that show it:'
        $found.Evidence | ForEach-Object { "    $_" } | Out-Host

        Write-Step 'Over SSH: the same cluster seen through a session (New-IsSshSession), and a node made there'
        Write-Host 'A private sshd on 127.0.0.1 stands in for another machine; its host key goes to a sandbox known_hosts.'
        $sshd = Start-TestSshd -Folder (Join-Path $Sandbox 'sshd')
        try {
            $session = New-IsSshSession 127.0.0.1 -Port $sshd.Port -UserName ([Environment]::UserName) -KeyFilePath $sshd.Key -KnownHostsPath $sshd.KnownHosts -AcceptNewHostKey
            $session | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
            $remote = Get-IsClusterNode -Path $nodes.Home -Session $session
            $remote | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
            Write-Host 'The coordinator, read from the logs through SSH (only the matching lines travel):'
            $remote | Get-IsCoordinator | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
            $third = New-IsClusterNode -PackPath $pack -Path (Join-Path $Sandbox 'over-ssh/worker2') -Session $session -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort (Get-FreePort)
            Write-Host "The pack was uploaded once and unpacked there: $($third.Name) on $($third.ComputerName) at $($third.Home)"
            Write-Host 'As a runbook does it: the key as a string (from a vault), the host key pinned, nothing written to known_hosts:'
            $pin = (& ssh-keygen -lf "$($sshd.Folder)/host_ed25519.pub").Split(' ')[1]
            $runbook = New-IsSshSession 127.0.0.1 -Port $sshd.Port -UserName ([Environment]::UserName) -Key (Get-Content -Raw $sshd.Key) -HostKeyFingerprint @{ '127.0.0.1' = $pin }
            $runbook | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
            $session, $runbook | Remove-IsSshSession
        }
        finally { Stop-TestSshd $sshd }
    }
    finally {
        $nodes | Stop-IsNode -Wait -ErrorAction SilentlyContinue
        Write-Host 'Both nodes are stopped.'
    }
}
finally {
    Stop-TestNginx $nginx
    Write-Host 'The private NGINX was stopped; its files stay under the sandbox.'
}
