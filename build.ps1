<#
.SYNOPSIS
    Builds, tests, packages, demonstrates and benchmarks WsoClusterPS.
.DESCRIPTION
    Build   stages the importable module at out/WsoClusterPS/ (the default).
    Test    builds, then runs the xunit tests and the Pester tests against the built module, and
            ends with one line: "N passed, N failed, N skipped".
    Package builds, then writes out/WsoClusterPS.zip with WsoClusterPS/ at its root (the shape
            Azure Automation imports).
    Demo    builds, then runs every step of the cluster recipe that exists on a sandbox folder
            (out/demo, or -Sandbox) and prints what it built.
    Bench   builds, then measures the module against the tools an admin would use instead.
    Where the machine lacks a program a task needs, it is installed with apt-get when running
    as root on Debian or Ubuntu; otherwise the task says what to install.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Bench')]
    [string] $Task = 'Build',
    [string] $Configuration = 'Release',
    [string] $Sandbox
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Tools = Join-Path $Root 'tests/tools'
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'WsoClusterPS'
$ModuleManifest = Join-Path $ModuleOut 'WsoClusterPS.psd1'
. (Join-Path $Tools 'Pwsh.ps1')
. (Join-Path $Tools 'Install-OsPart.ps1')

# Runs a tools/ script in a fresh pwsh, so it imports the module this build staged.
function Invoke-Tool([string] $Script, [string] $Arguments) {
    Invoke-Pwsh "& '$(Join-Path $Tools $Script)' $Arguments"
    if ($LASTEXITCODE -ne 0) { throw "$Script failed (exit code $LASTEXITCODE)." }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $Root 'WsoClusterPS.sln'), '-c', $Configuration, '--nologo', '-v', 'q', '-clp:ErrorsOnly')
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $dependencies = Join-Path $ModuleOut 'dependencies'
    $desktop = Join-Path $dependencies 'desktop'
    New-Item -ItemType Directory -Force -Path $desktop, (Join-Path $ModuleOut 'en-US') | Out-Null

    $bin = { param($project, $framework) Join-Path $Root "src/$project/bin/$Configuration/$framework" }
    Copy-Item (Join-Path $Root 'module/*') $ModuleOut -Recurse
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut
    Copy-Item (Join-Path (& $bin 'WsoClusterPS' 'netstandard2.0') 'WsoClusterPS.dll') $ModuleOut
    Copy-Item (Join-Path (& $bin 'WsoClusterPS.LoadContext' 'net8.0') 'WsoClusterPS.LoadContext.dll') $ModuleOut
    # The engine and its dependencies: net8.0 builds for PowerShell 7 (loaded into the module's
    # own load context), netstandard2.0 builds for Windows PowerShell 5.1.
    Copy-Item (Join-Path (& $bin 'WsoClusterPS.Engine' 'net8.0') '*.dll') $dependencies
    Copy-Item (Join-Path (& $bin 'WsoClusterPS.Engine' 'netstandard2.0') '*.dll') $desktop
    Copy-Precompiled -Framework 'net10.0' -Runtime 'linux-x64' -Dependencies $dependencies
    Copy-Item (Join-Path $Root 'docs/about_*.help.txt') (Join-Path $ModuleOut 'en-US')
    Invoke-Tool 'Build-Help.ps1' "-ModuleManifest '$ModuleManifest' -DocsPath '$(Join-Path $Root 'docs')'"
    Write-Host "Built $ModuleManifest"
}

# ReadyToRun builds of the engine and its dependencies for one runtime and machine, in the
# dependencies/ subfolder the load context takes there (named as DependencyLoadContext names it):
# every fresh pwsh there skips compiling them before its first cmdlet. Files the precompiling
# left as they were are not copied twice.
function Copy-Precompiled([string] $Framework, [string] $Runtime, [string] $Dependencies) {
    $published = Join-Path $Out "precompiled/$Framework-$Runtime"
    if (Test-Path $published) { Remove-Item $published -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/WsoClusterPS.Engine'), '-c', $Configuration, '-f', $Framework, '-r', $Runtime,
        '--self-contained', 'false', '-p:PublishReadyToRun=true', '-o', $published, '--nologo', '-v', 'q', '-clp:ErrorsOnly')
    $target = New-Item -ItemType Directory -Force (Join-Path $Dependencies "$Framework-$Runtime")
    foreach ($file in Get-ChildItem $published -Filter *.dll) {
        $portable = Join-Path $Dependencies $file.Name
        if ((Test-Path $portable) -and (Get-FileHash $portable).Hash -eq (Get-FileHash $file.FullName).Hash) { continue }
        Copy-Item $file.FullName $target
    }
}

function Invoke-Test {
    Install-OsPart $TestParts
    Invoke-Build
    # The tests turn a missing part into a failure, not a skip, only under CI's rules.
    $env:CI = 'true'
    Invoke-Pwsh "& '$(Join-Path $Tools 'Invoke-Tests.ps1')' -Root '$Root' -ModuleManifest '$ModuleManifest' -ResultsPath '$(Join-Path $Out 'test-results')' -Configuration $Configuration"
    if ($LASTEXITCODE -ne 0) { exit 1 }
}

function Invoke-Package {
    Invoke-Build
    $zip = Join-Path $Out 'WsoClusterPS.zip'
    if (Test-Path $zip) { Remove-Item $zip }
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    [IO.Compression.ZipFile]::CreateFromDirectory($ModuleOut, $zip, [IO.Compression.CompressionLevel]::Optimal, $true)
    Write-Host "Packaged $zip"
}

function Invoke-Demo {
    Install-OsPart $TestParts
    Invoke-Build
    $sandboxPath = if ($Sandbox) { $Sandbox } else { Join-Path $Out 'demo' }
    if (Test-Path $sandboxPath) { Remove-Item $sandboxPath -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $sandboxPath | Out-Null
    Invoke-Tool 'Invoke-Demo.ps1' "-ModuleManifest '$ModuleManifest' -Sandbox '$((Resolve-Path $sandboxPath).Path)'"
}

function Invoke-Bench {
    Install-OsPart ($TestParts + @{ wrk = 'wrk' })
    Invoke-Build
    Invoke-Tool 'Invoke-Bench.ps1' "-ModuleManifest '$ModuleManifest' -WorkPath '$(Join-Path $Out 'bench')'"
}

Push-Location $Root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
    }
} finally { Pop-Location }
