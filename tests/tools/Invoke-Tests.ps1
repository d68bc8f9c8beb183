<#
.SYNOPSIS
    Runs every test (xunit, then Pester against the built module) and ends with one line:
    "N passed, N failed, N skipped".
.DESCRIPTION
    Nothing is taken on trust: a runner that writes no results, a suite in which no test ran, or
    a Pester file none of whose tests ran counts as a failure. Skipped tests are never counted as
    passed; the lines above the closing one say which were skipped and why.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ResultsPath,
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
. (Join-Path $PSScriptRoot 'Pwsh.ps1')

$totals = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
$problems = [Collections.Generic.List[string]]::new()
$skips = [Collections.Generic.List[string]]::new()

function Add-Count([int] $Passed, [int] $Failed, [int] $Skipped) {
    $totals.Passed += $Passed; $totals.Failed += $Failed; $totals.Skipped += $Skipped
}

function Invoke-Xunit {
    Write-Host "`n== xunit (engine units and in-process cmdlets)"
    & dotnet test (Join-Path $Root 'tests/WsoClusterPS.Tests') -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=normal' --results-directory $ResultsPath
    $exit = $LASTEXITCODE
    $trx = Join-Path $ResultsPath 'xunit.trx'
    if (-not (Test-Path $trx)) { $problems.Add('xunit wrote no results'); return }
    $run = ([xml](Get-Content $trx -Raw)).TestRun
    $counters = $run.ResultSummary.Counters
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    # A skipped xunit test shows only as the gap between total and executed in the TRX counters.
    Add-Count ([int]$counters.passed) $failed ([int]$counters.total - [int]$counters.executed)
    if ([int]$counters.executed -eq 0) { $problems.Add("xunit ran no test (of $($counters.total))") }
    if ($exit -ne 0 -and $failed -eq 0) { $problems.Add("xunit exited with $exit") }
    $notRun = @($run.Results.UnitTestResult | Where-Object outcome -eq 'NotExecuted')
    foreach ($group in $notRun | Group-Object { Get-SkipReason $_ }) { $skips.Add("xunit: $($group.Count) skipped: $($group.Name)") }
}

function Get-SkipReason($Result) {
    $output = $Result.SelectSingleNode('*[local-name()="Output"]')
    $text = if ($output) { $output.InnerText.Trim() } else { '' }
    if ($text) { $text -replace '\s+', ' ' } else { 'no reason given' }
}

function Invoke-PesterSuite {
    Write-Host "`n== Pester (the built module, end to end)"
    $globalPackages = (& dotnet nuget locals global-packages --list --force-english-output).Split(': ', 2)[1].Trim()
    $pesterModule = Join-Path $globalPackages 'pester/5.7.1/tools/Pester.psd1'
    $pesterJson = Join-Path $ResultsPath 'pester.json'
    $env:WSOCLUSTERPS_MODULE = $ModuleManifest
    # Plain text from every pwsh below: an ANSI escape in a failure message breaks Pester's XML report.
    $env:NO_COLOR = '1'
    try {
        Invoke-Pwsh @"
Import-Module '$pesterModule' -MinimumVersion 5.7.1
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $Root 'tests/pester')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputPath = '$(Join-Path $ResultsPath 'pester.xml')'
`$r = Invoke-Pester -Configuration `$config
@{
    Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount
    Skipped = `$r.SkippedCount; NotRun = `$r.NotRunCount
    Ran = @(`$r.Tests | Where-Object { `$_.Executed -or `$_.Skipped } | ForEach-Object { `$_.ScriptBlock.File } | Sort-Object -Unique)
    SkippedBlocks = @(`$r.Skipped | ForEach-Object { `$_.Block.Name } | Group-Object | ForEach-Object { "`$(`$_.Count) in '`$(`$_.Name)'" })
} | ConvertTo-Json | Set-Content '$pesterJson'
"@
    } finally { Remove-Item Env:WSOCLUSTERPS_MODULE, Env:NO_COLOR }
    if (-not (Test-Path $pesterJson)) { $problems.Add('Pester wrote no results'); return }
    $pester = Get-Content $pesterJson -Raw | ConvertFrom-Json
    Add-Count $pester.Passed $pester.Failed $pester.Skipped
    if ($pester.NotRun -gt 0) { $problems.Add("Pester left $($pester.NotRun) test(s) not run") }
    foreach ($file in Get-ChildItem (Join-Path $Root 'tests/pester') -Filter *.Tests.ps1) {
        if ($file.FullName -notin $pester.Ran) { $problems.Add("no test of $($file.Name) ran") }
    }
    foreach ($block in $pester.SkippedBlocks) { $skips.Add("Pester: skipped $block (a real part it needs is missing)") }
}

if (Test-Path $ResultsPath) { Remove-Item $ResultsPath -Recurse -Force }
New-Item -ItemType Directory -Force -Path $ResultsPath | Out-Null
Invoke-Xunit
Invoke-PesterSuite

Write-Host ''
foreach ($skip in $skips) { Write-Host "skipped: $skip" }
foreach ($problem in $problems) { Write-Host "counted as a failure: $problem"; $totals.Failed++ }
if ($totals.Passed + $totals.Failed -eq 0) { Write-Host 'counted as a failure: no test ran at all'; $totals.Failed++ }
Write-Host "$($totals.Passed) passed, $($totals.Failed) failed, $($totals.Skipped) skipped"
exit ([int]($totals.Failed -gt 0))
