BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Pack = New-TestPack -Destination (Join-Path $TestDrive 'pack')
}

Describe 'Set-IsClustering' {
    BeforeEach {
        $script:Work = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory $Work | Out-Null
        Push-Location $Work
        $script:Nodes = @(New-TestNodePair $Pack)
    }
    AfterEach { Pop-Location }

    It 'writes WKA clustering with every member into each node, keeping the rest of the file' {
        $Nodes | Set-IsClustering -Hostname wso2.is -ProxyPort 443 -HttpProxyPort 80
        $stock = Get-Content -Raw (Join-Path $RepoRoot 'tests/tools/standin-pack/deployment.toml')
        $toml = Get-Content -Raw (Get-TomlPath ./worker)
        $toml | Should -Match '(?m)^\[clustering\]\nmembership_scheme = "wka"\nlocal_member_host = "10\.0\.0\.4"\nlocal_member_port = "4001"\nmembers = \["10\.0\.0\.4:4000", "10\.0\.0\.4:4001"\]\n'
        $toml | Should -Match '(?m)^#\[clustering\]$'
        # Every line of the stock file is still there, in order, apart from the replaced hostname.
        $kept = $stock.Replace('hostname = "localhost"', 'hostname = "wso2.is"') -split "`n"
        $lines = $toml -split "`n"
        $i = 0; foreach ($line in $lines) { if ($i -lt $kept.Count -and $line -ceq $kept[$i]) { $i++ } }
        $i | Should -Be $kept.Count
    }

    It 'changes nothing on a second identical run, and says so' {
        $Nodes | Set-IsClustering -Hostname wso2.is
        $before = Get-FileHash (Get-TomlPath ./manager)
        $stamp = (Get-Item (Get-TomlPath ./manager)).LastWriteTimeUtc
        Start-Sleep -Milliseconds 20
        $verbose = $Nodes | Set-IsClustering -Hostname wso2.is -Verbose 4>&1
        (Get-FileHash (Get-TomlPath ./manager)).Hash | Should -Be $before.Hash
        (Get-Item (Get-TomlPath ./manager)).LastWriteTimeUtc | Should -Be $stamp
        ($verbose | Out-String) | Should -Match 'unchanged, not rewritten'
    }

    It 'prints a unified diff with -WhatIf and writes nothing' {
        $before = Get-Content -Raw (Get-TomlPath ./manager)
        $result = Invoke-FreshPwsh -WorkingDirectory $Work -Script 'Get-IsClusterNode ./manager, ./worker | Set-IsClustering -Hostname wso2.is -WhatIf'
        $result.Text | Should -Match 'What if: Update .*manager/repository/conf/deployment.toml on localhost:'
        $result.Text | Should -Match '(?m)^-hostname = "localhost"\s*$'
        $result.Text | Should -Match '(?m)^\+hostname = "wso2.is"\s*$'
        $result.Text | Should -Match '(?m)^\+members = \["10\.0\.0\.4:4000", "10\.0\.0\.4:4001"\]\s*$'
        Get-Content -Raw (Get-TomlPath ./manager) | Should -Be $before
    }

    It 'refuses two nodes on one host with one cluster port before writing any file' {
        $clash = New-IsClusterNode $Pack ./third -Offset 2 -ClusterPort 4001 -ClusterHost 10.0.0.5
        $before = Get-Content -Raw (Get-TomlPath ./manager)
        { $Nodes + $clash | Set-IsClustering -ErrorAction Stop } | Should -Throw -ErrorId 'SetIsClusteringClusterAddressClash,WsoClusterPS.Commands.SetIsClusteringCommand'
        Get-Content -Raw (Get-TomlPath ./manager) | Should -Be $before
        Get-Content -Raw (Get-TomlPath ./third) | Should -Not -Match '(?m)^\[clustering\]'
    }

    It 'refuses a file that does not parse, naming line and column, and leaves it untouched' {
        $path = Get-TomlPath ./manager
        $broken = (Get-Content -Raw $path).Replace('[super_admin]', '[super_admin')
        [IO.File]::WriteAllText($path, $broken)
        $err = $null
        $Nodes | Set-IsClustering -Hostname wso2.is -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'SetIsClusteringTomlParse,WsoClusterPS.Commands.SetIsClusteringCommand'
        $err[0].Exception.Message | Should -Match 'deployment\.toml line 9, column \d+: .*nothing was written'
        $err[0].TargetObject.Name | Should -Be 'manager'
        [IO.File]::ReadAllText($path) | Should -Be $broken
        Get-Content -Raw (Get-TomlPath ./worker) | Should -Match '(?m)^\[clustering\]'
    }

    It 'keeps a CRLF file CRLF' {
        $path = Get-TomlPath ./manager
        [IO.File]::WriteAllText($path, ([IO.File]::ReadAllText($path) -replace "`n", "`r`n"))
        $Nodes[0] | Set-IsClustering -Hostname wso2.is -WarningAction SilentlyContinue -ErrorAction Stop
        $written = [IO.File]::ReadAllText($path)
        $written | Should -Match 'hostname = "wso2\.is"\r\n'
        $written | Should -Match 'membership_scheme = "wka"\r\n'
        $written | Should -Not -Match '[^\r]\n'
    }

    It 'keeps the previous file with -Backup' {
        $before = Get-Content -Raw (Get-TomlPath ./manager)
        $Nodes | Set-IsClustering -Hostname wso2.is -Backup
        Get-Content -Raw "$(Get-TomlPath ./manager).bak" | Should -Be $before
    }

    It 'warns about a loopback cluster host' {
        $local = New-IsClusterNode $Pack ./local -Offset 4 -ClusterHost 127.0.0.1
        $warnings = $local | Set-IsClustering 3>&1
        ($warnings | Out-String) | Should -Match "Node 'local' uses the loopback address 127.0.0.1"
    }

    It 'passes the nodes on as their files still are with -WhatIf -PassThru' {
        $out = $Nodes | Set-IsClustering -Hostname wso2.is -WhatIf -PassThru
        $out.Count | Should -Be 2
        $out.Hostname | Should -Be @('localhost', 'localhost')
        Get-Content -Raw (Get-TomlPath ./manager) | Should -Match 'hostname = "localhost"'
    }

    It 'passes the nodes on with -PassThru' {
        $out = $Nodes | Set-IsClustering -Hostname wso2.is -PassThru
        $out.Hostname | Should -Be @('wso2.is', 'wso2.is')
        $out[0].GetType().FullName | Should -Be 'WsoClusterPS.IsNode'
    }
}
