BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:NoMariaDb = -not (Find-RealPart mariadbd)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Db = Start-TestMariaDb -Folder (Join-Path $TestDrive 'mariadb')
    $script:Pack = New-TestPack -Destination (Join-Path $TestDrive 'pack')
    $script:IsCredential = [pscredential]::new('wso2is', (ConvertTo-SecureString 'Is-Pa55;word' -AsPlainText -Force))
    & $Db.Client --no-defaults --user=root --host=127.0.0.1 "--port=$($Db.Port)" -e "CREATE USER 'wso2is'@'%' IDENTIFIED BY 'Is-Pa55;word'; GRANT ALL PRIVILEGES ON ``wsois%``.* TO 'wso2is'@'%';"
}

AfterAll { Stop-TestMariaDb $Db }

Describe 'Set-IsDatabase' -Skip:$NoMariaDb {
    BeforeEach {
        $script:Work = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory $Work | Out-Null
        Push-Location $Work
        $script:Nodes = @(New-TestNodePair $Pack)
        $script:Name = 'wsois' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    }
    AfterEach { Pop-Location }

    It 'creates the schema once for the whole pipeline and points every node at it' {
        $Nodes | Set-IsDatabase -Server 127.0.0.1 -Port $Db.Port -Database $Name -Credential $IsCredential -ConnectionOption @{ useSSL = 'false' } -InitializeSchema
        $tables = & $Db.Client --no-defaults --user=root --host=127.0.0.1 "--port=$($Db.Port)" -N -e "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$Name' ORDER BY 1"
        $tables | Should -Be @('CM_PII_CATEGORY', 'IDN_BASE_TABLE', 'IDN_OAUTH_CONSUMER_APPS', 'REG_CLUSTER_LOCK', 'UM_TENANT')
        foreach ($node in $Nodes) {
            $toml = Get-Content -Raw (Get-TomlPath $node.Home)
            $toml | Should -Match ([regex]::Escape("url = `"jdbc:mysql://127.0.0.1:$($Db.Port)/$Name`?useSSL=false`""))
            $toml | Should -Not -Match 'jdbc:h2'
        }
    }

    It 'is a no-op the second time' {
        $Nodes | Set-IsDatabase -Server 127.0.0.1 -Port $Db.Port -Database $Name -Credential $IsCredential -InitializeSchema
        $verbose = $Nodes | Set-IsDatabase -Server 127.0.0.1 -Port $Db.Port -Database $Name -Credential $IsCredential -InitializeSchema -Verbose 4>&1 | Out-String
        $verbose | Should -Match 'dbscripts/identity/mysql.sql: already installed'
        $verbose | Should -Match 'unchanged, not rewritten'
    }

    It 'never shows the password, not even with -WhatIf' {
        $result = Invoke-FreshPwsh -WorkingDirectory $Work -Script "`$c = [pscredential]::new('wso2is', (ConvertTo-SecureString 'Is-Pa55;word' -AsPlainText -Force)); Get-IsClusterNode ./manager | Set-IsDatabase -Server 127.0.0.1 -Database $Name -Credential `$c -WhatIf -Verbose"
        $result.Text | Should -Match '\+password = "\*\*\*\*\*\*\*\*"'
        $result.Text | Should -Not -Match 'Pa55'
    }

    It 'stops before any file when the server refuses the credential' {
        $before = Get-Content -Raw (Get-TomlPath ./manager)
        $wrong = [pscredential]::new('wso2is', (ConvertTo-SecureString 'nope' -AsPlainText -Force))
        { $Nodes | Set-IsDatabase -Server 127.0.0.1 -Port $Db.Port -Database $Name -Credential $wrong -InitializeSchema -ErrorAction Stop } |
            Should -Throw -ErrorId 'SetIsDatabaseAccessDenied,WsoClusterPS.Commands.SetIsDatabaseCommand'
        Get-Content -Raw (Get-TomlPath ./manager) | Should -Be $before
    }

    It 'runs in a session that already loaded an older Microsoft.Extensions.Logging.Abstractions' {
        $packages = (& dotnet nuget locals global-packages --list --force-english-output).Split(': ', 2)[1].Trim()
        $old = Join-Path $packages 'microsoft.extensions.logging.abstractions/6.0.0/lib/netstandard2.0/Microsoft.Extensions.Logging.Abstractions.dll'
        $old | Should -Exist
        $result = Invoke-FreshPwsh -WorkingDirectory $Work -Prelude "`$old = [Reflection.Assembly]::LoadFrom('$old')" -Script @"
`$c = [pscredential]::new('wso2is', (ConvertTo-SecureString 'Is-Pa55;word' -AsPlainText -Force))
Get-IsClusterNode ./manager | Set-IsDatabase -Server 127.0.0.1 -Port $($Db.Port) -Database $Name -Credential `$c -InitializeSchema
'loaded:' + ((([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Microsoft.Extensions.Logging.Abstractions' }) | ForEach-Object { "`$(`$_.GetName().Version)@`$([Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name)" }) -join ',')
"@
        $result.ExitCode | Should -Be 0 -Because $result.Text
        $result.Text | Should -Match 'loaded:.*6\.0\.0\.0@Default'
        $result.Text | Should -Match '8\.0\.0\.0@WsoClusterPS'
        & $Db.Client --no-defaults --user=root --host=127.0.0.1 "--port=$($Db.Port)" -N -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$Name'" | Should -Be 5
    }
}
