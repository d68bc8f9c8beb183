# Shared by the Pester files: the built module, stand-in packs and a fresh pwsh.
$script:ModuleManifest = if ($env:WSOCLUSTERPS_MODULE) { $env:WSOCLUSTERPS_MODULE } else { Join-Path $PSScriptRoot '../../out/WsoClusterPS/WsoClusterPS.psd1' }
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
. (Join-Path $PSScriptRoot '../tools/Pwsh.ps1')

# A manager and a worker (offset 1) made from the pack in the current location.
function New-TestNodePair([string] $Pack) {
    New-IsClusterNode $Pack ./manager -Role Manager -ClusterHost 10.0.0.4
    New-IsClusterNode $Pack ./worker -Offset 1 -ClusterHost 10.0.0.4
}

function New-TestPack {
    param([string] $Destination, [switch] $AsFolder)
    & (Join-Path $RepoRoot 'tests/tools/New-StandInPack.ps1') -Destination $Destination -AsFolder:$AsFolder
}

# Runs a script in a new pwsh with the module imported (after -Prelude, when given); returns
# everything it printed and its exit code.
function Invoke-FreshPwsh {
    param([string] $Script, [string] $WorkingDirectory = (Get-Location).Path, [string] $Prelude = '')
    $command = "`$ErrorActionPreference = 'Stop'; Set-Location -LiteralPath '$WorkingDirectory'; $Prelude; Import-Module '$ModuleManifest'; $Script"
    $output = Invoke-Pwsh $command 2>&1
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = ($output | Out-String) }
}

# A full path: .NET calls such as [IO.File]::ReadAllText resolve relative paths against the process folder.
function Get-TomlPath([string] $NodeHome) { Join-Path (Resolve-Path -LiteralPath $NodeHome).ProviderPath 'repository/conf/deployment.toml' }

# Real parts (nginx), free ports and certificates, shared with the Demo and the benchmarks.
. (Join-Path $PSScriptRoot '../tools/Sandbox.ps1')
