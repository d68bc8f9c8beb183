# Shared by the Pester files: the built module, stand-in packs and a fresh pwsh.
$script:ModuleManifest = if ($env:WSOCLUSTERPS_MODULE) { $env:WSOCLUSTERPS_MODULE } else { Join-Path $PSScriptRoot '../../out/WsoClusterPS/WsoClusterPS.psd1' }
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:PwshCommand = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
    @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'))
} else { @([Environment]::ProcessPath) }

function New-TestPack {
    param([string] $Destination, [switch] $AsFolder)
    & (Join-Path $RepoRoot 'tests/tools/New-StandInPack.ps1') -Destination $Destination -AsFolder:$AsFolder
}

# Runs a script in a new pwsh with the module imported (after -Prelude, when given); returns
# everything it printed and its exit code.
function Invoke-FreshPwsh {
    param([string] $Script, [string] $WorkingDirectory = (Get-Location).Path, [string] $Prelude = '')
    $command = "`$ErrorActionPreference = 'Stop'; Set-Location -LiteralPath '$WorkingDirectory'; $Prelude; Import-Module '$ModuleManifest'; $Script"
    $output = & $PwshCommand[0] @($PwshCommand | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $command 2>&1
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = ($output | Out-String) }
}

# A full path: .NET calls such as [IO.File]::ReadAllText resolve relative paths against the process folder.
function Get-TomlPath([string] $NodeHome) { Join-Path (Resolve-Path -LiteralPath $NodeHome).ProviderPath 'repository/conf/deployment.toml' }

# A program from the OS for tests that start it for real; $null when missing (CI fails instead).
function Find-RealPart([string] $Program) {
    $found = Get-Command $Program -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($found) { return $found.Source }
    foreach ($dir in '/usr/sbin', '/sbin', '/usr/local/sbin') { if (Test-Path "$dir/$Program") { return "$dir/$Program" } }
    if ($env:CI -eq 'true') { throw "$Program is not installed; under CI that is a failure (build.ps1 -Task Test installs it)." }
    $null
}

function Get-FreePort {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop(); $port
}

# An IS port offset whose 9443+offset and 9763+offset are both free on 127.0.0.1.
function Get-FreeIsOffset {
    while ($true) {
        $offset = Get-Random -Minimum 20000 -Maximum 40000
        $free = foreach ($port in (9443 + $offset), (9763 + $offset)) {
            try { $l = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, $port); $l.Start(); $l.Stop(); $true } catch { $false }
        }
        if ($free -notcontains $false) { return $offset }
    }
}

# A self-signed certificate for wso2.is as PEM files (made with .NET: no openssl needed).
function New-TestCertificate([string] $Folder) {
    $key = [Security.Cryptography.RSA]::Create(2048)
    $request = [Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=wso2.is', $key, 'SHA256', [Security.Cryptography.RSASignaturePadding]::Pkcs1)
    $cert = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(30))
    $paths = [pscustomobject]@{ Certificate = Join-Path $Folder 'wso2.is.crt'; Key = Join-Path $Folder 'wso2.is.key'; Thumbprint = $cert.Thumbprint }
    Set-Content -LiteralPath $paths.Certificate $cert.ExportCertificatePem()
    Set-Content -LiteralPath $paths.Key $key.ExportPkcs8PrivateKeyPem()
    $paths
}

# A real NGINX under a temp prefix: pid, logs and temp paths inside it; includes conf.d/*.conf and extra.conf.
function Start-TestNginx([string] $Prefix, [string] $Extra = '') {
    $nginx = Find-RealPart nginx
    foreach ($dir in 'conf', 'conf.d', 'logs', 'tmp') { New-Item -ItemType Directory -Force (Join-Path $Prefix $dir) | Out-Null }
    Set-Content (Join-Path $Prefix 'conf/extra.conf') $Extra
    $config = Join-Path $Prefix 'conf/nginx.conf'
    Set-Content $config @"
worker_processes 1;
pid $Prefix/logs/nginx.pid;
error_log $Prefix/logs/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $Prefix/tmp/body; proxy_temp_path $Prefix/tmp/proxy; fastcgi_temp_path $Prefix/tmp/fastcgi;
    uwsgi_temp_path $Prefix/tmp/uwsgi; scgi_temp_path $Prefix/tmp/scgi;
    include $Prefix/conf/extra.conf;
    include $Prefix/conf.d/*.conf;
}
"@
    & $nginx -p $Prefix -e "$Prefix/logs/error.log" -c $config
    if ($LASTEXITCODE) { throw "nginx did not start under $Prefix" }
    [pscustomobject]@{ Binary = $nginx; Prefix = $Prefix; Config = $config; ConfD = Join-Path $Prefix 'conf.d' }
}

function Stop-TestNginx($Instance) {
    if (-not $Instance) { return }
    & $Instance.Binary -p $Instance.Prefix -e "$($Instance.Prefix)/logs/error.log" -c $Instance.Config -s stop 2>$null
}
