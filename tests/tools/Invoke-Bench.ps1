<#
.SYNOPSIS
    Benchmarks for build.ps1 -Task Bench: the module against what an admin would run instead.
.DESCRIPTION
    Fair by construction: ours and the baseline alternate run by run (A B A B) and the medians
    are compared; both pay the same process starts and handshakes; every baseline command's exit
    code is checked, and wrk's error counts are shown. Where our side does more work than the
    baseline, the Note column says so.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $WorkPath,
    [int] $PackMB = 300,
    [int] $PackFiles = 3000
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
. (Join-Path $PSScriptRoot 'Pwsh.ps1')
. (Join-Path $PSScriptRoot 'Sandbox.ps1')

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    if ($sorted.Count % 2) { $sorted[[int][Math]::Floor($sorted.Count / 2)] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

# Times ours and the baseline in turns (A B A B ...), each after $Before, so a machine that gets
# busier or a cache that warms up favours neither; returns both medians in seconds.
function Measure-Pair([int] $Runs, [scriptblock] $Before, [scriptblock] $Ours, [scriptblock] $Theirs) {
    $times = @{ Ours = [Collections.Generic.List[double]]::new(); Theirs = [Collections.Generic.List[double]]::new() }
    for ($i = 0; $i -lt $Runs; $i++) {
        foreach ($side in 'Ours', 'Theirs') {
            if ($Before) { & $Before }
            $action = if ($side -eq 'Ours') { $Ours } else { $Theirs }
            $times[$side].Add((Measure-Command $action).TotalSeconds)
        }
    }
    [pscustomobject]@{ Ours = Get-Median $times.Ours; Theirs = Get-Median $times.Theirs }
}

$results = [Collections.Generic.List[object]]::new()
function Add-Result([string] $What, $Pair, [string] $Against, [string] $Note = '') {
    $results.Add([pscustomobject]@{
        Benchmark = $What; Ours = '{0:N3} s' -f $Pair.Ours; Baseline = $Against; BaselineTime = '{0:N3} s' -f $Pair.Theirs
        Ratio = '{0:N2}' -f ($Pair.Ours / $Pair.Theirs); Note = $Note
    })
}

# A fresh pwsh, as a runbook job starts one; it must succeed.
function Invoke-FreshBench([string] $Command) {
    Invoke-Pwsh $Command | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "A benchmark pwsh failed (exit code $LASTEXITCODE): $Command" }
}

# 1. Cold start, as every runbook job pays it: Import-Module and a first cmdlet over a bare start,
# 15 fresh processes of each, in turns, next to the floor any binary module stands on (one
# cmdlet, no views, compiled here); then where the time goes, timed inside fresh processes.
Invoke-FreshBench 'exit'
$coldHome = Join-Path $WorkPath 'cold/node'
if (-not (Test-Path $coldHome)) {
    $coldPack = & (Join-Path $PSScriptRoot 'New-StandInPack.ps1') -Destination (Join-Path $WorkPath 'cold/pack')
    New-IsClusterNode -PackPath $coldPack -Path $coldHome -ClusterHost 127.0.0.1 | Out-Null
}
$mini = New-Item -ItemType Directory -Force (Join-Path $WorkPath 'cold/mini')
if (-not (Test-Path (Join-Path $mini 'Mini.dll'))) {
    Add-Type -OutputAssembly (Join-Path $mini 'Mini.dll') -TypeDefinition ('using System.Management.Automation; [Cmdlet(VerbsCommon.Get, "Mini")] ' +
        'public sealed class GetMini : PSCmdlet { protected override void ProcessRecord() => WriteObject(1); }')
}
Set-Content (Join-Path $mini 'Mini.psd1') "@{ RootModule = 'Mini.dll'; ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; CmdletsToExport = @('Get-Mini') }"
$import = Measure-Pair 15 $null { Invoke-FreshBench "Import-Module '$ModuleManifest'" } { Invoke-FreshBench 'exit' }
Add-Result 'pwsh -NoProfile + Import-Module' $import 'pwsh -NoProfile'
$first = Measure-Pair 15 $null { Invoke-FreshBench "Import-Module '$ModuleManifest'; Get-IsClusterNode '$coldHome' | Out-Null" } { Invoke-FreshBench 'exit' }
Add-Result 'pwsh -NoProfile + Import-Module + Get-IsClusterNode' $first 'pwsh -NoProfile' 'goal: ratio 1.15 or less'
$floor = Measure-Pair 15 $null { Invoke-FreshBench "Import-Module '$mini/Mini.psd1'; Get-Mini | Out-Null" } { Invoke-FreshBench 'exit' }
Add-Result 'pwsh -NoProfile + a one-cmdlet binary module + its cmdlet' $floor 'pwsh -NoProfile' 'the floor: no binary module starts faster'

