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
. (Join-Path $PSScriptRoot 'Sandbox.ps1')

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

# 3. Requests/s through the generated HTTP vhost, the recipe's vhost and straight to a backend.
function Measure-Wrk([string] $Url) {
    $out = & wrk -t2 -c32 -d5s $Url 2>&1 | Out-String
    if ($out -notmatch 'Requests/sec:\s+([\d.]+)') { throw "wrk printed no rate for $Url`n$out" }
    [double]$Matches[1]
}
$benchNodes = @(
    New-IsClusterNode -PackPath $zip -Path (Join-Path $WorkPath 'bench-a') -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 -Force -ProgressAction SilentlyContinue
    New-IsClusterNode -PackPath $zip -Path (Join-Path $WorkPath 'bench-b') -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 -Force -ProgressAction SilentlyContinue
)
$ours = Get-FreePort; $theirs = Get-FreePort
# Both vhosts talk to the same two stand-in nodes: NGINX server blocks that answer at once.
$backends = ($benchNodes | ForEach-Object { "server { listen 127.0.0.1:$($_.HttpPort); keepalive_requests 100000; return 200 'node'; }" }) -join "`n"
# The recipe's HTTP vhost as the blog writes it (pointed at the HTTP ports): Connection "upgrade"
# on every request and no upstream keepalive.
$recipe = @"
upstream recipe_is {
    ip_hash;
$(($benchNodes | ForEach-Object { "    server 127.0.0.1:$($_.HttpPort);" }) -join "`n")
}
server {
    listen 127.0.0.1:$theirs;
    server_name wso2.is;
    location / {
        proxy_set_header X-Forwarded-Host `$host;
        proxy_set_header X-Forwarded-Server `$host;
        proxy_set_header X-Forwarded-For `$proxy_add_x_forwarded_for;
        proxy_set_header Host `$http_host;
        proxy_read_timeout 5m;
        proxy_send_timeout 5m;
        proxy_pass http://recipe_is;
        proxy_http_version 1.1;
        proxy_set_header Upgrade `$http_upgrade;
        proxy_set_header Connection "upgrade";
    }
}
"@
$nginx = Start-TestNginx -Prefix (Join-Path $WorkPath "nginx-$PID") -Extra ($backends + "`n" + $recipe) -Workers 2
try {
    $benchNodes | New-NginxUpstream -ServerName wso2.is -Scheme Http -ConfigDirectory $nginx.ConfD -ListenAddress 127.0.0.1 -HttpListenPort $ours |
        Invoke-NginxReload -NginxPath $nginx.Binary -Prefix $nginx.Prefix -ConfigPath $nginx.Config | Out-Null
    $generated = Measure-Wrk "http://127.0.0.1:$ours/"
    $seed = Measure-Wrk "http://127.0.0.1:$theirs/"
    $direct = Measure-Wrk "http://127.0.0.1:$($benchNodes[0].HttpPort)/"
    $results.Add([pscustomobject]@{ Benchmark = 'generated HTTP vhost (wrk)'; Ours = '{0:N0} req/s' -f $generated; Baseline = "recipe's vhost"; BaselineTime = '{0:N0} req/s' -f $seed; Ratio = '{0:N2}' -f ($generated / $seed) })
    $results.Add([pscustomobject]@{ Benchmark = 'generated HTTP vhost (wrk)'; Ours = '{0:N0} req/s' -f $generated; Baseline = 'one backend directly'; BaselineTime = '{0:N0} req/s' -f $direct; Ratio = '{0:N2}' -f ($generated / $direct) })
}
finally { Stop-TestNginx $nginx }

# 4. Schema creation of WSO2's real shared + identity scripts, against the mariadb client piping the same files.
$scripts = Join-Path $PSScriptRoot '../../../shared/fixtures/wso2/dbscripts'
if (Test-Path $scripts) {
    $db = Start-TestMariaDb -Folder (Join-Path $WorkPath "mariadb-$PID")
    try {
        $schemaNode = New-IsClusterNode -PackPath $zip -Path (Join-Path $WorkPath 'schema-node') -ClusterHost 127.0.0.1 -Force -ProgressAction SilentlyContinue
        Copy-Item (Join-Path $scripts 'shared-db_mysql_kernel-4.10.42.sql') (Join-Path $schemaNode.Home 'dbscripts/mysql.sql')
        Copy-Item (Join-Path $scripts 'identity-db_mysql_is-7.x.sql') (Join-Path $schemaNode.Home 'dbscripts/identity/mysql.sql')
        Remove-Item (Join-Path $schemaNode.Home 'dbscripts/consent') -Recurse
        $client = { param($database, $file) Start-Process $db.Client -Wait -NoNewWindow -RedirectStandardInput $file -ArgumentList '--no-defaults', '--user=root', '--host=127.0.0.1', "--port=$($db.Port)", $database }
        $counter = 0
        $ourTimes = 1..3 | ForEach-Object {
            $name = "bench_ours_$((++$counter))"
            (Measure-Command { $schemaNode | Set-IsDatabase -Server 127.0.0.1 -Port $db.Port -Database $name -Credential $db.Admin -InitializeSchema -ProgressAction SilentlyContinue }).TotalSeconds
        }
        $clientTimes = 1..3 | ForEach-Object {
            $name = "bench_client_$((++$counter))"
            & $db.Client --no-defaults --user=root --host=127.0.0.1 "--port=$($db.Port)" -e "CREATE DATABASE $name CHARACTER SET latin1"
            (Measure-Command {
                & $client $name (Join-Path $scripts 'shared-db_mysql_kernel-4.10.42.sql')
                & $client $name (Join-Path $scripts 'identity-db_mysql_is-7.x.sql')
            }).TotalSeconds
        }
        Add-Result 'Set-IsDatabase -InitializeSchema (real scripts)' (Get-Median $ourTimes) 'mariadb client < scripts' (Get-Median $clientTimes)
    }
    finally { Stop-TestMariaDb $db }
}
else { Write-Host "WSO2's reference scripts are not at ${scripts}: the schema benchmark is skipped." }

# 5. Get-IsCoordinator on a 1 GB log with elections near its start and its end, against grep -F.
$bigHome = Join-Path $WorkPath 'big-log-node'
$bigLog = Join-Path $bigHome 'repository/logs/wso2carbon.log'
if (-not (Test-Path $bigLog)) {
    New-Item -ItemType Directory -Force (Split-Path $bigLog) | Out-Null
    Copy-Item -Recurse (Join-Path $benchNodes[0].Home 'repository/conf') (Join-Path $bigHome 'repository/conf')
    $line = { param($time, $logger, $message) "TID: [-1234] [] [2026-11-27 $time] []  INFO {org.wso2.carbon.$logger} - $message" }
    $writer = [IO.StreamWriter]::new($bigLog, $false, [Text.UTF8Encoding]::new($false), 1MB)
    try {
        $writer.WriteLine((& $line '00:00:00,000' 'hazelcast.HazelcastClusteringAgent' 'Local member: [m-1] - Host:10.0.0.4, Remote Host:null, Port: 4000, HTTP:9763, HTTPS:9443, Domain: wso2.carbon.domain, Sub-domain:worker, Active:true'))
        $writer.WriteLine((& $line '00:00:00,100' 'hazelcast.HazelcastClusteringAgent' 'Elected this member [m-1] as the Coordinator node'))
        $block = [string]::Concat([Linq.Enumerable]::Repeat((& $line '00:00:01,000' 'identity.core.util.IdentityUtil' 'Noise: a request was handled by the identity framework, nothing to see here at all.') + "`n", 10000))
        for ($written = 0L; $written -lt 1GB; $written += $block.Length) { $writer.Write($block) }
        $writer.WriteLine((& $line '23:00:00,000' 'core.init.CarbonServerManager' 'Shutdown hook triggered....'))
        $writer.WriteLine((& $line '23:05:00,000' 'hazelcast.HazelcastClusteringAgent' 'Local member: [m-2] - Host:10.0.0.4, Remote Host:null, Port: 4000, HTTP:9763, HTTPS:9443, Domain: wso2.carbon.domain, Sub-domain:worker, Active:true'))
        $writer.WriteLine((& $line '23:05:00,100' 'hazelcast.HazelcastClusteringAgent' 'Elected this member [m-2] as the Coordinator node'))
    }
    finally { $writer.Dispose() }
}
$bigNode = Get-IsClusterNode $bigHome
& grep -F 'as the Coordinator node' $bigLog | Out-Null   # warm the page cache for both
$ours = Measure-Median 3 $null { if (($bigNode | Get-IsCoordinator).MemberId -ne 'm-2') { throw 'Get-IsCoordinator read the wrong coordinator' } }
$grep = Measure-Median 3 $null { & grep -F 'as the Coordinator node' $bigLog | Out-Null }
Add-Result 'Get-IsCoordinator, 1 GB log' $ours "grep -F 'as the Coordinator node'" $grep

# 6. Over SSH: a 300 MB pack uploaded by New-IsClusterNode -Session against scp of the same
# file, and streamed into tar to a machine without unzip against scp and unzip; and one Set-IsClustering change from a fresh pwsh over 1, 4 and 16 machines (sshd
# instances on 127.0.0.2 and up) against as many `ssh host true` started together.
$sshRoot = Join-Path $WorkPath "ssh-$PID"
New-Item -ItemType Directory -Force $sshRoot | Out-Null
& (Find-RealPart ssh-keygen) -q -t ed25519 -N '' -f "$sshRoot/client"
$sshPort = Get-FreePort
$machines = foreach ($i in 2..17) { Start-TestSshd -Folder "$sshRoot/host$i" -Address "127.0.0.$i" -Port $sshPort -ClientKey "$sshRoot/client" }
$noUnzip = Start-TestSshd -Folder "$sshRoot/no-unzip" -Address 127.0.0.18 -Port $sshPort -ClientKey "$sshRoot/client" -WithoutUnzip
$knownHosts = "$sshRoot/known_hosts"
$user = [Environment]::UserName
try {
    $sessions = New-IsSshSession -HostName ($machines | ForEach-Object Address) -Port $sshPort -UserName $user -KeyFilePath "$sshRoot/client" -KnownHostsPath $knownHosts -AcceptNewHostKey
    $ssh = @('-p', $sshPort, '-i', "$sshRoot/client", '-o', "UserKnownHostsFile=$knownHosts", '-o', 'BatchMode=yes')

    $remoteHome = "$sshRoot/uploaded"
    $upload = Measure-Median 3 { Remove-Item $remoteHome -Recurse -Force -ErrorAction Ignore } {
        New-IsClusterNode -PackPath $zip -Path $remoteHome -Session $sessions[0] -ClusterHost 127.0.0.2 -ProgressAction SilentlyContinue | Out-Null }
    $scp = Measure-Median 3 { Remove-Item "$sshRoot/scp.zip" -ErrorAction Ignore } {
        & scp -q -P $sshPort -i "$sshRoot/client" -o "UserKnownHostsFile=$knownHosts" -o BatchMode=yes $zip "$($user)@127.0.0.2:$sshRoot/scp.zip" }
    $scpUnzip = Measure-Median 3 { Remove-Item "$sshRoot/scp.zip", "$sshRoot/scp-unzipped" -Recurse -Force -ErrorAction Ignore } {
        & scp -q -P $sshPort -i "$sshRoot/client" -o "UserKnownHostsFile=$knownHosts" -o BatchMode=yes $zip "$($user)@127.0.0.2:$sshRoot/scp.zip"
        & ssh @ssh "$user@127.0.0.2" unzip -q "$sshRoot/scp.zip" -d "$sshRoot/scp-unzipped" }
    Add-Result 'New-IsClusterNode -Session (upload + unzip)' $upload 'scp (upload only)' $scp
    Add-Result 'New-IsClusterNode -Session (upload + unzip)' $upload 'scp, then ssh unzip' $scpUnzip
    $bare = New-IsSshSession -HostName 127.0.0.18 -Port $sshPort -UserName $user -KeyFilePath "$sshRoot/client" -KnownHostsPath $knownHosts -AcceptNewHostKey
    $streamed = Measure-Median 3 { Remove-Item $remoteHome -Recurse -Force -ErrorAction Ignore } {
        New-IsClusterNode -PackPath $zip -Path $remoteHome -Session $bare -ClusterHost 127.0.0.18 -ProgressAction SilentlyContinue | Out-Null }
    Add-Result 'New-IsClusterNode -Session, no unzip (streamed into tar)' $streamed 'scp, then ssh unzip' $scpUnzip

    foreach ($count in 1, 4, 16) {
        $hosts = $machines | Select-Object -First $count
        $homes = foreach ($m in $hosts) { $h = "$sshRoot/node-$($m.Address)"; if (-not (Test-Path $h)) { New-IsClusterNode -PackPath $zip -Path $h -ClusterHost $m.Address -ProgressAction SilentlyContinue | Out-Null }; $h }
        $script = @"
Import-Module '$ModuleManifest'
`$s = New-IsSshSession -HostName $(($hosts | ForEach-Object Address | ForEach-Object { "'$_'" }) -join ',') -Port $sshPort -UserName $user -KeyFilePath '$sshRoot/client' -KnownHostsPath '$knownHosts'
`$homes = @($(($homes | ForEach-Object { "'$_'" }) -join ','))
`$nodes = for (`$i = 0; `$i -lt `$s.Count; `$i++) { Get-IsClusterNode `$homes[`$i] -Session `$s[`$i] }
`$nodes | Set-IsClustering -Hostname ("bench" + (Get-Random) + ".is") -WarningAction SilentlyContinue
"@
        $ours = Measure-Median 3 $null { & $pwsh @pwshArgs $script | Out-Null }
        $sshLine = ($hosts | ForEach-Object { "ssh $($ssh -join ' ') $user@$($_.Address) true &" }) -join ' '
        $theirs = Measure-Median 3 $null { & bash -c "$sshLine wait" }
        Add-Result "Set-IsClustering from a fresh pwsh, $count host(s)" $ours "$count x ssh host true, in parallel" $theirs
    }
}
finally {
    Get-IsSshSession | Remove-IsSshSession
    foreach ($m in @($machines) + $noUnzip) { Stop-TestSshd $m }
}

Write-Host "`nFor times, a ratio < 1 means WsoClusterPS is faster; for req/s, a ratio > 1 means more requests per second. Machine: $([Environment]::ProcessorCount) cores."
$results | Format-Table -AutoSize | Out-String -Width 240 | Write-Host
