BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Pack = New-TestPack -Destination (Join-Path $TestDrive 'pack')
    $script:FolderPack = New-TestPack -Destination (Join-Path $TestDrive 'folder-pack') -AsFolder
}

Describe 'New-IsClusterNode' {
    BeforeEach {
        $script:Work = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory $Work | Out-Null
        Push-Location $Work
    }
    AfterEach { Pop-Location }

    It 'unwraps the top folder of the zip and keeps bin/*.sh executable' {
        $node = New-IsClusterNode -PackPath $Pack -Path ./manager -Role Manager -ClusterHost 10.0.0.4
        $node.Home | Should -Be (Join-Path $Work 'manager')
        Get-TomlPath $node.Home | Should -Exist
        (Get-Item ./manager/bin/wso2server.sh).UnixFileMode.ToString() | Should -Match 'UserExecute'
        & ./manager/bin/wso2server.sh version | Should -Be 'WSO2 Identity Server v7.1.0 (stand-in)'
    }

    It 'makes a node from an unpacked folder too' {
        $node = New-IsClusterNode -PackPath $FolderPack -Path ./from-folder -ClusterHost 10.0.0.4
        & "$($node.Home)/bin/wso2server.sh" version | Should -Be 'WSO2 Identity Server v7.1.0 (stand-in)'
    }

    It 'handles names with spaces and shows the node in a table' {
        $node = New-IsClusterNode -PackPath $Pack -Path './my nodes/worker one' -Offset 1 -ClusterHost 10.0.0.4
        $node.Name | Should -Be 'worker one'
        ($node.HttpsPort, $node.HttpPort, $node.ClusterPort) | Should -Be @(9444, 9764, 4001)
        $table = $node | Format-Table | Out-String
        $table | Should -Match 'worker one\s+Worker\s+localhost\s+10\.0\.0\.4:4001'
    }

    It 'writes the offset into [server] and nothing else' {
        New-IsClusterNode -PackPath $Pack -Path ./w -Offset 3 -ClusterHost 10.0.0.4 | Out-Null
        $stock = Get-Content -Raw (Join-Path $RepoRoot 'tests/tools/standin-pack/deployment.toml')
        $written = Get-Content -Raw (Get-TomlPath ./w)
        $written | Should -Be $stock.Replace("`${carbon.management.port}`"`n", "`${carbon.management.port}`"`noffset = `"3`"`n")
    }

    It 'refuses a folder that is in use, and -Force replaces it' {
        New-Item -ItemType Directory ./taken | Out-Null
        Set-Content ./taken/notes.txt 'mine'
        { New-IsClusterNode -PackPath $Pack -Path ./taken -ErrorAction Stop } | Should -Throw -ErrorId 'NewIsClusterNodePathNotEmpty,WsoClusterPS.Commands.NewIsClusterNodeCommand'
        Get-Content ./taken/notes.txt | Should -Be 'mine'

        New-IsClusterNode -PackPath $Pack -Path ./taken -Force -ClusterHost 10.0.0.4 | Out-Null
        './taken/notes.txt' | Should -Not -Exist
        './taken/bin/wso2server.sh' | Should -Exist
        Get-ChildItem -Force . | ForEach-Object Name | Should -Be @('taken')
    }

    It 'refuses what is not an IS pack and leaves nothing behind' {
        Set-Content ./readme.txt 'not a pack'
        Compress-Archive -Path ./readme.txt -DestinationPath ./other.zip
        $err = $null
        New-IsClusterNode -PackPath ./other.zip -Path ./node -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'NewIsClusterNodeNotAPack,WsoClusterPS.Commands.NewIsClusterNodeCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].Exception.Message | Should -Match 'is not a WSO2 IS pack: it has no repository/conf/deployment.toml'
        Get-ChildItem -Force . | ForEach-Object Name | Sort-Object | Should -Be @('other.zip', 'readme.txt')
    }

    It 'says when the pack does not exist' {
        { New-IsClusterNode -PackPath ./missing.zip -Path ./node -ErrorAction Stop } | Should -Throw '*missing.zip*does not exist*'
    }

    It 'creates nothing with -WhatIf, and says what it would create' {
        $err = $null
        New-IsClusterNode -PackPath $Pack -Path ./manager -WhatIf -ErrorVariable err | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
        './manager' | Should -Not -Exist
        $shown = Invoke-FreshPwsh -WorkingDirectory $Work -Script "New-IsClusterNode -PackPath '$Pack' -Path ./manager -WhatIf"
        $shown.ExitCode | Should -Be 0
        $shown.Text | Should -Match 'What if: .*Create Worker node ''manager'' from '
        './manager' | Should -Not -Exist
    }
}