# For each command, the median of 9 fresh processes' stopwatch readings (ms) of it, the commands
# taken in turns so that a machine that gets busier or faster favours none of them.
function Get-FreshMedians([Collections.Specialized.OrderedDictionary] $Commands) {
    $readings = @{}
    foreach ($key in $Commands.Keys) { $readings[$key] = [Collections.Generic.List[double]]::new() }
    foreach ($i in 1..9) {
        foreach ($key in $Commands.Keys) {
            $readings[$key].Add([double](Invoke-Pwsh "`$sw = [Diagnostics.Stopwatch]::StartNew(); $($Commands[$key]); `$sw.Elapsed.TotalMilliseconds" | Select-Object -Last 1))
        }
    }
    $medians = [ordered]@{}
    foreach ($key in $Commands.Keys) { $medians[$key] = Get-Median $readings[$key] }
    $medians
}
$trivial = New-Item -ItemType Directory -Force (Join-Path $WorkPath 'cold/trivial')
Set-Content (Join-Path $trivial 'trivial.psd1') "@{ ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @() }"
# A fresh copy of the built module under cold/<name>/, changed by $Change, for one breakdown row.
function Copy-BuiltModule([string] $Name, [scriptblock] $Change) {
    $copy = Join-Path $WorkPath "cold/$Name/WsoClusterPS"
    if (Test-Path $copy) { Remove-Item $copy -Recurse -Force }
    Copy-Item (Split-Path $ModuleManifest) $copy -Recurse
    & $Change $copy
    $copy
}
$viewless = Copy-BuiltModule 'viewless' { param($copy) (Get-Content "$copy/WsoClusterPS.psd1") -notmatch '^\s*FormatsToProcess' | Set-Content "$copy/WsoClusterPS.psd1" }
$portable = Copy-BuiltModule 'portable' { param($copy) Get-ChildItem "$copy/dependencies" -Directory -Filter 'net*' | Remove-Item -Recurse }
$spent = Get-FreshMedians ([ordered]@{
    'the first Import-Module of any module (a manifest with nothing in it)' = "Import-Module '$trivial/trivial.psd1'"
    'Import-Module of a binary module with one cmdlet, then that cmdlet (any binary module costs this much)' = "Import-Module '$mini/Mini.psd1'; `$null = Get-Mini"
    'Import-Module WsoClusterPS without its format views' = "Import-Module '$viewless/WsoClusterPS.psd1'"
    'Import-Module WsoClusterPS' = "Import-Module '$ModuleManifest'"
    'Import-Module, then the first Get-IsClusterNode' = "Import-Module '$ModuleManifest'; `$null = Get-IsClusterNode '$coldHome'"
    'the same with the portable builds, compiled as they run (no precompiled folder matches)' = "Import-Module '$portable/WsoClusterPS.psd1'; `$null = Get-IsClusterNode '$coldHome'"
})
Write-Host "`nWhere a cold start's time goes (ms from the first command of a fresh pwsh, median of 9 processes):"
$spent.GetEnumerator() | ForEach-Object { Write-Host ('  {0,6:N0}  {1}' -f $_.Value, $_.Key) }
Write-Host ('  The format views cost {0:N0} ms: loading any view makes PowerShell load its own built-in format data, which a bare start never does.' -f
    ($spent['Import-Module WsoClusterPS'] - $spent['Import-Module WsoClusterPS without its format views']))

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
& $clean; Invoke-Native unzip @('-q', $zip, '-d', $target); & $clean   # warm the page cache once for both sides
$newNode = { param($pack) New-IsClusterNode -PackPath $pack -Path $target -ClusterHost 10.0.0.4 -ProgressAction SilentlyContinue | Out-Null }
$fromZip = Measure-Pair 3 $clean { & $newNode $zip } { Invoke-Native unzip @('-q', $zip, '-d', $target) }
Add-Result 'New-IsClusterNode from zip' $fromZip 'unzip -q' 'ours also checks the pack and writes the node marker'
$fromFolder = Measure-Pair 3 $clean { & $newNode $folder } { Invoke-Native cp @('-a', $folder, $target) }
Add-Result 'New-IsClusterNode from folder' $fromFolder 'cp -a'
& $clean

