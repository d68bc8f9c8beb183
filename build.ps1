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
    Bench   builds, then measures import time and node creation against unzip and cp.
    Where the machine lacks a program a task needs, it is installed with apt-get when running
    as root on Debian or Ubuntu; otherwise the task says what to install.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Bench', 'Help')]
    [string] $Task = 'Build',
    [string] $Configuration = 'Release',
    [string] $Sandbox
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'WsoClusterPS'
$ModuleManifest = Join-Path $ModuleOut 'WsoClusterPS.psd1'
# A fresh pwsh for work that must not share this session: the tool runs as `dotnet pwsh.dll`.
$PwshCommand = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
    @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'))
} else { @([Environment]::ProcessPath) }

function Invoke-Checked {
    param([string] $File, [string[]] $Arguments)
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-FreshPwsh {
    param([string] $Command)
    & $PwshCommand[0] @($PwshCommand | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Command
    if ($LASTEXITCODE -ne 0) { throw "A child pwsh failed (exit code $LASTEXITCODE) running: $Command" }
}

# Programs from the operating system that a task needs, by command => Debian package.
function Install-OsPart {
    param([hashtable] $Parts)
    $missing = @($Parts.Keys | Where-Object { -not (Get-Command $_ -ErrorAction Ignore) } | ForEach-Object { $Parts[$_] } | Sort-Object -Unique)
    if (-not $missing) { return }
    $canInstall = $IsLinux -and (Get-Command apt-get -ErrorAction Ignore) -and ((& id -u) -eq '0')
    if (-not $canInstall) {
        throw "This task needs $($missing -join ', '). Install them (on Debian or Ubuntu: sudo apt-get install -y $($missing -join ' ')), then run again."
    }
    Write-Host "Installing $($missing -join ', ') with apt-get ..."
    Invoke-Checked apt-get @('update', '-qq')
    $env:DEBIAN_FRONTEND = 'noninteractive'
    # Packages such as nginx and mariadb-server start their service on install (nginx on port
    # 80). The tests start their own instances, so tell invoke-rc.d not to, as images do.
    $policy = '/usr/sbin/policy-rc.d'
    $ownPolicy = -not (Test-Path $policy)
    if ($ownPolicy) { Set-Content $policy "#!/bin/sh`nexit 101`n"; & chmod 755 $policy }
    try { Invoke-Checked apt-get (@('install', '-y', '-qq', '--no-install-recommends') + $missing) }
    finally { if ($ownPolicy) { Remove-Item $policy } }
}

function Invoke-Build {
    Invoke-Checked dotnet @('build', (Join-Path $Root 'WsoClusterPS.sln'), '-c', $Configuration, '--nologo', '-v', 'q', '-clp:ErrorsOnly')
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $dependencies = Join-Path $ModuleOut 'dependencies'
    $desktop = Join-Path $dependencies 'desktop'
    New-Item -ItemType Directory -Force -Path $desktop, (Join-Path $ModuleOut 'en-US') | Out-Null

    $bin = { param($project, $framework) Join-Path $Root "src/$project/bin/$Configuration/$framework" }
    Copy-Item (Join-Path $Root 'module/*') $ModuleOut -Recurse
    Copy-Item (Join-Path (& $bin 'WsoClusterPS' 'netstandard2.0') 'WsoClusterPS.dll') $ModuleOut
    Copy-Item (Join-Path (& $bin 'WsoClusterPS.LoadContext' 'net8.0') 'WsoClusterPS.LoadContext.dll') $ModuleOut
    # The engine and its dependencies: net8.0 builds for PowerShell 7 (loaded into the module's
    # own load context), netstandard2.0 builds for Windows PowerShell 5.1.
    Copy-Item (Join-Path (& $bin 'WsoClusterPS.Engine' 'net8.0') '*.dll') $dependencies
    Copy-Item (Join-Path (& $bin 'WsoClusterPS.Engine' 'netstandard2.0') '*.dll') $desktop
    Copy-Item (Join-Path $Root 'docs/about_*.help.txt') (Join-Path $ModuleOut 'en-US')
    Invoke-FreshPwsh "& '$PSCommandPath' -Task Help -Configuration $Configuration"
    Write-Host "Built $ModuleManifest"
}

#region Help: docs/<cmdlet>.md -> en-US/WsoClusterPS.dll-Help.xml (MAML)
function Read-DocPage {
    param([string] $Path)
    $page = @{ Sections = [ordered]@{}; Subsections = @{} }
    $section = $null; $sub = $null
    foreach ($line in Get-Content $Path) {
        if ($line -match '^## (.+)$') { $section = $Matches[1].Trim(); $sub = $null; $page.Sections[$section] = [Collections.Generic.List[string]]::new(); $page.Subsections[$section] = [ordered]@{}; continue }
        if ($line -match '^### (.+)$' -and $section) { $sub = $Matches[1].Trim(); $page.Subsections[$section][$sub] = [Collections.Generic.List[string]]::new(); continue }
        if (-not $section) { continue }
        if ($sub) { $page.Subsections[$section][$sub].Add($line) } else { $page.Sections[$section].Add($line) }
    }
    $page
}

# Splits markdown lines into plain paragraphs (list items on their own), without code fences.
function ConvertTo-Paragraph {
    param([string[]] $Lines)
    $paragraphs = [Collections.Generic.List[string]]::new()
    $current = [Collections.Generic.List[string]]::new()
    $flush = { if ($current.Count) { $paragraphs.Add(($current -join ' ').Replace('`', '')); $current.Clear() } }
    $inCode = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inCode = -not $inCode; & $flush; continue }
        if ($inCode) { continue }
        if (-not $line.Trim()) { & $flush; continue }
        if ($line -match '^\s*- ') { & $flush; $current.Add($line.Trim()) ; continue }
        $current.Add($line.Trim())
    }
    & $flush
    , $paragraphs
}

