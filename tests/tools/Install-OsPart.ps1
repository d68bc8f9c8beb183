# Programs from the operating system that build.ps1's tasks need, installed where missing.
# Needs Pwsh.ps1 (Invoke-Native) dot-sourced first.

# What the tests and the Demo start for real, by a command each package brings; unzip unpacks
# packs over SSH, sudo runs the privileged steps of SSH users who are not root.
$script:TestParts = @{
    nginx = 'nginx'; 'mariadb-install-db' = 'mariadb-server'; mariadb = 'mariadb-client'
    sshd = 'openssh-server'; 'ssh-keygen' = 'openssh-client'; unzip = 'unzip'; sudo = 'sudo'
    # The JDK is the Secure Vault tests' oracle: keytool makes keystores, java decrypts as WSO2 does.
    javac = 'openjdk-17-jdk-headless'; keytool = 'openjdk-17-jdk-headless'
    # systemd-analyze verify checks the units Install-IsNodeService writes; the tests bind a stand-in over its
    # systemctl and /etc/systemd/system (no systemd needs to run).
    'systemd-analyze' = 'systemd'; setpriv = 'util-linux'
}

# Installs the packages of the missing commands (command => Debian package) with apt-get when
# running as root on Debian or Ubuntu; otherwise stops and names the packages to install.
function Install-OsPart([hashtable] $Parts) {
    $missing = @($Parts.Keys | Where-Object { -not (Find-OsCommand $_) } | ForEach-Object { $Parts[$_] } | Sort-Object -Unique)
    if (-not $missing) { return }
    $canInstall = $IsLinux -and (Get-Command apt-get -ErrorAction Ignore) -and ((& id -u) -eq '0')
    if (-not $canInstall) {
        throw "This task needs $($missing -join ', '). Install them (on Debian or Ubuntu: " +
            "sudo apt-get install -y $($missing -join ' ')), then run again."
    }
    Write-Host "Installing $($missing -join ', ') with apt-get ..."
    Invoke-Native apt-get @('update', '-qq')
    $env:DEBIAN_FRONTEND = 'noninteractive'
    # Packages such as nginx and mariadb-server start their service on install (nginx on port
    # 80). The tests start their own instances, so tell invoke-rc.d not to, as images do.
    $policy = '/usr/sbin/policy-rc.d'
    $ownPolicy = -not (Test-Path $policy)
    if ($ownPolicy) { Set-Content $policy "#!/bin/sh`nexit 101`n"; & chmod 755 $policy }
    try { Invoke-Native apt-get (@('install', '-y', '-qq', '--no-install-recommends') + $missing) }
    finally { if ($ownPolicy) { Remove-Item $policy } }
}

# sshd and mariadbd live in sbin folders, which a user's PATH may lack.
function Find-OsCommand([string] $Name) {
    if (Get-Command $Name -CommandType Application -ErrorAction Ignore) { return $true }
    foreach ($dir in '/usr/sbin', '/sbin', '/usr/local/sbin') { if (Test-Path "$dir/$Name") { return $true } }
    $false
}