# 3. Requests/s through the generated HTTP vhost, the recipe's vhost and straight to a backend.
# Requests per second, and every request wrk saw fail: non-2xx/3xx answers and socket errors.
function Measure-Wrk([string] $Url) {
    $out = & wrk -t2 -c32 -d5s $Url 2>&1 | Out-String
    if ($LASTEXITCODE -ne 0 -or $out -notmatch 'Requests/sec:\s+([\d.]+)') { throw "wrk failed or printed no rate for $Url`n$out" }
    $rate = [double]$Matches[1]
    $errors = 0
    if ($out -match 'Non-2xx or 3xx responses:\s+(\d+)') { $errors += [int]$Matches[1] }
    if ($out -match 'Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)') {
        $errors += [int]$Matches[1] + [int]$Matches[2] + [int]$Matches[3] + [int]$Matches[4]
    }
    [pscustomobject]@{ Rate = $rate; Errors = $errors }
}
function Add-RateResult([string] $Against, $Ours, $Theirs) {
    $results.Add([pscustomobject]@{
        Benchmark = 'generated HTTP vhost (wrk)'; Ours = '{0:N0} req/s' -f $Ours.Rate; Baseline = $Against
        BaselineTime = '{0:N0} req/s' -f $Theirs.Rate; Ratio = '{0:N2}' -f ($Ours.Rate / $Theirs.Rate)
        Note = "failed requests: ours $($Ours.Errors), baseline $($Theirs.Errors)"
    })
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
    # Three rounds, the three targets in turns; the median rate and all failed requests of each.
    $rounds = foreach ($round in 1..3) {
        [pscustomobject]@{
            Generated = Measure-Wrk "http://127.0.0.1:$ours/"
            Seed = Measure-Wrk "http://127.0.0.1:$theirs/"
            Direct = Measure-Wrk "http://127.0.0.1:$($benchNodes[0].HttpPort)/"
        }
    }
    $summary = { param($name) [pscustomobject]@{
        Rate = Get-Median @($rounds | ForEach-Object { $_.$name.Rate })
        Errors = ($rounds | ForEach-Object { $_.$name.Errors } | Measure-Object -Sum).Sum } }
    Add-RateResult "recipe's vhost" (& $summary 'Generated') (& $summary 'Seed')
    Add-RateResult 'one backend directly' (& $summary 'Generated') (& $summary 'Direct')
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
        $clientArgs = @('--no-defaults', '--user=root', '--host=127.0.0.1', "--port=$($db.Port)")
        $client = { param($database, $file)
            $run = Start-Process $db.Client -Wait -NoNewWindow -PassThru -RedirectStandardInput $file -ArgumentList ($clientArgs + $database)
            if ($run.ExitCode -ne 0) { throw "mariadb < $file failed with exit code $($run.ExitCode)." } }
        $counter = 0
        # Each run gets a database of its own, made before its timing starts (the client needs it made).
        $newDatabase = { $script:name = "bench_$((++$script:counter))"
            Invoke-Native $db.Client ($clientArgs + @('-e', "CREATE DATABASE $name CHARACTER SET latin1")) }
        $schema = Measure-Pair 3 $newDatabase {
            $schemaNode | Set-IsDatabase -Server 127.0.0.1 -Port $db.Port -Database $name -Credential $db.Admin -InitializeSchema -ProgressAction SilentlyContinue
        } {
            & $client $name (Join-Path $scripts 'shared-db_mysql_kernel-4.10.42.sql')
            & $client $name (Join-Path $scripts 'identity-db_mysql_is-7.x.sql')
        }
        Add-Result 'Set-IsDatabase -InitializeSchema (real scripts)' $schema 'mariadb client < scripts' `
            'ours also checks for an installed schema first and writes deployment.toml'

    }
    finally { Stop-TestMariaDb $db }
}
else { Write-Host "WSO2's reference scripts are not at ${scripts}: the schema benchmark is skipped." }

# 4b. Set-IsDatabase -EncryptSecret on two nodes, each with its own PKCS12 keystore, against the same
# step writing the password as it is; each run a new password, so every run writes.
$vaultPassword = 'bench-keystore'
$vaultKeystore = [pscredential]::new('keystore', (ConvertTo-SecureString $vaultPassword -AsPlainText -Force))
$vaultNodes = foreach ($i in 1, 2) {
    $node = New-IsClusterNode -PackPath $zip -Path (Join-Path $WorkPath "vault-node-$i") -Offset $i -ClusterHost 127.0.0.1 -Force -ProgressAction SilentlyContinue
    $store = Join-Path $node.Home 'repository/resources/security/wso2carbon.p12'
    Remove-Item -LiteralPath $store -ErrorAction Ignore   # the pack's stock keystore
    Invoke-Native keytool @('-genkeypair', '-alias', 'wso2carbon', '-keyalg', 'RSA', '-keysize', '2048', '-dname', 'CN=bench', '-storetype', 'PKCS12',
        '-keystore', $store, '-storepass', $vaultPassword, '-keypass', $vaultPassword) | Out-Null
    $node
}
$vaultRun = 0
$newPassword = { $script:vaultAccount = [pscredential]::new('wso2', (ConvertTo-SecureString "bench-$((++$script:vaultRun))" -AsPlainText -Force)) }
$vault = Measure-Pair 5 $newPassword {
    $vaultNodes | Set-IsDatabase -Server db.example -Database bench -Credential $vaultAccount -EncryptSecret -KeystoreCredential $vaultKeystore
} { $vaultNodes | Set-IsDatabase -Server db.example -Database bench -Credential $vaultAccount }
Add-Result 'Set-IsDatabase -EncryptSecret, 2 nodes' $vault 'Set-IsDatabase, password as it is' `
    'ours also reads each keystore, encrypts each password and writes secret-conf.properties'

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
Invoke-Native grep @('-F', '-q', 'as the Coordinator node', $bigLog)   # warm the page cache for both
$coordinator = Measure-Pair 3 $null { if (($bigNode | Get-IsCoordinator).MemberId -ne 'm-2') { throw 'Get-IsCoordinator read the wrong coordinator' } } {
    Invoke-Native grep @('-F', 'as the Coordinator node', $bigLog) | Out-Null }
Add-Result 'Get-IsCoordinator, 1 GB log' $coordinator "grep -F 'as the Coordinator node'" 'ours reads from the end and stops at the newest start; grep reads it all'
# The worst case: the node never restarted, so its one start is at the head of the gigabyte; ours reads the newest 100,000
# lines backwards, then greps forward for seven markers (grep: one).
$oldLog = Join-Path $WorkPath 'old-log-node/repository/logs/wso2carbon.log'
if (-not (Test-Path $oldLog)) {
    New-Item -ItemType Directory -Force (Split-Path $oldLog) | Out-Null
    Copy-Item -Recurse (Join-Path $bigHome 'repository/conf') (Join-Path $WorkPath 'old-log-node/repository/conf')
    Invoke-Native sh @('-c', 'head -n -3 "$1" > "$2"', 'sh', $bigLog, $oldLog)
}
$oldNode = Get-IsClusterNode (Join-Path $WorkPath 'old-log-node')
$noRestart = Measure-Pair 3 $null { if (($oldNode | Get-IsCoordinator).MemberId -ne 'm-1') { throw 'Get-IsCoordinator read the wrong coordinator' } } {
    Invoke-Native grep @('-F', 'as the Coordinator node', $oldLog) | Out-Null }
Add-Result 'Get-IsCoordinator, 1 GB log, never restarted' $noRestart "grep -F 'as the Coordinator node'" 'the worst case: ours reads its end in vain, then greps seven markers forward'
# The same log's newest 100 entries, as objects, against tail -n 100: both read only its end.
$tail = Measure-Pair 5 $null { if (@($bigNode | Get-IsNodeLog -Tail 100).Count -ne 100) { throw 'Get-IsNodeLog -Tail 100 read the wrong entries' } } {
    Invoke-Native tail @('-n', '100', $bigLog) | Out-Null }
Add-Result 'Get-IsNodeLog -Tail 100, 1 GB log' $tail 'tail -n 100' 'ours also parses each entry into an object'

# 6. Set-IsHostsEntry on a hosts file of 100,000 lines, from a fresh pwsh, against the shell
# rewrite an admin would script (grep -v the name, append the line, move into place); the peak
# memory is the whole pwsh process's.
$bigHosts = Join-Path $WorkPath 'hosts-100k'
$hostsLines = foreach ($i in 0..99999) { "10.1.$([int][Math]::Floor($i / 250)).$($i % 250)`thost$i.example" }
$resetHosts = { [IO.File]::WriteAllLines($bigHosts, $hostsLines) }
$peakFile = Join-Path $WorkPath 'hosts-peak'
$hostsPair = Measure-Pair 3 $resetHosts {
    Invoke-FreshBench ("Import-Module '$ModuleManifest'; Set-IsHostsEntry wso2.is 10.0.0.10 -Path '$bigHosts' | Out-Null; " +
        "[Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 | Set-Content '$peakFile'") } {
    Invoke-Native bash @('-c', "grep -v -w 'wso2.is' '$bigHosts' > '$bigHosts.new'; echo '10.0.0.10 wso2.is' >> '$bigHosts.new' && mv '$bigHosts.new' '$bigHosts'") }
Add-Result 'Set-IsHostsEntry, 100,000-line hosts file, fresh pwsh' $hostsPair 'grep -v, append, mv' `
    ("peak memory {0:N0} MB (the whole pwsh); ours also starts pwsh, keeps mode and backup" -f ((Get-Content $peakFile) / 1MB))

# 6b. Restarting a cluster of 2 and of 3 stand-in nodes behind a real NGINX while clients send GETs
# and POSTs through it (TrafficGenerator: every request counted), Restart-IsNode -Rolling against
# the naive way (Stop-IsNode -Wait, then Start-IsNode -Wait, per node); the same traffic for both.
$rollRoot = Join-Path $WorkPath 'rolling'
if (Test-Path $rollRoot) { Remove-Item $rollRoot -Recurse -Force }
$rollNginx = Start-TestNginx -Prefix (Join-Path $rollRoot 'nginx')
$rollNodes = @()
try {
    $rollPort = Get-FreePort
    $nginxAt = @{ NginxPath = $rollNginx.Binary; Prefix = $rollNginx.Prefix; ConfigPath = $rollNginx.Config }
    foreach ($count in 2, 3) {
        $rollNodes | Stop-IsNode -Wait -ErrorAction SilentlyContinue
        Get-ChildItem $rollNginx.ConfD | Remove-Item
        $rollNodes = foreach ($i in 1..$count) {
            New-IsClusterNode -PackPath $zip -Path (Join-Path $rollRoot "$count-node$i") -Offset (Get-FreeIsOffset) -ClusterHost 127.0.0.1 `
                -ClusterPort (Get-FreePort) -Force -ProgressAction SilentlyContinue
        }
        $rollNodes | Set-IsClustering -Hostname wso2.is -WarningAction SilentlyContinue
        $rollSites = $rollNodes | New-NginxUpstream -ServerName wso2.is -Scheme Http -ConfigDirectory $rollNginx.ConfD -ListenAddress 127.0.0.1 -HttpListenPort $rollPort
        $rollSites | Invoke-NginxReload @nginxAt | Out-Null
        $rollNodes | Start-IsNode -Wait -TimeoutSeconds 60
        $runs = [ordered]@{
            Ours = { $rollNodes | Restart-IsNode -Rolling -Site $rollSites @nginxAt -TimeoutSeconds 60 }
            Theirs = { foreach ($n in $rollNodes) { $n | Stop-IsNode -Wait; $n | Start-IsNode -Wait -TimeoutSeconds 60 } }
        }
        $measured = @{}
        foreach ($side in $runs.Keys) {
            $traffic = Start-TestTraffic -Port $rollPort -Folder (Join-Path $rollRoot "traffic-$count-$side")
            $seconds = (Measure-Command $runs[$side]).TotalSeconds
            Start-Sleep -Seconds 1
            $measured[$side] = [pscustomobject]@{ Seconds = $seconds; Count = Stop-TestTraffic $traffic }
        }
        $show = { param($m) '{0} failed of {1:N0}, {2:N1} s' -f $m.Count.Failed, $m.Count.Total, $m.Seconds }
        $results.Add([pscustomobject]@{
            Benchmark = "Restart-IsNode -Rolling -Site, $count nodes under traffic"; Ours = & $show $measured.Ours
            Baseline = 'Stop-IsNode -Wait; Start-IsNode -Wait per node, same traffic'; BaselineTime = & $show $measured.Theirs
            Ratio = '{0:N2}' -f ($measured.Ours.Seconds / $measured.Theirs.Seconds)
            Note = "ratio of times; ours also drains and waits until each node joined. Failures of the naive way: " +
                (($measured.Theirs.Count.Failures.PSObject.Properties | ForEach-Object { "$($_.Value) $($_.Name)" }) -join ', ')
        })
    }
}
finally {
    $rollNodes | Stop-IsNode -Wait -ErrorAction SilentlyContinue
    Stop-TestNginx $rollNginx
}

