BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:NoSshd = -not (Find-RealPart sshd) -or ((& id -u) -ne '0')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Sshd = Start-TestSshd -Folder (Join-Path $TestDrive 'sshd')
    $script:Pack = New-TestPack -Destination (Join-Path $TestDrive 'pack')
    $script:Connect = @{ HostName = '127.0.0.1'; Port = $Sshd.Port; UserName = [Environment]::UserName; KeyFilePath = $Sshd.Key; KnownHostsPath = $Sshd.KnownHosts }
}

AfterAll {
    Get-IsSshSession | Remove-IsSshSession
    Stop-TestSshd $Sshd
}

Describe 'Every cmdlet over SSH' -Skip:$NoSshd {
    It 'refuses an unknown host key and shows its fingerprint' {
        { New-IsSshSession @Connect -ErrorAction Stop } | Should -Throw -ErrorId 'NewIsSshSessionHostKeyUnknown,WsoClusterPS.Commands.NewIsSshSessionCommand' -ExpectedMessage '*presents the ssh-ed25519 key SHA256:*'
    }

    It 'builds and clusters a node on the remote machine, then starts it there' {
        $s = New-IsSshSession @Connect -AcceptNewHostKey
        $s.State | Should -Be 'Opened'
        $node = New-IsClusterNode $Pack "$TestDrive/remote home/manager" -Session $s -Role Manager -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort (Get-FreePort)
        $node.ComputerName | Should -Be "127.0.0.1:$($Sshd.Port)"
        try {
            $node | Set-IsClustering -Hostname wso2.is -WarningAction SilentlyContinue -PassThru | Start-IsNode -Wait -TimeoutSeconds 60
            ($node | Get-IsCoordinator).Coordinator.Name | Should -Be 'manager'
        }
        finally { $node | Stop-IsNode -Wait }
        (Get-IsClusterNode "$TestDrive/remote home/manager" -Session $s).Hostname | Should -Be 'wso2.is'
    }

    It 'creates the schema through an SSH port forward from the nodes'' machine' {
        $db = Start-TestMariaDb -Folder (Join-Path $TestDrive 'mariadb')
        try {
            $s = New-IsSshSession @Connect -AcceptNewHostKey
            $node = New-IsClusterNode $Pack "$TestDrive/remote home/db node" -Session $s -ClusterHost 127.0.0.1
            $node | Set-IsDatabase -Server 127.0.0.1 -Port $db.Port -Database wsois_tunnel -Credential $db.Admin -InitializeSchema
            & $db.Client --no-defaults --user=root --host=127.0.0.1 "--port=$($db.Port)" -N -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'wsois_tunnel'" | Should -Be 5
            # sshd logs each forwarded connection, and this step is the only one that forwards:
            # the schema went through the node's machine.
            Get-Content -Raw $Sshd.Log | Should -Match 'server_input_channel_open: ctype direct-tcpip'
            (Select-String -Path $Sshd.Log -Pattern 'ctype direct-tcpip' -SimpleMatch).Count | Should -BeGreaterOrEqual 1
        }
        finally { Stop-TestMariaDb $db }
    }

    It 'builds a two-node cluster on two machines in one pipeline' {
        $second = Start-TestSshd -Folder (Join-Path $TestDrive 'sshd2')
        try {
            $one = New-IsSshSession @Connect -AcceptNewHostKey
            $two = New-IsSshSession 127.0.0.1 -Port $second.Port -UserName ([Environment]::UserName) -KeyFilePath $second.Key -KnownHostsPath $second.KnownHosts -AcceptNewHostKey
            $nodes = @(
                New-IsClusterNode $Pack "$TestDrive/host one/manager" -Session $one -Role Manager -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort (Get-FreePort)
                New-IsClusterNode $Pack "$TestDrive/host two/worker" -Session $two -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort (Get-FreePort)
            )
            $nodes.ComputerName | Should -Be @("127.0.0.1:$($Sshd.Port)", "127.0.0.1:$($second.Port)")
            try {
                $nodes | Set-IsClustering -Hostname wso2.is -WarningAction SilentlyContinue -PassThru | Start-IsNode -Wait -TimeoutSeconds 60
                $found = $nodes | Get-IsCoordinator -Wait -TimeoutSeconds 30
                $found.Coordinator.Name | Should -Be 'manager'
                $found.Members.State | Should -Be @('Active', 'Active')
                # Each node on its own embedded H2 is not one cluster; one shared database is.
                ($nodes | Test-IsCluster | Where-Object Check -eq 'Databases').Passed | Should -Contain $false
                $credential = [pscredential]::new('wso2', (ConvertTo-SecureString 'not-used-here' -AsPlainText -Force))
                $nodes | Set-IsDatabase -Server db.example -Database wso2 -Credential $credential
                $nodes | Test-IsCluster -Quiet | Should -BeTrue
            }
            finally { $nodes | Stop-IsNode -Wait }
        }
        finally { Stop-TestSshd $second }
    }

    It 'makes the same node on three machines at once, and a machine that fails does not stop the others' {
        # Three sshds, each in a mount namespace of its own: the same path is a different folder on each "machine".
        $machines = New-Item -ItemType Directory (Join-Path $TestDrive 'machines')
        $servers = foreach ($i in 1..3) { Start-TestSshd -Folder (Join-Path $TestDrive "machine$i") -ClientKey $Sshd.Key -PrivateFolder $machines.FullName }
        try {
            $sessions = foreach ($server in $servers) {
                New-IsSshSession 127.0.0.1 -Port $server.Port -UserName ([Environment]::UserName) -KeyFilePath $Sshd.Key -KnownHostsPath $server.KnownHosts -AcceptNewHostKey
            }
            New-Item -ItemType Directory -Force (Join-Path $servers[1].Folder 'private/worker') | Out-Null
            Set-Content (Join-Path $servers[1].Folder 'private/worker/keep.txt') 'an admin''s file'

            $nodes = @(New-IsClusterNode $Pack "$machines/worker" -Session $sessions -ErrorVariable failed -ErrorAction SilentlyContinue)

            $nodes.ComputerName | Should -Be @("127.0.0.1:$($servers[0].Port)", "127.0.0.1:$($servers[2].Port)")
            $nodes.Home | Should -Be @("$machines/worker", "$machines/worker")
            $failed.Count | Should -Be 1
            $failed[0].Exception.Message | Should -BeLike "*$machines/worker*"
            foreach ($server in $servers[0], $servers[2]) {
                (Get-Item (Join-Path $server.Folder 'private/worker/bin/wso2server.sh')).UnixFileMode.HasFlag([IO.UnixFileMode]::UserExecute) | Should -BeTrue
            }
            (Get-ChildItem -Force (Join-Path $servers[1].Folder 'private/worker')).Name | Should -Be 'keep.txt'
            (Get-ChildItem -Force (Join-Path $servers[1].Folder 'private')).Name | Should -Be 'worker'
            Get-ChildItem -Force $machines | Should -BeNullOrEmpty
        }
        finally {
            $sessions | Remove-IsSshSession
            foreach ($server in $servers) { Stop-TestSshd $server }
        }
    }

    It 'makes a node on a machine without tar, whose sessions print to stderr as they start' {
        # This sshd logs at DEBUG1, and root's sessions get its debug lines on their stderr, as a chatty .bashrc would.
        $noTar = Start-TestSshd -Folder (Join-Path $TestDrive 'sshd-no-tar') -ClientKey $Sshd.Key -Without tar
        try {
            $s = New-IsSshSession 127.0.0.1 -Port $noTar.Port -UserName ([Environment]::UserName) -KeyFilePath $Sshd.Key -KnownHostsPath $noTar.KnownHosts -AcceptNewHostKey
            $node = New-IsClusterNode $Pack "$TestDrive/no tar/worker" -Session $s -ClusterHost 127.0.0.1 -ErrorAction Stop
            $node.Home | Should -Be "$TestDrive/no tar/worker"
            (Get-Item "$TestDrive/no tar/worker/bin/wso2server.sh").UnixFileMode.HasFlag([IO.UnixFileMode]::UserExecute) | Should -BeTrue
            (Get-ChildItem -Force "$TestDrive/no tar").Name | Should -Be 'worker'
            $s | Remove-IsSshSession
        }
        finally { Stop-TestSshd $noTar }
    }

    It 'connects in a session that already loaded BouncyCastle.Cryptography 2.4.0' {
        $packages = (& dotnet nuget locals global-packages --list --force-english-output).Split(': ', 2)[1].Trim()
        $old = Join-Path $packages 'bouncycastle.cryptography/2.4.0/lib/net6.0/BouncyCastle.Cryptography.dll'
        $old | Should -Exist
        $result = Invoke-FreshPwsh -WorkingDirectory $TestDrive -Prelude "`$old = [Reflection.Assembly]::LoadFrom('$old')" -Script @"
`$s = New-IsSshSession 127.0.0.1 -Port $($Sshd.Port) -UserName $([Environment]::UserName) -KeyFilePath '$($Sshd.Key)' -KnownHostsPath '$($Sshd.KnownHosts)'
'state:' + `$s.State
'loaded:' + ((([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'BouncyCastle.Cryptography' }) | ForEach-Object { "`$(`$_.Location)@`$([Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name)" }) -join ',')
"@
        $result.ExitCode | Should -Be 0 -Because $result.Text
        $result.Text | Should -Match 'state:Opened'
        # BouncyCastle keeps assembly version 2.0.0.0 through 2.x: the files tell the copies apart.
        $result.Text | Should -Match ([regex]::Escape("$old@Default"))
        $result.Text | Should -Match 'dependencies/BouncyCastle\.Cryptography\.dll@WsoClusterPS'
    }
}

