BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:NoNginx = -not (Find-RealPart nginx)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Cert = New-TestCertificate $TestDrive
    $pack = New-TestPack -Destination (Join-Path $TestDrive 'pack')
    $offsets = (Get-FreeIsOffset), (Get-FreeIsOffset)
    Push-Location $TestDrive
    $script:Nodes = @(
        New-IsClusterNode $pack ./manager -Role Manager -Offset $offsets[0] -ClusterHost 127.0.0.1
        New-IsClusterNode $pack ./worker -Offset $offsets[1] -ClusterHost 127.0.0.1
    )
    # NGINX's own server blocks stand in for the nodes: each answers with its name.
    $backends = foreach ($node in $Nodes) {
        "server { listen 127.0.0.1:$($node.HttpsPort) ssl; ssl_certificate $($Cert.Certificate); ssl_certificate_key $($Cert.Key); return 200 `"$($node.Name) https`"; }"
        "server { listen 127.0.0.1:$($node.HttpPort); return 200 `"$($node.Name) http`"; }"
    }
    $script:Nginx = Start-TestNginx -Prefix (Join-Path $TestDrive 'nginx') -Extra ($backends -join "`n")
    $script:Ports = @{ Https = Get-FreePort; Http = Get-FreePort }
    $script:Upstream = @{
        ServerName = 'wso2.is'; ConfigDirectory = $Nginx.ConfD; CertificatePath = $Cert.Certificate; CertificateKeyPath = $Cert.Key
        ListenAddress = '127.0.0.1'; ListenPort = $Ports.Https; HttpListenPort = $Ports.Http
    }
    $script:Reload = @{ NginxPath = $Nginx.Binary; Prefix = $Nginx.Prefix; ConfigPath = $Nginx.Config }
}

AfterAll {
    Stop-TestNginx $Nginx
    Pop-Location
}

Describe 'New-NginxUpstream and Invoke-NginxReload' -Skip:$NoNginx {
    It 'writes both vhosts, reloads NGINX, and NGINX serves the nodes through them' {
        $result = $Nodes | New-NginxUpstream @Upstream | Invoke-NginxReload @Reload
        $result.Tested, $result.Reloaded, $result.RolledBack | Should -Be @($true, $true, $false)
        (Get-ChildItem $Nginx.ConfD).Name | Sort-Object | Should -Be @('is.http.conf', 'is.https.conf', 'wsoclusterps-connection-upgrade.conf')
        (Invoke-WebRequest "https://127.0.0.1:$($Ports.Https)/" -SkipCertificateCheck).Content | Should -Match '^(manager|worker) https$'
        (Invoke-WebRequest "http://127.0.0.1:$($Ports.Http)/").Content | Should -Match '^(manager|worker) http$'
    }

    It 'shows the sites in a table' {
        $sites = $Nodes | New-NginxUpstream @Upstream
        $table = $sites | Format-Table | Out-String -Width 300
        # One server per line, so the second stands alone below the first.
        $table | Should -Match "Https\s+False\s+127\.0\.0\.1:$($Nodes[0].HttpsPort)\s+\S*is\.https\.conf"
        $table | Should -Match "\n\s+127\.0\.0\.1:$($Nodes[1].HttpsPort)"
    }

    It 'changes nothing on a second run and does not reload' {
        $Nodes | New-NginxUpstream @Upstream | Invoke-NginxReload @Reload | Out-Null
        $before = Get-ChildItem $Nginx.ConfD | ForEach-Object { "$($_.Name) $($_.LastWriteTimeUtc.Ticks)" }
        $sites = $Nodes | New-NginxUpstream @Upstream
        $sites.Changed | Should -Be @($false, $false)
        ($sites | Invoke-NginxReload @Reload).Reloaded | Should -BeFalse
        Get-ChildItem $Nginx.ConfD | ForEach-Object { "$($_.Name) $($_.LastWriteTimeUtc.Ticks)" } | Should -Be $before
    }

    It 'puts the files back when NGINX refuses them, and NGINX keeps serving' {
        $Nodes | New-NginxUpstream @Upstream | Invoke-NginxReload @Reload | Out-Null
        $good = Get-Content -Raw (Join-Path $Nginx.ConfD 'is.https.conf')
        Set-Content ./bogus.crt 'not a certificate'
        $broken = $Upstream.Clone(); $broken.CertificatePath = (Resolve-Path ./bogus.crt).Path
        { $Nodes | New-NginxUpstream @broken | Invoke-NginxReload @Reload -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvokeNginxReloadNginxRejected,WsoClusterPS.Commands.InvokeNginxReloadCommand' -ExpectedMessage '*cannot load certificate*was put back and nginx -t passes again*'
        Get-Content -Raw (Join-Path $Nginx.ConfD 'is.https.conf') | Should -Be $good
        (Invoke-WebRequest "https://127.0.0.1:$($Ports.Https)/" -SkipCertificateCheck).StatusCode | Should -Be 200
    }

    It 'refuses a server name that would inject configuration, writing nothing' {
        $evil = $Upstream.Clone(); $evil.ServerName = 'wso2.is; include /etc/passwd'; $evil.ConfigDirectory = (New-Item -ItemType Directory ./empty).FullName
        { $Nodes | New-NginxUpstream @evil -ErrorAction Stop } | Should -Throw -ExpectedMessage "*cannot go into an NGINX configuration*"
        Get-ChildItem ./empty | Should -BeNullOrEmpty
    }

    It 'prints the vhost as a diff with -WhatIf' {
        $dir = (New-Item -ItemType Directory ./whatif).FullName
        $result = Invoke-FreshPwsh -WorkingDirectory $TestDrive -Script "Get-IsClusterNode ./manager, ./worker | New-NginxUpstream -ServerName wso2.is -Scheme Http -ConfigDirectory '$dir' -WhatIf"
        $result.Text | Should -Match '(?m)^\+upstream wso2_is_http \{'
        $result.Text | Should -Match '(?m)^\+        proxy_pass http://wso2_is_http;'
        Get-ChildItem $dir | Should -BeNullOrEmpty
    }
}
