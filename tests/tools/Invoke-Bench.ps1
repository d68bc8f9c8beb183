<#
.SYNOPSIS
    Benchmarks for build.ps1 -Task Bench: import time, and node creation against unzip and cp.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $WorkPath,
    [Parameter(Mandatory)] [string[]] $PwshCommand,
    [int] $PackMB = 300,
    [int] $PackFiles = 3000
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    if ($sorted.Count % 2) { $sorted[[int][Math]::Floor($sorted.Count / 2)] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

function Measure-Median([int] $Runs, [scriptblock] $Before, [scriptblock] $Action) {
    Get-Median @(1..$Runs | ForEach-Object {
        if ($Before) { & $Before }
        (Measure-Command $Action).TotalSeconds
    })
}

$results = [Collections.Generic.List[object]]::new()
function Add-Result([string] $What, [double] $Ours, [string] $Against, [double] $Theirs) {
    $results.Add([pscustomobject]@{ Benchmark = $What; Ours = '{0:N3} s' -f $Ours; Baseline = $Against; BaselineTime = '{0:N3} s' -f $Theirs; Ratio = '{0:N2}' -f ($Ours / $Theirs) })
}

# 1. Import-Module over a bare start, both median of 10 fresh processes.
$pwsh = $PwshCommand[0]; $pwshArgs = @($PwshCommand | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command')
& $pwsh @pwshArgs 'exit' | Out-Null
$bare = Measure-Median 10 $null { & $pwsh @pwshArgs 'exit' | Out-Null }
$import = Measure-Median 10 $null { & $pwsh @pwshArgs "Import-Module '$ModuleManifest'" | Out-Null }
Add-Result 'pwsh -NoProfile + Import-Module' $import 'pwsh -NoProfile' $bare
Write-Host ('Import-Module adds {0:N0} ms to a bare start ({1:N0} ms)' -f (($import - $bare) * 1000), ($bare * 1000))

# 2. A node from a large pack, zip and folder, against unzip -q and cp -a of the same.
New-Item -ItemType Directory -Force -Path $WorkPath | Out-Null
$zipDir = Join-Path $WorkPath "pack-$PackMB-$PackFiles"
$folderDir = Join-Path $WorkPath "folder-$PackMB-$PackFiles"
$generator = Join-Path $PSScriptRoot 'New-StandInPack.ps1'
if (-not (Test-Path $zipDir)) { & $generator -Destination $zipDir -FillerMB $PackMB -FillerFiles $PackFiles | Out-Null }
if (-not (Test-Path $folderDir)) { & $generator -Destination $folderDir -FillerMB $PackMB -FillerFiles $PackFiles -AsFolder | Out-Null }
$zip = Join-Path $zipDir 'wso2is-7.1.0.zip'
$folder = Join-Path $folderDir 'wso2is-7.1.0'
Write-Host ('Pack: {0:N0} MB zip, {1} files' -f ((Get-Item $zip).Length / 1MB), (Get-ChildItem $folder -Recurse -File).Count)

$target = Join-Path $WorkPath 'node'
$clean = { if (Test-Path $target) { Remove-Item $target -Recurse -Force } }
& $clean; & unzip -q $zip -d $target; & $clean   # warm the page cache once for both sides
$unzip = Measure-Median 3 $clean { & unzip -q $zip -d $target }
$fromZip = Measure-Median 3 $clean { New-IsClusterNode -PackPath $zip -Path $target -ClusterHost 10.0.0.4 -ProgressAction SilentlyContinue | Out-Null }
Add-Result 'New-IsClusterNode from zip' $fromZip 'unzip -q' $unzip
$cp = Measure-Median 3 $clean { & cp -a $folder $target }
$fromFolder = Measure-Median 3 $clean { New-IsClusterNode -PackPath $folder -Path $target -ClusterHost 10.0.0.4 -ProgressAction SilentlyContinue | Out-Null }
Add-Result 'New-IsClusterNode from folder' $fromFolder 'cp -a' $cp
& $clean

Write-Host "`nRatio < 1 means WsoClusterPS is faster. Machine: $([Environment]::ProcessorCount) cores."
$results | Format-Table -AutoSize | Out-Host
