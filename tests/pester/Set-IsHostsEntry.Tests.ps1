BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Set-IsHostsEntry' {
    BeforeEach {
        $script:Hosts = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        Set-Content -LiteralPath $Hosts "127.0.0.1`tlocalhost"
    }

    It 'loses no entry when two admins add theirs at the same time' {
        $script = { param($prefix) "1..20 | ForEach-Object { Set-IsHostsEntry -Hostname `"$prefix`$_.is`" -Address 10.0.0.`$_ -Path '$Hosts' | Out-Null }" }
        $command = { param($prefix) "`$ErrorActionPreference = 'Stop'; Import-Module '$ModuleManifest'; $(& $script $prefix)" }
        $runs = foreach ($prefix in 'a', 'b') {
            Start-Process -FilePath $PwshCommand[0] -PassThru -NoNewWindow -RedirectStandardError (Join-Path $TestDrive "$prefix.err") `
                -ArgumentList (@($PwshCommand | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', (& $command $prefix)))
        }
        $runs | Wait-Process -Timeout 300
        foreach ($run in $runs) { $run.WaitForExit(); $run.ExitCode | Should -Be 0 -Because ((Get-Content -Raw (Join-Path $TestDrive 'a.err'), (Join-Path $TestDrive 'b.err')) -replace '\x1b\[[0-9;]*m') }
        $names = Get-Content -LiteralPath $Hosts | ForEach-Object { ($_ -split '\s+')[1] }
        foreach ($prefix in 'a', 'b') { foreach ($i in 1..20) { $names | Should -Contain "$prefix$i.is" } }
        $names.Count | Should -Be 41
        Get-ChildItem -Force (Split-Path $Hosts) | Where-Object Name -like ".$(Split-Path -Leaf $Hosts).*" | Should -BeNullOrEmpty
    }

    It 'refuses a read-only hosts file without -Force and replaces it with -Force, keeping its mode' {
        chmod 444 $Hosts
        { Set-IsHostsEntry wso2.is 10.0.0.10 -Path $Hosts -ErrorAction Stop } | Should -Throw '*is read-only*Give -Force*'
        Get-Content -Raw -LiteralPath $Hosts | Should -Not -Match 'wso2.is'
        Set-IsHostsEntry wso2.is 10.0.0.10 -Path $Hosts -Force | Out-Null
        Get-Content -Raw -LiteralPath $Hosts | Should -Match '10\.0\.0\.10\twso2\.is'
        [int](Get-Item -LiteralPath $Hosts).UnixFileMode | Should -Be ([Convert]::ToInt32('444', 8))
    }
}
