<#
.SYNOPSIS
    Writes a stand-in WSO2 IS pack with the real layout, for tests, the Demo and benchmarks.
.DESCRIPTION
    WSO2 IS (a Java product) cannot be installed here, so this makes a pack shaped like the one
    WSO2 ships: a zip whose entries sit under one top folder (wso2is-<version>/), Unix modes
    stored (bin/*.sh executable), a realistic repository/conf/deployment.toml and dbscripts/.
    -FillerMB and -FillerFiles add incompressible jar-like files, for copy benchmarks.
    Prints the path of the zip (or of the folder with -AsFolder).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Destination,
    [string] $Version = '7.1.0',
    [switch] $AsFolder,
    [switch] $NoTopFolder,
    [int] $FillerFiles = 0,
    [int] $FillerMB = 0,
    # The stand-in server that bin/wso2server.sh starts; by default the newest build in tests/StandInServer.
    [string] $ServerPath
)
$ErrorActionPreference = 'Stop'
# .NET resolves relative paths against the process folder, not the PowerShell location.
$Destination = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Destination)
Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
$source = Join-Path $PSScriptRoot 'standin-pack'
$top = "wso2is-$Version"

# Relative path => (octal mode, content as bytes or a path under standin-pack/)
$files = [ordered]@{
    'bin/wso2server.sh'                   = '755', 'wso2server.sh'
    'bin/version.txt'                     = '644', [Text.Encoding]::UTF8.GetBytes("WSO2 Identity Server v$Version (stand-in)`n")
    'repository/conf/deployment.toml'     = '644', 'deployment.toml'
    'repository/conf/security/secret-conf.properties' = '644', 'secret-conf.properties'
    # Stand-ins for WSO2's stock keystores: one key for every pack, as WSO2 ships them (alias and passwords
    # wso2carbon, a self-signed 'CN=localhost, O=WSO2, L=Mountain View' certificate), made once with keytool.
    'repository/resources/security/wso2carbon.p12'        = '644', 'wso2carbon.p12'
    'repository/resources/security/client-truststore.p12' = '644', 'client-truststore.p12'
    'dbscripts/mysql.sql'                 = '644', 'mysql.sql'
    'dbscripts/identity/mysql.sql'        = '644', 'identity.sql'
    'dbscripts/consent/mysql.sql'         = '644', 'consent.sql'
    'repository/components/lib/README.txt' = '644', [Text.Encoding]::UTF8.GetBytes("Drop JDBC drivers and other jars here.`n")
    'repository/logs/.keep'               = '644', [byte[]]@()
    'README.txt'                          = '644', [Text.Encoding]::UTF8.GetBytes("Stand-in WSO2 Identity Server $Version pack.`n")
}
if (-not $ServerPath) {
    $ServerPath = Get-ChildItem (Join-Path $PSScriptRoot '../StandInServer/bin/*/net10.0/StandInServer.dll') -ErrorAction Ignore |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1 -ExpandProperty FullName
}
$dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
$script = [IO.File]::ReadAllText((Join-Path $source 'wso2server.sh')).Replace('@DOTNET@', $dotnet).Replace('@SERVER@', "$ServerPath")
$files['bin/wso2server.sh'] = '755', [Text.Encoding]::UTF8.GetBytes($script)

$random = [Random]::new(7)
if ($FillerFiles -gt 0) {
    $size = [int][Math]::Max(1, ($FillerMB * 1MB) / $FillerFiles)
    for ($i = 0; $i -lt $FillerFiles; $i++) {
        $bytes = [byte[]]::new($size)
        $random.NextBytes($bytes)
        $files["repository/components/plugins/org.example.bundle$($i % 50)/bundle_$i.jar"] = '644', $bytes
    }
}

function Get-Content-Bytes($spec) {
    # The comma keeps PowerShell from unrolling the array (and an empty one into $null).
    if ($spec -is [byte[]]) { return , $spec }
    return , [IO.File]::ReadAllBytes((Join-Path $source $spec))
}

New-Item -ItemType Directory -Force -Path $Destination | Out-Null
if ($AsFolder) {
    $root = if ($NoTopFolder) { Join-Path $Destination 'pack' } else { Join-Path $Destination $top }
    foreach ($name in $files.Keys) {
        $mode, $spec = $files[$name]
        $path = Join-Path $root $name
        New-Item -ItemType Directory -Force -Path (Split-Path $path) | Out-Null
        [IO.File]::WriteAllBytes($path, (Get-Content-Bytes $spec))
        if (-not $IsWindows) { [IO.File]::SetUnixFileMode($path, [IO.UnixFileMode][Convert]::ToInt32($mode, 8)) }
    }
    return $(if ($NoTopFolder) { $root } else { $Destination })
}

$zipPath = Join-Path $Destination "$top.zip"
$prefix = if ($NoTopFolder) { '' } else { "$top/" }
$zip = [IO.Compression.ZipFile]::Open($zipPath, 'Create')
try {
    $folders = [Collections.Generic.SortedSet[string]]::new()
    foreach ($name in $files.Keys) {
        for ($dir = Split-Path $name; $dir; $dir = Split-Path $dir) { [void]$folders.Add($dir.Replace('\', '/')) }
    }
    # Directory entries first, with a directory's Unix mode (S_IFDIR | 0755), as zip -r writes them.
    foreach ($dir in $folders) {
        $entry = $zip.CreateEntry("$prefix$dir/")
        $entry.ExternalAttributes = ([Convert]::ToInt32('40755', 8) -shl 16)
    }
    foreach ($name in $files.Keys) {
        $mode, $spec = $files[$name]
        $level = if ($name.EndsWith('.jar')) { 'Fastest' } else { 'Optimal' }
        $entry = $zip.CreateEntry("$prefix$name", $level)
        $entry.ExternalAttributes = ([Convert]::ToInt32("100$mode", 8) -shl 16)
        $stream = $entry.Open()
        try { $bytes = Get-Content-Bytes $spec; $stream.Write($bytes, 0, $bytes.Length) } finally { $stream.Dispose() }
    }
}
finally { $zip.Dispose() }
$zipPath
