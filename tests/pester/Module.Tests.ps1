BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Cmdlets = @('New-IsClusterNode', 'Get-IsClusterNode', 'Set-IsClustering', 'Set-IsDatabase', 'New-NginxUpstream', 'Invoke-NginxReload', 'Start-IsNode', 'Stop-IsNode', 'Restart-IsNode', 'Get-NginxSite', 'Get-IsCoordinator', 'Test-IsCluster', 'Set-IsHostsEntry', 'Protect-IsSecret', 'New-IsSshSession', 'Get-IsSshSession', 'Remove-IsSshSession')
}

Describe 'The WsoClusterPS module' {
    It 'declares both editions, PowerShell 5.1 and an explicit cmdlet list' {
        $manifest = Import-PowerShellDataFile $ModuleManifest
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.CmdletsToExport | Should -Not -Contain '*'
        $manifest.RootModule | Should -Be 'WsoClusterPS.dll'
        (Get-Command -Module WsoClusterPS).Name | Sort-Object | Should -Be ($Cmdlets | Sort-Object)
    }

    It 'ships the engine and its dependencies only under dependencies/' {
        $module = Split-Path $ModuleManifest
        Get-ChildItem $module -Filter *.dll | ForEach-Object Name | Sort-Object | Should -Be @('WsoClusterPS.dll', 'WsoClusterPS.LoadContext.dll')
        Join-Path $module 'dependencies/WsoClusterPS.Engine.dll' | Should -Exist
        Join-Path $module 'dependencies/Tomlyn.dll' | Should -Exist
        Join-Path $module 'dependencies/desktop/WsoClusterPS.Engine.dll' | Should -Exist
        Join-Path $module 'dependencies/desktop/System.Text.Json.dll' | Should -Exist
    }

    It 'loads the engine and Tomlyn into its own load context, not the default one' {
        # A node folder with a deployment.toml: reading it needs Tomlyn, whatever ran before.
        $conf = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'toml-only/repository/conf')
        Set-Content (Join-Path $conf 'deployment.toml') "[server]`nhostname = `"wso2.is`""
        Get-IsClusterNode -Path (Join-Path $TestDrive 'toml-only') -ErrorAction SilentlyContinue
        foreach ($name in 'WsoClusterPS.Engine', 'Tomlyn') {
            $assembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $name }
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name | Should -Be 'WsoClusterPS'
        }
    }

    It 'keeps its own Tomlyn when the session already loaded another copy of it' {
        $decoy = Join-Path $TestDrive 'decoy'
        New-Item -ItemType Directory $decoy | Out-Null
        Copy-Item (Join-Path (Split-Path $ModuleManifest) 'dependencies/desktop/Tomlyn.dll') $decoy
        $result = Invoke-FreshPwsh -WorkingDirectory $TestDrive -Prelude "`$decoy = [Reflection.Assembly]::LoadFrom('$decoy/Tomlyn.dll')" -Script @"
`$pack = & '$RepoRoot/tests/tools/New-StandInPack.ps1' -Destination ./decoy-pack
New-IsClusterNode `$pack ./decoy-node -ClusterHost 10.0.0.4 | Set-IsClustering -Hostname wso2.is
'hostname:' + (Get-IsClusterNode ./decoy-node).Hostname
'decoy:' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$decoy).Name
'ours:' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Tomlyn' -and `$_ -ne `$decoy })).Name
"@
        $result.ExitCode | Should -Be 0 -Because $result.Text
        $result.Text | Should -Match 'hostname:wso2\.is'
        $result.Text | Should -Match 'decoy:Default'
        $result.Text | Should -Match 'ours:WsoClusterPS'
    }

    It 'has full help with a description and examples for <_>' -ForEach @('New-IsClusterNode', 'Get-IsClusterNode', 'Set-IsClustering', 'Set-IsDatabase', 'New-NginxUpstream', 'Invoke-NginxReload', 'Start-IsNode', 'Stop-IsNode', 'Restart-IsNode', 'Get-NginxSite', 'Get-IsCoordinator', 'Test-IsCluster', 'Set-IsHostsEntry', 'Protect-IsSecret', 'New-IsSshSession', 'Get-IsSshSession', 'Remove-IsSshSession') {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\S+ \['   # not the generated syntax stand-in
        ($help.description | Out-String).Trim().Length | Should -BeGreaterThan 100
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($parameter in $help.parameters.parameter) { ($parameter.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.name) is described" }
    }

    It 'has an about topic' {
        Get-Help about_WsoClusterPS | Out-String | Should -Match 'WKA clustering'
    }
}
