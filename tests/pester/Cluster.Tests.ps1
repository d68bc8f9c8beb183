BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Pack = New-TestPack -Destination (Join-Path $TestDrive 'pack')
}

Describe 'Start-IsNode, Stop-IsNode, Get-IsCoordinator and Test-IsCluster' {
    BeforeAll {
        Push-Location $TestDrive
        $script:Nodes = @(
            New-IsClusterNode $Pack ./manager -Role Manager -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort (Get-FreePort)
            New-IsClusterNode $Pack ./worker -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort (Get-FreePort)
        )
        $Nodes | Set-IsClustering -Hostname wso2.is -WarningAction SilentlyContinue
    }
    AfterAll {
        $Nodes | Stop-IsNode -Wait -ErrorAction SilentlyContinue
        Pop-Location
    }

    It 'starts the manager, then the worker, and the manager is the coordinator' {
        $Nodes | Start-IsNode -Wait -TimeoutSeconds 60
        $found = $Nodes | Get-IsCoordinator
        $found.Coordinator.Name | Should -Be 'manager'
        $found.Members.State | Should -Be @('Active', 'Active')
        ($found.Evidence -join "`n") | Should -Match 'Elected this member'
        ($found | Format-Table | Out-String) | Should -Match 'manager\s+[0-9a-f-]{36}'
    }

    It 'fails the database check while each node keeps its own embedded H2, naming the table' {
        $databases = $Nodes | Test-IsCluster | Where-Object { $_.Check -eq 'Databases' -and $_.Target -eq 'manager' }
        $databases.Passed | Should -BeFalse
        $databases.Reason | Should -Match '\[database\.identity_db\] is the embedded H2 \(\./repository/database/WSO2IDENTITY_DB\)'
        $shared = $Nodes | Test-IsCluster | Where-Object { $_.Check -eq 'Databases' -and $_.Target -eq '(cluster)' }
        $shared.Passed | Should -BeFalse
        $shared.Reason | Should -Match '\[database\.identity_db\] differs: manager the embedded H2 \(\./repository/database/WSO2IDENTITY_DB\) of its own, worker'
        $credential = [pscredential]::new('wso2', (ConvertTo-SecureString 'not-used-here' -AsPlainText -Force))
        $Nodes | Set-IsDatabase -Server db.example -Database wso2 -Credential $credential -WarningAction SilentlyContinue
    }

    It 'passes every check of Test-IsCluster' {
        $checks = $Nodes | Test-IsCluster
        $checks | Where-Object { -not $_.Passed } | ForEach-Object { "$($_.Check) $($_.Target): $($_.Reason)" } | Should -BeNullOrEmpty
        # Every check but the balancer's (no -LoadBalancerUri), each by its enum name; stock keys are warnings, which pass.
        $checks.Check | Sort-Object -Unique | Should -Be ([enum]::GetValues([WsoClusterPS.IsClusterCheckName]) | Where-Object { $_ -ne 'LoadBalancer' })
        $checks | Where-Object Check -eq StockKeystore | ForEach-Object Outcome | Should -Be @('Warning', 'Warning')
        $Nodes | Test-IsCluster -Quiet | Should -BeTrue
    }

    It 'does not start a node that already runs' {
        ($Nodes[0] | Start-IsNode -Verbose 4>&1 | Out-String) | Should -Match "'manager' already runs"
    }

    It 'hands over to the worker when the manager stops' {
        $Nodes[0] | Stop-IsNode -Wait
        $found = $Nodes | Get-IsCoordinator -Wait -TimeoutSeconds 30
        $found.Coordinator.Name | Should -Be 'worker'
        ($found.Members | Where-Object { $_.Node.Name -eq 'manager' }).State | Should -Be 'Stopped'
        $Nodes | Test-IsCluster | Where-Object Check -eq 'Https' | ForEach-Object Passed | Should -Be @($false, $true)
    }

    It 'says there is no coordinator when nothing runs' {
        $Nodes[1] | Stop-IsNode -Wait
        ($Nodes | Get-IsCoordinator).Coordinator | Should -BeNullOrEmpty
        ($Nodes | Test-IsCluster | Where-Object Check -eq 'Coordinator').Reason | Should -Match 'no node is the coordinator'
    }
}

Describe 'Start-IsNode that cannot start' {
    It 'stops waiting after -TimeoutSeconds and quotes the last log lines' {
        Push-Location $TestDrive
        try {
            $node = New-IsClusterNode $Pack ./blocked -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort (Get-FreePort)
            # Something else holds the node's HTTPS port, so the server cannot come up.
            $squatter = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Any, $node.HttpsPort)
            $squatter.Start()
            try {
                { $node | Start-IsNode -Wait -TimeoutSeconds 4 -ErrorAction Stop } |
                    Should -Throw -ErrorId 'StartIsNodeTimeout,WsoClusterPS.Commands.StartIsNodeCommand' -ExpectedMessage "*did not answer*The last lines of its wso2carbon.log:*Starting WSO2 Carbon*"
            }
            finally { $squatter.Stop(); $node | Stop-IsNode -Wait -ErrorAction SilentlyContinue }
        }
        finally { Pop-Location }
    }
}