Describe 'The whole recipe as an Azure Automation runbook runs it' -Skip:$NoSshd {
    It 'runs non-interactive with stdin closed, the key as a string and the host key pinned, leaving nothing on disk but the cluster' {
        $nginx = Start-TestNginx -Prefix (Join-Path $TestDrive 'runbook-nginx')
        $runbookHome = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'runbook home')
        # The runbook's temp files go to a folder of this test's own: the machine's temp folder holds
        # other processes' FIFOs (clr-debug-pipe-*), and opening one whose process exited blocks forever.
        $runbookTemp = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'runbook tmp')
        $began = Get-Date
        try {
            $fingerprint = (& ssh-keygen -lf "$($Sshd.Folder)/host_ed25519.pub").Split(' ')[1]
            # What a runbook gets from Key Vault and Automation variables; here through its environment.
            $env:RUNBOOK_KEY = Get-Content -Raw $Sshd.Key
            $env:RUNBOOK_FINGERPRINT = $fingerprint
            $runbook = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
`$s = New-IsSshSession 127.0.0.1 -Port $($Sshd.Port) -UserName $([Environment]::UserName) -Key `$env:RUNBOOK_KEY -HostKeyFingerprint @{ '127.0.0.1' = `$env:RUNBOOK_FINGERPRINT }
`$nodes = @(
    New-IsClusterNode '$Pack' '$TestDrive/runbook nodes/manager' -Session `$s -Role Manager -Offset $(Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort $(Get-FreePort)
    New-IsClusterNode '$Pack' '$TestDrive/runbook nodes/worker' -Session `$s -Offset $(Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort $(Get-FreePort)
)
`$account = [pscredential]::new('wso2', (ConvertTo-SecureString 'Runbook-Pa55' -AsPlainText -Force))
`$nodes = `$nodes | Set-IsClustering -Hostname wso2.is -WarningAction SilentlyContinue -PassThru |
    Set-IsDatabase -Server db.example -Database wso2 -Credential `$account -PassThru
`$nginxAt = @{ NginxPath = '$($nginx.Binary)'; Prefix = '$($nginx.Prefix)'; ConfigPath = '$($nginx.Config)' }
`$sites = `$nodes | New-NginxUpstream -ServerName wso2.is -Scheme Http -ConfigDirectory '$($nginx.ConfD)' -ListenAddress 127.0.0.1 -HttpListenPort $(Get-FreePort) -Session `$s
`$null = `$sites | Invoke-NginxReload @nginxAt
try {
    `$nodes | Start-IsNode -Wait -TimeoutSeconds 60
    'coordinator:' + (`$nodes | Get-IsCoordinator).Coordinator.Name
    `$nodes | Restart-IsNode -Rolling -Site (Get-NginxSite -ConfigDirectory '$($nginx.ConfD)' -Session `$s) @nginxAt -TimeoutSeconds 60
    'after roll:' + (`$nodes | Get-IsCoordinator).Coordinator.Name
    'checks:' + (`$nodes | Test-IsCluster -Quiet)
}
finally { `$nodes | Stop-IsNode -Wait }
`$s | Remove-IsSshSession
'done'
"@
            $env:RUNBOOK = $runbook
            $saved = $env:HOME, $env:TMPDIR
            $env:HOME = $runbookHome.FullName
            $env:TMPDIR = $runbookTemp.FullName
            try {
                $pwsh = @($PwshCommand) + @('-NoProfile', '-NonInteractive', '-Command', '& ([scriptblock]::Create($env:RUNBOOK))')
                $output = & timeout 300 bash -c 'exec "$@" < /dev/null' runbook @pwsh 2>&1 | Out-String
            }
            finally { $env:HOME, $env:TMPDIR = $saved }
            $LASTEXITCODE | Should -Be 0 -Because $output
            $output | Should -Match 'coordinator:manager'
            $output | Should -Match 'after roll:manager'
            $output | Should -Match 'checks:True'
            $output | Should -Match 'done'
            # No known_hosts, no key file: the runbook's home has no .ssh (only PowerShell's own caches), and no new file holds the key.
            Join-Path $runbookHome '.ssh' | Should -Not -Exist
            (Get-ChildItem -Force $runbookHome).Name | Where-Object { $_ -notin '.cache', '.local' } | Should -BeNullOrEmpty
            $keyLine = (Get-Content $Sshd.Key)[1]
            # Regular files only (find -type f): a FIFO or socket is never opened.
            $written = @(& find $TestDrive -type f -newermt ($began.ToUniversalTime().ToString('yyyy-MM-dd HH:mm:ss') + ' UTC') -size -1024k)
            $written | Should -Not -BeNullOrEmpty -Because 'the runbook wrote the cluster under the test folder, so the search read something'
            Select-String -LiteralPath $written -SimpleMatch $keyLine -List | Should -BeNullOrEmpty
        }
        finally {
            Remove-Item Env:RUNBOOK, Env:RUNBOOK_KEY, Env:RUNBOOK_FINGERPRINT -ErrorAction Ignore
            Stop-TestNginx $nginx
        }
    }
}