# 7. Over SSH: a 300 MB pack streamed into tar by New-IsClusterNode -Session against scp of the
# same file (and then ssh unzip), uploaded and unzipped on a machine without tar, and streamed to
# four machines in one call (sshds in mount namespaces of their own: the same path is a different
# folder on each) against four scp + ssh unzip at once; and one Set-IsClustering change from a
# fresh pwsh over 1, 4 and 16 machines (sshd instances on 127.0.0.2 and up) against as many
# `ssh host true` started together.
$sshRoot = Join-Path $WorkPath "ssh-$PID"
New-Item -ItemType Directory -Force $sshRoot | Out-Null
& (Find-RealPart ssh-keygen) -q -t ed25519 -N '' -f "$sshRoot/client"
$sshPort = Get-FreePort
$machines = foreach ($i in 2..17) { Start-TestSshd -Folder "$sshRoot/host$i" -Address "127.0.0.$i" -Port $sshPort -ClientKey "$sshRoot/client" }
$noTar = Start-TestSshd -Folder "$sshRoot/no-tar" -Address 127.0.0.18 -Port $sshPort -ClientKey "$sshRoot/client" -Without tar
$fleetPath = New-Item -ItemType Directory -Force "$sshRoot/fleet"
$fleet = foreach ($i in 20..23) { Start-TestSshd -Folder "$sshRoot/fleet$i" -Address "127.0.0.$i" -Port $sshPort -ClientKey "$sshRoot/client" -PrivateFolder $fleetPath }
$knownHosts = "$sshRoot/known_hosts"
$user = [Environment]::UserName
try {
    # Records every host key once; the timed runs then check against it, as a real admin's would.
    New-IsSshSession -HostName (@($machines | ForEach-Object Address) + $noTar.Address + @($fleet | ForEach-Object Address)) -Port $sshPort -UserName $user -KeyFilePath "$sshRoot/client" -KnownHostsPath $knownHosts -AcceptNewHostKey | Out-Null
    $ssh = @('-p', $sshPort, '-i', "$sshRoot/client", '-o', "UserKnownHostsFile=$knownHosts", '-o', 'BatchMode=yes')

    $remoteHome = "$sshRoot/uploaded"
    $scpArgs = @('-q', '-P', $sshPort, '-i', "$sshRoot/client", '-o', "UserKnownHostsFile=$knownHosts", '-o', 'BatchMode=yes')
    # Ours from a fresh pwsh too, as the scp and ssh baselines each start a process and handshake.
    $newRemoteNode = { param($address, $clusterHost) Invoke-FreshBench @"
Import-Module '$ModuleManifest'
`$s = New-IsSshSession -HostName $address -Port $sshPort -UserName $user -KeyFilePath '$sshRoot/client' -KnownHostsPath '$knownHosts'
New-IsClusterNode -PackPath '$zip' -Path '$remoteHome' -Session `$s -ClusterHost $clusterHost -ProgressAction SilentlyContinue | Out-Null
"@ }
    $cleanRemote = { Remove-Item $remoteHome, "$sshRoot/scp.zip", "$sshRoot/scp-unzipped" -Recurse -Force -ErrorAction Ignore }
    $scpOnly = { Invoke-Native scp ($scpArgs + @($zip, "$($user)@127.0.0.2:$sshRoot/scp.zip")) }
    $scpUnzip = { & $scpOnly; Invoke-Native ssh ($ssh + @("$user@127.0.0.2", 'unzip', '-q', "$sshRoot/scp.zip", '-d', "$sshRoot/scp-unzipped")) }
    $upload = Measure-Pair 3 $cleanRemote { & $newRemoteNode 127.0.0.2 127.0.0.2 } $scpOnly
    Add-Result 'New-IsClusterNode -Session (tar stream), fresh pwsh' $upload 'scp (upload only)' 'ours also unpacks, and starts pwsh'
    $upload = Measure-Pair 5 $cleanRemote { & $newRemoteNode 127.0.0.2 127.0.0.2 } $scpUnzip
    Add-Result 'New-IsClusterNode -Session (tar stream), fresh pwsh' $upload 'scp, then ssh unzip' 'ours also starts pwsh'
    $unzipped = Measure-Pair 3 $cleanRemote { & $newRemoteNode 127.0.0.18 127.0.0.18 } $scpUnzip
    Add-Result 'New-IsClusterNode -Session, no tar (upload + unzip), fresh pwsh' $unzipped 'scp, then ssh unzip' 'ours also starts pwsh'

    $cleanFleet = { foreach ($m in $fleet) { Get-ChildItem -Force "$($m.Folder)/private" | Remove-Item -Recurse -Force } }
    $fleetNodes = { Invoke-FreshBench @"
Import-Module '$ModuleManifest'
`$s = New-IsSshSession -HostName $(($fleet | ForEach-Object { "'$($_.Address)'" }) -join ',') -Port $sshPort -UserName $user -KeyFilePath '$sshRoot/client' -KnownHostsPath '$knownHosts'
`$made = @(New-IsClusterNode -PackPath '$zip' -Path '$fleetPath/node' -Session `$s -ProgressAction SilentlyContinue)
if (`$made.Count -ne $($fleet.Count)) { exit 1 }
"@ }
    # Each machine's scp and then its unzip, the four machines at once; any failure fails the run.
    $fleetByHand = {
        $each = foreach ($m in $fleet) {
            "(scp $($scpArgs -join ' ') '$zip' '$($user)@$($m.Address):$fleetPath/scp.zip' && ssh $($ssh -join ' ') $user@$($m.Address) unzip -q '$fleetPath/scp.zip' -d '$fleetPath/scp-unzipped') & pids=`"`$pids `$!`""
        }
        Invoke-Native bash @('-c', ($each -join "`n") + "`nfor p in `$pids; do wait `$p || exit 1; done")
    }
    $fourAtOnce = Measure-Pair 3 $cleanFleet $fleetNodes $fleetByHand
    Add-Result 'New-IsClusterNode -Session, 4 machines in one call, fresh pwsh' $fourAtOnce '4 × (scp, then ssh unzip) at once' 'ours also starts pwsh'

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
        # Every ssh's own exit code counts: wait for each by its pid.
        $sshLine = ($hosts | ForEach-Object { "ssh $($ssh -join ' ') $user@$($_.Address) true & pids=`"`$pids `$!`";" }) -join ' '
        $sshAll = { Invoke-Native bash @('-c', "pids=; $sshLine for p in `$pids; do wait `$p || exit 1; done") }
        $pair = Measure-Pair 3 $null { Invoke-FreshBench $script } $sshAll
        Add-Result "Set-IsClustering from a fresh pwsh, $count host(s)" $pair "$count x ssh host true, in parallel" 'ours also starts pwsh and edits the files'
        if ($count -eq 1) {
            $pair = Measure-Pair 5 $null { Invoke-FreshBench $script } { Invoke-FreshBench 'exit'; & $sshAll }
            Add-Result 'Set-IsClustering from a fresh pwsh, 1 host' $pair 'bare pwsh start + ssh host true' 'goal: ratio 1.3 or less'
            # A session is two SSH connections (commands and SFTP), handshaken side by side; the first in a process also pays
            # for loading and compiling SSH.NET and the key exchange's code.
            $connects = Invoke-Pwsh @"
Import-Module '$ModuleManifest'
foreach (`$i in 1..3) { `$sw = [Diagnostics.Stopwatch]::StartNew(); `$s = New-IsSshSession -HostName $($hosts[0].Address) -Port $sshPort -UserName $user -KeyFilePath '$sshRoot/client' -KnownHostsPath '$knownHosts'; [int]`$sw.Elapsed.TotalMilliseconds; `$s | Remove-IsSshSession }
"@
            Write-Host "New-IsSshSession in one fresh process, three times (ms): $($connects -join ', '); the key exchange: $((Select-String -Path $hosts[0].Log -Pattern 'kex: algorithm: (\S+)' | Select-Object -Last 1).Matches.Groups[1].Value)"
        }
        if ($count -eq 16) {
            # The plan of a 16-host cluster that is what its spec says: every machine read at once, nothing to change.
            $specPath = "$sshRoot/cluster16.psd1"
            $entries = for ($i = 0; $i -lt $count; $i++) {
                "@{ Name = '$(Split-Path -Leaf $homes[$i])'; ComputerName = '$($hosts[$i].Address)'; Path = '$($homes[$i])'; ClusterHost = '$($hosts[$i].Address)'; State = 'Stopped' }"
            }
            Set-Content $specPath "@{`n    Nodes = @(`n        $($entries -join "`n        ")`n    )`n}"
            $sessions = New-IsSshSession -HostName ($hosts | ForEach-Object Address) -Port $sshPort -UserName $user -KeyFilePath "$sshRoot/client" -KnownHostsPath $knownHosts
            Invoke-IsClusterPlan -Spec $specPath -Session $sessions -WarningAction SilentlyContinue -ErrorAction Stop
            $sessions | Remove-IsSshSession
            $plan = @"
Import-Module '$ModuleManifest'
`$s = New-IsSshSession -HostName $(($hosts | ForEach-Object Address | ForEach-Object { "'$_'" }) -join ',') -Port $sshPort -UserName $user -KeyFilePath '$sshRoot/client' -KnownHostsPath '$knownHosts'
if (@(Get-IsClusterPlan '$specPath' -Session `$s).Count -ne 0) { exit 1 }
"@
            $pair = Measure-Pair 3 $null { Invoke-FreshBench $plan } $sshAll
            Add-Result 'Get-IsClusterPlan, 16 hosts, nothing to change, fresh pwsh' $pair '16 x ssh host true, in parallel' 'goal: ratio 1.3 or less; ours also starts pwsh and reads every node'

            # The agreement checks of the same 16 nodes, each with a 2.5 MB driver jar to hash where it is.
            $jar = [byte[]]::new(2.5MB); [Random]::new(16).NextBytes($jar)
            foreach ($h in $homes) { [IO.File]::WriteAllBytes("$h/repository/components/lib/mysql-connector-j-8.4.0.jar", $jar) }
            $agree = @"
Import-Module '$ModuleManifest'
`$s = New-IsSshSession -HostName $(($hosts | ForEach-Object Address | ForEach-Object { "'$_'" }) -join ',') -Port $sshPort -UserName $user -KeyFilePath '$sshRoot/client' -KnownHostsPath '$knownHosts'
`$homes = @($(($homes | ForEach-Object { "'$_'" }) -join ','))
`$nodes = for (`$i = 0; `$i -lt `$s.Count; `$i++) { Get-IsClusterNode `$homes[`$i] -Session `$s[`$i] }
if (@(`$nodes | Compare-IsClusterNode).Count -ne 0) { exit 1 }
"@
            $pair = Measure-Pair 3 $null { Invoke-FreshBench $agree } $sshAll
            Add-Result 'Compare-IsClusterNode (the agreement checks), 16 hosts, fresh pwsh' $pair '16 x ssh host true, in parallel' 'goal: ratio 1.5 or less; ours also starts pwsh, reads every node and hashes its jars there'
        }
    }
}
finally {
    Get-IsSshSession | Remove-IsSshSession
    foreach ($m in @($machines) + $noTar + @($fleet)) { Stop-TestSshd $m }
}

# 8. Scale out under traffic: a third node through the spec (made, started, only then in the upstream; the others
# restarted drained, one at a time), against the same by hand as the recipe does it: make the node, rewrite every member
# list, the database settings and the upstream, reload, start it, then stop and start each other node. Each run starts
# from the two-node cluster (the spec without the third node, its files removed); the requests that failed are counted.
$scaleRoot = Join-Path $WorkPath "scale-$PID"
$scaleNginx = Start-TestNginx -Prefix (Join-Path $scaleRoot 'nginx')
try {
    $scalePack = & (Join-Path $PSScriptRoot 'New-StandInPack.ps1') -Destination (Join-Path $scaleRoot 'pack')
    $httpPort = Get-FreePort
    $nginxAt = @{ NginxPath = $scaleNginx.Binary; Prefix = $scaleNginx.Prefix; ConfigPath = $scaleNginx.Config }
    $entry = { param($name) @{ Name = $name; Path = (Join-Path $scaleRoot $name); ClusterHost = '127.0.0.1'; ClusterPort = (Get-FreePort); Offset = (Get-FreeIsOffset) } }
    $nodes = 'a', 'b', 'c' | ForEach-Object { & $entry $_ }
    $account = @{ db = [pscredential]::new('wso2is', (ConvertTo-SecureString 'Bench-pw1' -AsPlainText -Force)) }
    $scaleSpec = { param([int] $count) @{
        Pack = $scalePack; Hostname = 'wso2.is'; TimeoutSeconds = 60; DrainSeconds = 5; Nodes = $nodes[0..($count - 1)]
        Database = @{ Server = 'db.example'; Name = 'regdb'; Credential = 'db' }
        LoadBalancer = @{ ServerName = 'wso2.is'; Scheme = 'Http'; ConfigDirectory = $scaleNginx.ConfD; ListenAddress = '127.0.0.1'; HttpListenPort = $httpPort
                          NginxPath = $scaleNginx.Binary; Prefix = $scaleNginx.Prefix; ConfigPath = $scaleNginx.Config }
    } }
    $twoNodes = { Invoke-IsClusterPlan -Spec (& $scaleSpec 2) -Credential $account -RemoveFiles -ErrorAction Stop -WarningAction SilentlyContinue }
    $bySpec = { Invoke-IsClusterPlan -Spec (& $scaleSpec 3) -Credential $account -ErrorAction Stop -WarningAction SilentlyContinue }
    $byHand = {
        $c = $nodes[2]
        $new = New-IsClusterNode -PackPath $scalePack -Path $c.Path -Name c -Offset $c.Offset -ClusterHost 127.0.0.1 -ClusterPort $c.ClusterPort -ProgressAction SilentlyContinue
        $all = @(Get-IsClusterNode $nodes[0].Path, $nodes[1].Path) + $new
        $all | Set-IsClustering -Hostname wso2.is -ReplaceMembers -WarningAction SilentlyContinue
        $all | Set-IsDatabase -Server db.example -Database regdb -Credential $account.db -WarningAction SilentlyContinue
        $new | Start-IsNode -Wait -TimeoutSeconds 60
        $all | New-NginxUpstream -ServerName wso2.is -Scheme Http -ConfigDirectory $scaleNginx.ConfD -ListenAddress 127.0.0.1 -HttpListenPort $httpPort |
            Invoke-NginxReload @nginxAt | Out-Null
        foreach ($node in $all[0..1]) { $node | Stop-IsNode -Wait; $node | Start-IsNode -Wait -TimeoutSeconds 60 }
    }
    & $twoNodes
    $runs = @{ Spec = [Collections.Generic.List[double]]::new(); Hand = [Collections.Generic.List[double]]::new() }
    $failed = @{ Spec = 0; Hand = 0; Total = 0 }
    foreach ($i in 1..2) {
        foreach ($side in 'Spec', 'Hand') {
            & $twoNodes
            $traffic = Start-TestTraffic -Port $httpPort -Folder (Join-Path $scaleRoot "traffic-$side-$i")
            $runs[$side].Add((Measure-Command { if ($side -eq 'Spec') { & $bySpec } else { & $byHand } }).TotalSeconds)
            Start-Sleep -Seconds 1
            $count = Stop-TestTraffic $traffic
            $failed[$side] += $count.Failed
            $failed.Total += $count.Total
        }
    }
    Add-Result 'Scale out 2 -> 3 nodes under traffic (Invoke-IsClusterPlan)' ([pscustomobject]@{ Ours = Get-Median $runs.Spec; Theirs = Get-Median $runs.Hand }) `
        'by hand: make it, edit every file, reload, stop and start each node' "failed requests: ours $($failed.Spec), by hand $($failed.Hand) (of $($failed.Total) sent); ours drains and waits until each node has joined"
}
finally {
    Get-ChildItem $scaleRoot -Directory | Where-Object Name -In 'a', 'b', 'c' | ForEach-Object { Get-IsClusterNode $_.FullName | Stop-IsNode -Wait -ErrorAction SilentlyContinue }
    Stop-TestNginx $scaleNginx
}

Write-Host "`nFor times, a ratio < 1 means WsoClusterPS is faster; for req/s, a ratio > 1 means more requests per second. Machine: $([Environment]::ProcessorCount) cores."
$results | Format-Table -AutoSize -Wrap | Out-String -Width 300 | Write-Host
