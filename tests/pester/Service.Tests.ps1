BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Pack = New-TestPack -Destination (Join-Path $TestDrive 'pack')
}

# The local host, end to end: a fresh pwsh in a mount namespace of its own, where a stand-in systemctl
# (tests/tools/standin-systemctl.sh, which records its calls) and this test's unit folder sit at
# /usr/bin/systemctl and /etc/systemd/system, so the module works at the real places and the machine's are never touched.
Describe 'Install-IsNodeService on this machine' {
    BeforeAll {
        $script:CannotRun = if ((& id -u) -ne '0') { 'only root may bind folders in a mount namespace' }
            elseif (-not (Test-Path /usr/bin/systemctl) -or -not (Test-Path /etc/systemd/system)) { 'systemd is not installed (build.ps1 -Task Test installs it)' }
            elseif (-not (Get-Command unshare -ErrorAction Ignore)) { 'unshare is missing' }
    }

    It 'writes a unit systemd accepts, starts, shows and stops the node through systemctl, and removes the unit' -Skip:($env:CI -ne 'true' -and $CannotRun) {
        $units = (New-Item -ItemType Directory (Join-Path $TestDrive 'units')).FullName
        $calls = Join-Path $TestDrive 'calls'
        Set-Content $calls '' -NoNewline
        $systemctl = Join-Path $TestDrive 'systemctl'
        (Get-Content -Raw (Join-Path $RepoRoot 'tests/tools/standin-systemctl.sh')).Replace('@UNITS@', '/etc/systemd/system').Replace('@CALLS@', $calls) |
            Set-Content $systemctl -NoNewline
        & chmod 755 $systemctl
        $nodeHome = Join-Path $TestDrive 'node'
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
`$n = New-IsClusterNode '$Pack' '$nodeHome' -Offset $(Get-FreeIsOffset) -ClusterHost 127.0.0.1 -ClusterPort $(Get-FreePort)
`$n | Install-IsNodeService -JavaHome /usr -WarningAction SilentlyContinue
systemd-analyze verify /etc/systemd/system/wso2is-node.service 2>&1 | ForEach-Object { "VERIFY: `$_" }
`$n | Start-IsNode -Wait -TimeoutSeconds 60
`$now = Get-IsClusterNode -Path '$nodeHome'
"STATE=`$(`$now.State) SERVICE=`$(`$now.Service)"
`$n | Stop-IsNode -Wait
`$n | Uninstall-IsNodeService
"@
        $bind = 'mount --bind "$1" /etc/systemd/system && mount --bind "$2" /usr/bin/systemctl && shift 2 && exec "$@"'
        $output = & unshare --mount --propagation private -- sh -c $bind sh $units $systemctl @PwshCommand -NoProfile -NonInteractive -Command $script 2>&1
        $text = $output -join "`n"
        $LASTEXITCODE | Should -Be 0 -Because $text
        $text | Should -Match 'STATE=Running SERVICE=wso2is-node\.service'
        $text | Should -Not -Match 'VERIFY:'
        Get-Content $calls | Should -Be @('daemon-reload', 'enable wso2is-node.service', 'start wso2is-node.service', 'stop wso2is-node.service',
            'disable wso2is-node.service', 'daemon-reload')
        Get-ChildItem $units -Recurse -File | Should -BeNullOrEmpty
        Test-Path "/proc/$((Get-Content (Join-Path $nodeHome 'wso2carbon.pid')).Trim())" | Should -BeFalse
    }
}
