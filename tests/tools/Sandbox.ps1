# Helpers for running real parts in a sandbox: the Pester tests, the Demo and the benchmarks use them.

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

# An IS port offset whose 9443+offset and 9763+offset are both free on 127.0.0.1, and below the
# kernel's ephemeral range (32768 up), where a client connection could take them first.
function Get-FreeIsOffset {
    while ($true) {
        $offset = Get-Random -Minimum 10000 -Maximum 22000
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

# A real NGINX from the OS package under its own prefix (no systemd, no system ports): pid, logs
# and the five temp paths inside it, as a non-system instance needs; it includes conf.d/*.conf
# (where New-NginxUpstream writes) and conf/extra.conf (stand-in backends, when given).
function Start-TestNginx([string] $Prefix, [string] $Extra = '', [int] $Workers = 1) {
    $nginx = Find-RealPart nginx
    foreach ($dir in 'conf', 'conf.d', 'logs', 'tmp') { New-Item -ItemType Directory -Force (Join-Path $Prefix $dir) | Out-Null }
    Set-Content (Join-Path $Prefix 'conf/extra.conf') $Extra
    $config = Join-Path $Prefix 'conf/nginx.conf'
    Set-Content $config @"
worker_processes $Workers;
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

# A real MariaDB from the OS package in a folder of its own (mariadb-install-db, then mariadbd on
# 127.0.0.1 and a free port; no systemd). It has an admin account; returns how to reach it.
function Start-TestMariaDb([string] $Folder, [string] $AdminPassword = 'Adm1n-pw') {
    $installDb = Find-RealPart mariadb-install-db
    $mariadbd = Find-RealPart mariadbd
    $mariadb = Find-RealPart mariadb
    New-Item -ItemType Directory -Force $Folder | Out-Null
    & $installDb --no-defaults "--datadir=$Folder/data" --user=root --auth-root-authentication-method=normal --skip-test-db *> (Join-Path $Folder 'install.log')
    if ($LASTEXITCODE) { throw "mariadb-install-db failed: $(Get-Content -Raw (Join-Path $Folder 'install.log'))" }
    $port = Get-FreePort
    $process = Start-Process $mariadbd -PassThru -RedirectStandardOutput (Join-Path $Folder 'out.log') -RedirectStandardError (Join-Path $Folder 'err.log') -ArgumentList @(
        '--no-defaults', '--user=root', "--datadir=$Folder/data", "--socket=$Folder/mysqld.sock", "--port=$port", '--bind-address=127.0.0.1',
        "--pid-file=$Folder/mysqld.pid", "--log-error=$Folder/error.log", '--skip-log-bin', '--innodb-buffer-pool-size=64M')
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    do {
        Start-Sleep -Milliseconds 200
        & $mariadb --no-defaults --user=root --host=127.0.0.1 "--port=$port" -e "SELECT 1" *> $null
    } until ($LASTEXITCODE -eq 0 -or [DateTime]::UtcNow -gt $deadline -or $process.HasExited)
    if ($LASTEXITCODE) {
        if (-not $process.HasExited) { $process.Kill($true) }
        throw "MariaDB did not start: $(Get-Content -Raw "$Folder/error.log")"
    }
    & $mariadb --no-defaults --user=root --host=127.0.0.1 "--port=$port" -e "CREATE USER 'dbadmin'@'%' IDENTIFIED BY '$AdminPassword'; GRANT ALL PRIVILEGES ON *.* TO 'dbadmin'@'%' WITH GRANT OPTION;"
    [pscustomobject]@{
        Port = $port; Process = $process; Client = $mariadb; Folder = $Folder
        Admin = [pscredential]::new('dbadmin', (ConvertTo-SecureString $AdminPassword -AsPlainText -Force))
    }
}

function Stop-TestMariaDb($Instance) {
    if (-not $Instance -or $Instance.Process.HasExited) { return }
    $Instance.Process.Kill($true)
    $Instance.Process.WaitForExit(10000) | Out-Null
}

# A real OpenSSH sshd on 127.0.0.1 and a free port, with its own host key, a client key that may
# log in as the current user, and a temp config; a child process, no systemd.
# -Address (in 127.0.0.0/8) and -Port let many instances pose as many machines; -ClientKey shares one login key.
# -Without: its sessions see a PATH with every program of /usr/bin but these (unzip, tar), as a machine without them.
# -PrivateFolder: sshd runs in a mount namespace of its own where that (existing, empty) folder is
# <Folder>/private, so several instances, each a machine, have the same path and different files there.
function Start-TestSshd([string] $Folder, [string] $Address = '127.0.0.1', [int] $Port, [string] $ClientKey, [string[]] $Without,
    [string] $PrivateFolder) {
    $sshd = Find-RealPart sshd
    $keygen = Find-RealPart ssh-keygen
    New-Item -ItemType Directory -Force $Folder | Out-Null
    & $keygen -q -t ed25519 -N '' -f "$Folder/host_ed25519"
    if (-not $ClientKey) { & $keygen -q -t ed25519 -N '' -f "$Folder/client_ed25519"; $ClientKey = "$Folder/client_ed25519" }
    Copy-Item "$ClientKey.pub" "$Folder/authorized_keys"
    $port = if ($Port) { $Port } else { Get-FreePort }
    Set-Content "$Folder/sshd_config" @"
Port $port
ListenAddress $Address
HostKey $Folder/host_ed25519
PidFile $Folder/sshd.pid
AuthorizedKeysFile $Folder/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
StrictModes no
UsePAM no
Subsystem sftp internal-sftp
LogLevel DEBUG1
"@
    if ($Without) {
        $programs = New-Item -ItemType Directory -Force "$Folder/bin-without"
        Get-ChildItem /usr/bin | Where-Object Name -notin $Without | ForEach-Object { New-Item -ItemType SymbolicLink -Path (Join-Path $programs $_.Name) -Target $_.FullName | Out-Null }
        Add-Content "$Folder/sshd_config" "SetEnv PATH=$($programs):/usr/sbin:/sbin"
    }
    New-Item -ItemType Directory -Force /run/sshd | Out-Null
    $arguments = '-D', '-e', '-f', "$Folder/sshd_config"
    if ($PrivateFolder) {
        New-Item -ItemType Directory -Force "$Folder/private" | Out-Null
        # A script, not sh -c: Start-Process joins its arguments into one line, quotes and all.
        Set-Content "$Folder/own-mounts.sh" "mount --bind '$Folder/private' '$PrivateFolder' && exec '$sshd' `"`$@`""
        $arguments = @('--mount', '--propagation', 'private', '--', 'sh', "$Folder/own-mounts.sh") + $arguments
        $sshd = Find-RealPart unshare
    }
    $process = Start-Process $sshd -PassThru -ArgumentList $arguments -RedirectStandardError "$Folder/sshd.log"
    $deadline = [DateTime]::UtcNow.AddSeconds(20)
    while ($true) {
        try { [Net.Sockets.TcpClient]::new($Address, $port).Dispose(); break }
        catch {
            if ([DateTime]::UtcNow -gt $deadline -or $process.HasExited) {
                if (-not $process.HasExited) { $process.Kill($true) }
                throw "sshd did not start: $(Get-Content -Raw "$Folder/sshd.log")"
            }
            Start-Sleep -Milliseconds 100
        }
    }
    [pscustomobject]@{ Address = $Address; Port = $port; Process = $process; Key = $ClientKey; KnownHosts = "$Folder/known_hosts"; Folder = $Folder; Log = "$Folder/sshd.log" }
}

function Stop-TestSshd($Instance) {
    if ($Instance -and -not $Instance.Process.HasExited) { $Instance.Process.Kill($true); $Instance.Process.WaitForExit(5000) | Out-Null }
}

# Clients sending GETs and POSTs through NGINX's HTTP listener until Stop-TestTraffic (the tests'
# TrafficGenerator): from 127.0.0.1 to 127.0.5.1, since ip_hash keys on the first three octets.
function Start-TestTraffic([int] $Port, [string] $Folder) {
    $generator = Get-ChildItem (Join-Path $PSScriptRoot '../TrafficGenerator/bin/*/net10.0/TrafficGenerator.dll') |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1 -ExpandProperty FullName
    New-Item -ItemType Directory -Force $Folder | Out-Null
    $stop = Join-Path $Folder "stop-$([guid]::NewGuid())"
    $report = Join-Path $Folder 'traffic.json'
    $sources = (0..5 | ForEach-Object { "127.0.$_.1" }) -join ','
    $process = Start-Process dotnet -ArgumentList $generator, '--target', "127.0.0.1:$Port", '--sources', $sources, '--stop-file', $stop `
        -RedirectStandardOutput $report -PassThru -NoNewWindow
    Start-Sleep -Seconds 1
    [pscustomobject]@{ Process = $process; StopFile = $stop; Report = $report }
}

# Stops the clients and returns their count: Total, Failed, Failures by kind, KeepAliveRaces, Nodes.
function Stop-TestTraffic($Traffic) {
    Set-Content $Traffic.StopFile ''
    $Traffic.Process.WaitForExit()
    Get-Content $Traffic.Report -Raw | ConvertFrom-Json
}