Describe 'Start-IsNode -KeystoreCredential' {
    BeforeAll {
        Push-Location $TestDrive
        $script:Keystore = [pscredential]::new('keystore', (ConvertTo-SecureString 'ks-Pa55word' -AsPlainText -Force))
    }
    AfterAll { Pop-Location }

    It 'hands the keystore password to the server in a private password-tmp that the server then deletes' {
        $node = New-IsClusterNode $Pack ./vault -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort (Get-FreePort)
        try {
            $node | Start-IsNode -KeystoreCredential $Keystore -Wait -TimeoutSeconds 60
            Join-Path $node.Home 'password-tmp' | Should -Not -Exist
            Get-Content -Raw (Join-Path $node.Home 'repository/logs/wso2carbon.out') |
                Should -Match 'Keystore password read from password-tmp \(mode 600, 11 bytes\)'
        }
        finally { $node | Stop-IsNode -Wait -ErrorAction SilentlyContinue }
    }

    It 'removes password-tmp when the job is cancelled with SIGTERM while the server has not read it' {
        $node = New-IsClusterNode $Pack ./cancelled -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort (Get-FreePort)
        # A start that hangs before Carbon reads the file, as a JVM slow to come up does.
        Set-Content (Join-Path $node.Home 'bin/wso2server.sh') "#!/bin/sh`nsleep 60`n"
        $passwordFile = Join-Path $node.Home 'password-tmp'
        $env:JOB_HOME = $node.Home
        $job = [Diagnostics.Process]::Start($PwshCommand[0], (@($PwshCommand | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive',
            '-Command', "Import-Module '$ModuleManifest'; Get-IsClusterNode `$env:JOB_HOME | Start-IsNode -KeystoreCredential ([pscredential]::new('k', (ConvertTo-SecureString 'ks-Pa55word' -AsPlainText -Force))) -Wait")))
        try {
            $deadline = (Get-Date).AddSeconds(60)
            while (-not (Test-Path $passwordFile) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $passwordFile | Should -Exist -Because 'the job wrote it before the start script ran'
            & kill -TERM $job.Id
            $job.WaitForExit(30000) | Should -BeTrue
            $passwordFile | Should -Not -Exist
        }
        finally {
            if (-not $job.HasExited) { $job.Kill($true) }
            Remove-Item Env:JOB_HOME
            & pkill -f "$($node.Home)/bin/wso2server.sh"
        }
    }

    It 'has the next Stop-IsNode or Test-IsCluster remove a password-tmp that a killed start left, and say so' {
        $node = New-IsClusterNode $Pack ./killed -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort (Get-FreePort)
        $passwordFile = Join-Path $node.Home 'password-tmp'
        Set-Content $passwordFile 'ks-Pa55word'
        $node | Stop-IsNode -WarningVariable stopWarnings -WarningAction SilentlyContinue
        ($stopWarnings -join "`n") | Should -Match 'removed .*password-tmp.*killed'
        $passwordFile | Should -Not -Exist
        Set-Content $passwordFile 'ks-Pa55word'
        $null = $node | Test-IsCluster -WarningVariable checkWarnings -WarningAction SilentlyContinue
        ($checkWarnings -join "`n") | Should -Match 'removed .*password-tmp'
        $passwordFile | Should -Not -Exist
    }

    It 'leaves no password-tmp behind when the start fails' {
        $node = New-IsClusterNode $Pack ./broken -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort (Get-FreePort)
        & chmod 644 (Join-Path $node.Home 'bin/wso2server.sh')
        { $node | Start-IsNode -KeystoreCredential $Keystore -ErrorAction Stop } | Should -Throw
        Join-Path $node.Home 'password-tmp' | Should -Not -Exist
    }
}

Describe 'Set-IsHostsEntry' {
    It 'adds the line once, moves it to a new address, and keeps the rest' {
        $hosts = Join-Path $TestDrive 'hosts'
        Set-Content $hosts "127.0.0.1`tlocalhost`n# keep me`n" -NoNewline
        (Set-IsHostsEntry wso2.is 10.0.0.10 -Path $hosts).Changed | Should -BeTrue
        (Set-IsHostsEntry wso2.is 10.0.0.10 -Path $hosts).Changed | Should -BeFalse
        Set-IsHostsEntry wso2.is 10.0.0.11 -Path $hosts | Out-Null
        Get-Content -Raw $hosts | Should -Be "127.0.0.1`tlocalhost`n# keep me`n10.0.0.11`twso2.is`n"
    }

    It 'refuses a value that is not an address, writing nothing' {
        $hosts = Join-Path $TestDrive 'hosts2'
        Set-Content $hosts "127.0.0.1 localhost`n" -NoNewline
        { Set-IsHostsEntry wso2.is 'not-an-ip' -Path $hosts -ErrorAction Stop } | Should -Throw -ErrorId 'SetIsHostsEntryInvalidValue,WsoClusterPS.Commands.SetIsHostsEntryCommand'
        Get-Content -Raw $hosts | Should -Be "127.0.0.1 localhost`n"
    }
}
