BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Cmdlets = @('New-IsClusterNode', 'Get-IsClusterNode', 'Set-IsClustering', 'Set-IsDatabase', 'New-NginxUpstream', 'Invoke-NginxReload', 'Start-IsNode', 'Stop-IsNode', 'Restart-IsNode', 'Install-IsNodeService', 'Uninstall-IsNodeService', 'Get-NginxSite', 'Get-IsCoordinator', 'Test-IsCluster', 'Compare-IsClusterNode', 'Set-IsKeystore', 'Get-IsNodeLog', 'Set-IsHostsEntry', 'Protect-IsSecret', 'New-IsSshSession', 'Get-IsSshSession', 'Remove-IsSshSession', 'Get-IsClusterPlan', 'Invoke-IsClusterPlan', 'Export-IsClusterSpec')
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

    It 'ships the engine, Tomlyn, SSH.NET and MySqlConnector precompiled for PowerShell 7.6 on linux-x64, and BouncyCastle once' {
        $precompiled = Join-Path (Split-Path $ModuleManifest) 'dependencies/net10.0-linux-x64'
        foreach ($name in 'WsoClusterPS.Engine', 'Tomlyn', 'Renci.SshNet', 'MySqlConnector') {
            $reader = [Reflection.PortableExecutable.PEReader]::new([IO.File]::OpenRead((Join-Path $precompiled "$name.dll")))
            try { $reader.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size | Should -BeGreaterThan 0 -Because "$name.dll holds ReadyToRun code" }
            finally { $reader.Dispose() }
        }
        Join-Path $precompiled 'BouncyCastle.Cryptography.dll' | Should -Not -Exist
    }

    It 'loads the engine and Tomlyn into its own load context, not the default one' {
        # A node folder with a deployment.toml: reading it needs Tomlyn, whatever ran before.
        $conf = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'toml-only/repository/conf')
        Set-Content (Join-Path $conf 'deployment.toml') "[server]`nhostname = `"wso2.is`""
        Get-IsClusterNode -Path (Join-Path $TestDrive 'toml-only') -ErrorAction SilentlyContinue
        # Precompiled code runs only on the runtime, system and architecture it was compiled for.
        $here = [Environment]::Version.Major -eq 10 -and $IsLinux -and [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64'
        $folder = Join-Path (Split-Path $ModuleManifest) ($here ? 'dependencies/net10.0-linux-x64' : 'dependencies')
        foreach ($name in 'WsoClusterPS.Engine', 'Tomlyn') {
            $assembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $name }
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name | Should -Be 'WsoClusterPS'
            Split-Path $assembly.Location | Should -Be $folder
        }
    }

    It 'loads its portable builds where no precompiled folder matches' {
        $copy = Join-Path $TestDrive 'portable/WsoClusterPS'
        Copy-Item (Split-Path $ModuleManifest) $copy -Recurse
        Get-ChildItem (Join-Path $copy 'dependencies') -Directory -Filter 'net*' | Remove-Item -Recurse
        $conf = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'portable-node/repository/conf')
        Set-Content (Join-Path $conf 'deployment.toml') "[server]`nhostname = `"wso2.is`""
        $output = Invoke-Pwsh "`$ErrorActionPreference = 'Stop'; Import-Module '$copy/WsoClusterPS.psd1'; 'hostname:' + (Get-IsClusterNode '$TestDrive/portable-node').Hostname; 'engine:' + ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'WsoClusterPS.Engine' }).Location" 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -Match 'hostname:wso2\.is'
        $output | Should -Match ([regex]::Escape("engine:$copy/dependencies/WsoClusterPS.Engine.dll"))
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

    It 'has full help with a description and examples for <_>' -ForEach @('New-IsClusterNode', 'Get-IsClusterNode', 'Set-IsClustering', 'Set-IsDatabase', 'New-NginxUpstream', 'Invoke-NginxReload', 'Start-IsNode', 'Stop-IsNode', 'Restart-IsNode', 'Install-IsNodeService', 'Uninstall-IsNodeService', 'Get-NginxSite', 'Get-IsCoordinator', 'Test-IsCluster', 'Compare-IsClusterNode', 'Set-IsKeystore', 'Get-IsNodeLog', 'Set-IsHostsEntry', 'Protect-IsSecret', 'New-IsSshSession', 'Get-IsSshSession', 'Remove-IsSshSession', 'Get-IsClusterPlan', 'Invoke-IsClusterPlan', 'Export-IsClusterSpec') {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\S+ \['   # not the generated syntax stand-in
        ($help.description | Out-String).Trim().Length | Should -BeGreaterThan 100
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($parameter in $help.parameters.parameter) { ($parameter.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.name) is described" }
    }

    It 'opens <_>.md in the repository with -Online, and its MAML names the same link first' -ForEach @('New-IsClusterNode', 'Get-IsClusterNode', 'Set-IsClustering', 'Set-IsDatabase', 'New-NginxUpstream', 'Invoke-NginxReload', 'Start-IsNode', 'Stop-IsNode', 'Restart-IsNode', 'Install-IsNodeService', 'Uninstall-IsNodeService', 'Get-NginxSite', 'Get-IsCoordinator', 'Test-IsCluster', 'Compare-IsClusterNode', 'Set-IsKeystore', 'Get-IsNodeLog', 'Set-IsHostsEntry', 'Protect-IsSecret', 'New-IsSshSession', 'Get-IsSshSession', 'Remove-IsSshSession', 'Get-IsClusterPlan', 'Invoke-IsClusterPlan', 'Export-IsClusterSpec') {
        $project = (Import-PowerShellDataFile $ModuleManifest).PrivateData.PSData.ProjectUri
        (Get-Command $_).HelpUri | Should -Be "$project/blob/main/docs/$_.md"
        Join-Path $RepoRoot "docs/$_.md" | Should -Exist
        @((Get-Help $_).relatedLinks.navigationLink)[0].uri | Should -Be (Get-Command $_).HelpUri
    }

    It 'takes syntax, defaults, aliases, wildcards and pipeline input from the code' {
        (Get-Help New-IsSshSession -Parameter Port).defaultValue | Should -Be '22'
        (Get-Help New-IsSshSession -Parameter ConnectTimeout).defaultValue | Should -Be '15'
        (Get-Help Restart-IsNode -Parameter DrainSeconds).defaultValue | Should -Be '30'
        $path = Get-Help Get-IsClusterNode -Parameter Path
        ($path.aliases, $path.globbing, $path.pipelineInput) | Should -Be @('Home, FullName', 'true', 'True (ByValue, ByPropertyName)')
        (Get-Help New-IsClusterNode -Parameter PackPath).pipelineInput | Should -Be 'True (ByPropertyName)'
        $syntax = (Get-Help Get-IsClusterNode).syntax.syntaxItem.parameter.name
        $syntax | Should -Contain 'Session'
        Get-ChildItem (Join-Path $RepoRoot 'docs/*-*.md') | Select-String -Pattern '^## Syntax' | Should -BeNullOrEmpty
    }

    It 'stops the help build when a page describes a parameter the cmdlet lacks, or misses one' {
        $docs = Join-Path $TestDrive 'docs'
        Copy-Item (Join-Path $RepoRoot 'docs') $docs -Recurse
        $page = Join-Path $docs 'Get-IsCoordinator.md'
        (Get-Content $page -Raw).Replace("## Parameters`n", "## Parameters`n`n### -NoSuchThing`nIt does not exist.`n") | Set-Content $page
        # The error is wrapped to the console's width: compare with the line breaks made spaces.
        $build = { (Invoke-Pwsh "& '$RepoRoot/tests/tools/Build-Help.ps1' -ModuleManifest '$ModuleManifest' -DocsPath '$docs' -OutputPath '$TestDrive/help.xml'" 2>&1 | Out-String) -replace '\s*\|?\s*\n\s*\|?\s*', ' ' }
        $output = & $build
        $LASTEXITCODE | Should -Not -Be 0
        $output | Should -Match 'describes -NoSuchThing, which Get-IsCoordinator does not have'
        Copy-Item (Join-Path $RepoRoot 'docs/Get-IsCoordinator.md') $docs
        $page = Join-Path $docs 'Stop-IsNode.md'
        (Get-Content $page -Raw) -replace '(?s)### -DrainSeconds.*?(?=### )', '' | Set-Content $page
        $output = & $build
        $LASTEXITCODE | Should -Not -Be 0
        $output | Should -Match 'does not describe -DrainSeconds'
    }

    It 'gives every error a recommended action' {
        Get-IsClusterNode -Path (Join-Path $TestDrive 'no-such-node') -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].ErrorDetails.RecommendedAction | Should -Be 'Check the path, name or id the message names.'
        $failed[0].ErrorDetails.Message | Should -Match 'no-such-node'
    }

    It 'is ready for the PowerShell Gallery: published to a file repository, installed back and imported' {
        $manifest = Import-PowerShellDataFile $ModuleManifest
        $manifest.PrivateData.PSData.LicenseUri | Should -Be "$($manifest.PrivateData.PSData.ProjectUri)/blob/main/LICENSE"
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Match 'docs/release-notes\.md$'
        $manifest.PrivateData.PSData.Tags | Should -Contain 'WSO2'
        Join-Path $RepoRoot 'LICENSE' | Should -Exist
        Join-Path $RepoRoot 'docs/release-notes.md' | Should -Exist
        # A home of its own: the repository list and the installed module stay out of the user's.
        $galleryHome = Join-Path $TestDrive 'gallery-home'
        $repository = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'gallery')
        $saved = $env:HOME
        try {
            $env:HOME = $galleryHome
            $output = Invoke-Pwsh @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name local -Uri '$repository' -Trusted
Publish-PSResource -Path '$(Split-Path $ModuleManifest)' -Repository local
Install-PSResource WsoClusterPS -Repository local -TrustRepository -Scope CurrentUser
Import-Module WsoClusterPS
'installed:' + (Get-Module WsoClusterPS).ModuleBase
'cmdlets:' + (Get-Command -Module WsoClusterPS).Count
"@ 2>&1 | Out-String
        }
        finally { $env:HOME = $saved }
        $LASTEXITCODE | Should -Be 0 -Because $output
        Join-Path $repository 'WsoClusterPS.0.1.0.nupkg' | Should -Exist
        $output | Should -Match "installed:$([regex]::Escape($galleryHome))"
        $output | Should -Match "cmdlets:$($Cmdlets.Count)"
    }

    It 'shows whole paths and member states at 80 columns' {
        Push-Location $TestDrive
        try {
            $pack = New-TestPack -Destination (Join-Path $TestDrive 'view-pack')
            $nodes = @(New-IsClusterNode $pack ./view-manager -Role Manager -ClusterHost 10.0.0.4; New-IsClusterNode $pack ./view-worker -Offset 1 -ClusterHost 10.0.0.4)
            $table = $nodes | Out-String -Width 80
            # Whole, though a long one wraps onto the next line rather than being cut.
            foreach ($node in $nodes) { ($table -replace '\s', '') | Should -Match ([regex]::Escape($node.Home)) }
            $agent = 'INFO {org.wso2.carbon.hazelcast.HazelcastClusteringAgent} -'
            foreach ($i in 0, 1) {
                $id = "6a66cf34-111$i-4e3c-b6b5-343dd6c90938"
                $lines = @("TID: [-1234] [] [2026-11-27 10:00:0$i,000] []  $agent Local member: [$id] - Host:10.0.0.4, Remote Host:null, Port: 400$i, HTTP:976$(3 + $i), HTTPS:944$(3 + $i), Domain: wso2.carbon.domain, Sub-domain:worker, Active:true")
                if ($i -eq 0) { $lines += "TID: [-1234] [] [2026-11-27 10:00:05,000] []  $agent Elected this member [$id] as the Coordinator node" }
                Set-Content (Join-Path $nodes[$i].Home 'repository/logs/wso2carbon.log') $lines
            }
            $members = ($nodes | Get-IsCoordinator).Members | Out-String -Width 80
            $members | Should -Match 'Node\s+State\s+Address\s+MemberId'
            $members | Should -Match 'view-worker\s+\w+\s+10\.0\.0\.4:4001\s+6a66cf34-1111-4e3c-b6b5-343dd6c90938'
        }
        finally { Pop-Location }
    }

    It 'has an about topic' {
        Get-Help about_WsoClusterPS | Out-String | Should -Match 'WKA clustering'
    }
}