function Write-Paragraphs {
    param([Xml.XmlWriter] $Writer, [string[]] $Lines)
    $Writer.WriteStartElement('maml', 'description', $maml)
    foreach ($paragraph in (ConvertTo-Paragraph $Lines)) { $Writer.WriteElementString('maml', 'para', $maml, $paragraph) }
    $Writer.WriteEndElement()
}

function Invoke-HelpBuild {
    Import-Module $ModuleManifest -Force
    $script:maml = 'http://schemas.microsoft.com/maml/2004/10'
    $command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    $dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
    $settings = [Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false) }
    $writer = [Xml.XmlWriter]::Create((Join-Path $ModuleOut 'en-US/WsoClusterPS.dll-Help.xml'), $settings)
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    # -WhatIf and -Confirm are documented with each cmdlet; the other common parameters are not.
    $common = [Management.Automation.Cmdlet]::CommonParameters
    foreach ($cmd in Get-Command -Module WsoClusterPS -CommandType Cmdlet | Sort-Object Name) {
        $docPath = Join-Path $Root "docs/$($cmd.Name).md"
        if (-not (Test-Path $docPath)) { throw "$($cmd.Name) has no docs page: write $docPath." }
        $page = Read-DocPage $docPath
        foreach ($required in 'Synopsis', 'Description', 'Parameters', 'Examples') {
            if (-not $page.Sections.Contains($required)) { throw "$docPath has no '## $required' section." }
        }
        # Positional parameters first, then the pipeline input, then the rest as declared.
        $parameters = @($cmd.Parameters.Values | Where-Object { $_.Name -notin $common } | Sort-Object -Stable {
            $first = $_.ParameterSets.Values | Select-Object -First 1
            if ($first.Position -ge 0) { $first.Position } elseif ($first.ValueFromPipeline) { 50 } else { 100 }
        })
        foreach ($parameter in $parameters) {
            if (-not $page.Subsections['Parameters'].Contains("-$($parameter.Name)")) { throw "$docPath does not describe -$($parameter.Name) (add '### -$($parameter.Name)')." }
        }

        $writer.WriteStartElement('command', 'command', $command)
        $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
        $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)
        $writer.WriteStartElement('command', 'details', $command)
        $writer.WriteElementString('command', 'name', $command, $cmd.Name)
        Write-Paragraphs $writer $page.Sections['Synopsis']
        $writer.WriteElementString('command', 'verb', $command, $cmd.Verb)
        $writer.WriteElementString('command', 'noun', $command, $cmd.Noun)
        $writer.WriteEndElement()
        Write-Paragraphs $writer $page.Sections['Description']

        $describe = {
            param($parameter, $set, [bool] $withDescription)
            $metadata = $parameter.ParameterSets[$set]
            if (-not $metadata) { $metadata = $parameter.ParameterSets['__AllParameterSets'] }
            $writer.WriteStartElement('command', 'parameter', $command)
            $writer.WriteAttributeString('required', $metadata.IsMandatory.ToString().ToLower())
            $writer.WriteAttributeString('globbing', 'false')
            $pipeline = @(if ($metadata.ValueFromPipeline) { 'ByValue' }; if ($metadata.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
            $writer.WriteAttributeString('pipelineInput', $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
            $writer.WriteAttributeString('position', $(if ($metadata.Position -ge 0) { [string]$metadata.Position } else { 'named' }))
            $writer.WriteElementString('maml', 'name', $maml, $parameter.Name)
            if ($withDescription) { Write-Paragraphs $writer $page.Subsections['Parameters']["-$($parameter.Name)"] }
            if ($parameter.ParameterType -ne [Management.Automation.SwitchParameter]) {
                $writer.WriteStartElement('command', 'parameterValue', $command)
                $writer.WriteAttributeString('required', 'true')
                $writer.WriteString($parameter.ParameterType.Name)
                $writer.WriteEndElement()
            }
            if ($withDescription) {
                $writer.WriteStartElement('dev', 'type', $dev)
                $writer.WriteElementString('maml', 'name', $maml, $parameter.ParameterType.FullName)
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()
        }

        $writer.WriteStartElement('command', 'syntax', $command)
        foreach ($set in $cmd.ParameterSets) {
            $writer.WriteStartElement('command', 'syntaxItem', $command)
            $writer.WriteElementString('maml', 'name', $maml, $cmd.Name)
            foreach ($parameter in $parameters | Where-Object { $_.ParameterSets.ContainsKey($set.Name) -or $_.ParameterSets.ContainsKey('__AllParameterSets') }) {
                & $describe $parameter $set.Name $false
            }
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'parameters', $command)
        foreach ($parameter in $parameters) { & $describe $parameter ($parameter.ParameterSets.Keys | Select-Object -First 1) $true }
        $writer.WriteEndElement()

        foreach ($kind in @(@('Inputs', 'inputTypes', 'inputType'), @('Outputs', 'returnValues', 'returnValue'))) {
            if (-not $page.Sections.Contains($kind[0])) { continue }
            $writer.WriteStartElement('command', $kind[1], $command)
            foreach ($type in $page.Subsections[$kind[0]].Keys) {
                $writer.WriteStartElement('command', $kind[2], $command)
                $writer.WriteStartElement('dev', 'type', $dev)
                $writer.WriteElementString('maml', 'name', $maml, $type)
                $writer.WriteEndElement()
                Write-Paragraphs $writer $page.Subsections[$kind[0]][$type]
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()
        }

        if ($page.Sections.Contains('Notes')) {
            $writer.WriteStartElement('maml', 'alertSet', $maml)
            $writer.WriteStartElement('maml', 'alert', $maml)
            foreach ($paragraph in (ConvertTo-Paragraph $page.Sections['Notes'])) { $writer.WriteElementString('maml', 'para', $maml, $paragraph) }
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }

        $writer.WriteStartElement('command', 'examples', $command)
        foreach ($title in $page.Subsections['Examples'].Keys) {
            $lines = $page.Subsections['Examples'][$title]
            $code = [Collections.Generic.List[string]]::new(); $inCode = $false
            foreach ($line in $lines) {
                if ($line -match '^```') { $inCode = -not $inCode; continue }
                if ($inCode) { $code.Add($line) }
            }
            if (-not $code.Count) { throw "$docPath, example '$title', has no code block." }
            $writer.WriteStartElement('command', 'example', $command)
            $writer.WriteElementString('maml', 'title', $maml, "-------------------------- $title --------------------------")
            $writer.WriteElementString('dev', 'code', $dev, ($code -join "`n"))
            $writer.WriteStartElement('dev', 'remarks', $dev)
            foreach ($paragraph in (ConvertTo-Paragraph $lines)) { $writer.WriteElementString('maml', 'para', $maml, $paragraph) }
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        if ($page.Sections.Contains('Related links')) {
            $writer.WriteStartElement('command', 'relatedLinks', $command)
            foreach ($link in $page.Sections['Related links'] | Where-Object { $_ -match '^\s*- (.+)$' } | ForEach-Object { $Matches[1].Trim() }) {
                $writer.WriteStartElement('maml', 'navigationLink', $maml)
                $writer.WriteElementString('maml', 'linkText', $maml, $(if ($link -match '^https?://') { '' } else { $link }))
                $writer.WriteElementString('maml', 'uri', $maml, $(if ($link -match '^https?://') { $link } else { '' }))
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
    $writer.Dispose()
}
#endregion

# What the tests start for real, by a command each package brings; unzip unpacks packs over SSH,
# sudo runs the privileged steps of SSH users who are not root.
$TestParts = @{
    nginx = 'nginx'; 'mariadb-install-db' = 'mariadb-server'; mariadb = 'mariadb-client'
    sshd = 'openssh-server'; 'ssh-keygen' = 'openssh-client'; unzip = 'unzip'; sudo = 'sudo'
}

function Invoke-Test {
    Install-OsPart $TestParts
    Invoke-Build
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $results | Out-Null
    $totals = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }

    Write-Host "`n== xunit (engine units and in-process cmdlets)"
    & dotnet test (Join-Path $Root 'tests/WsoClusterPS.Tests') -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=normal' --results-directory $results
    $xunitExit = $LASTEXITCODE
    $trx = Join-Path $results 'xunit.trx'
    if (Test-Path $trx) {
        $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
        $totals.Passed += [int]$counters.passed
        $totals.Failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        # A skipped xunit test shows only as the gap between total and executed in the TRX counters.
        $totals.Skipped += [int]$counters.total - [int]$counters.executed
        if ($xunitExit -ne 0 -and [int]$counters.failed -eq 0) { $totals.Failed++; Write-Host "xunit exited with $xunitExit." }
    } else { $totals.Failed++; Write-Host 'xunit wrote no results: counted as one failure.' }

    Write-Host "`n== Pester (the built module, end to end)"
    $pesterModule = Join-Path (& dotnet nuget locals global-packages --list --force-english-output).Split(': ', 2)[1].Trim() 'pester/5.7.1/tools/Pester.psd1'
    $pesterJson = Join-Path $results 'pester.json'
    $env:WSOCLUSTERPS_MODULE = $ModuleManifest
    try {
        & $PwshCommand[0] @($PwshCommand | Select-Object -Skip 1) -NoProfile -NonInteractive -Command @"
Import-Module '$pesterModule' -MinimumVersion 5.7.1
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $Root 'tests/pester')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputPath = '$(Join-Path $results 'pester.xml')'
`$r = Invoke-Pester -Configuration `$config
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount; Skipped = `$r.SkippedCount + `$r.NotRunCount } | ConvertTo-Json | Set-Content '$pesterJson'
"@
    } finally { Remove-Item Env:WSOCLUSTERPS_MODULE }
    if (Test-Path $pesterJson) {
        $pester = Get-Content $pesterJson -Raw | ConvertFrom-Json
        foreach ($key in @($totals.Keys)) { $totals[$key] += [int]$pester.$key }
    } else { $totals.Failed++; Write-Host 'Pester wrote no results: counted as one failure.' }

    Write-Host ''
    Write-Host "$($totals.Passed) passed, $($totals.Failed) failed, $($totals.Skipped) skipped"
    if ($totals.Failed -gt 0) { exit 1 }
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
    $sandboxPath = (Resolve-Path $sandboxPath).Path
    Invoke-FreshPwsh "& '$(Join-Path $Root 'tests/tools/Invoke-Demo.ps1')' -ModuleManifest '$ModuleManifest' -Sandbox '$sandboxPath'"
}

function Invoke-Bench {
    Install-OsPart ($TestParts + @{ wrk = 'wrk' })
    Invoke-Build
    Invoke-FreshPwsh "& '$(Join-Path $Root 'tests/tools/Invoke-Bench.ps1')' -ModuleManifest '$ModuleManifest' -WorkPath '$(Join-Path $Out 'bench')' -PwshCommand '$($PwshCommand -join "','")'"
}

Push-Location $Root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Help' { Invoke-HelpBuild }
    }
} finally { Pop-Location }
