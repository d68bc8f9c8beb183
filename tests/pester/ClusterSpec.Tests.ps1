BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Pack = New-TestPack -Destination (Join-Path $TestDrive 'pack')
}

Describe 'A cluster spec through the built module' {
    BeforeEach {
        $script:Work = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory $Work | Out-Null
        Push-Location $Work
        # Two stopped nodes: built and configured, never started.
        Set-Content ./cluster.psd1 @"
@{
    Pack = '$Pack'
    Hostname = 'wso2.is'
    Nodes = @(
        @{ Name = 'manager'; Role = 'Manager'; Path = './manager'; ClusterHost = '10.0.0.4'; State = 'Stopped' }
        @{ Name = 'worker'; Path = './worker'; ClusterHost = '10.0.0.4'; Offset = 1; State = 'Stopped' }
    )
}
"@
    }
    AfterEach { Pop-Location }

    It 'plans, applies, and then plans nothing; the table view names each change' {
        $plan = Get-IsClusterPlan ./cluster.psd1
        $plan.Action | Should -Be @('Create', 'Create', 'Update', 'Update')
        $plan[0] | Should -BeOfType WsoClusterPS.IsClusterChange
        ($plan | Format-Table | Out-String) | Should -Match 'Step\s+Action\s+Node\s+Host\s+Target\s+Status\s+Reason'
        $plan[2].Diff | Should -Match '\+members = \["10\.0\.0\.4:4000", "10\.0\.0\.4:4001"\]'

        $plan | Invoke-IsClusterPlan
        (Get-Content -Raw ./worker/repository/conf/deployment.toml) | Should -Match 'members = \["10\.0\.0\.4:4000", "10\.0\.0\.4:4001"\]'
        # No secret was written, so the file keeps the mode the pack gave it.
        $stock = New-IsClusterNode $Pack ./stock -ClusterHost 10.0.0.4
        (Get-Item ./worker/repository/conf/deployment.toml).UnixFileMode | Should -Be (Get-Item ./stock/repository/conf/deployment.toml).UnixFileMode
        Get-IsClusterPlan ./cluster.psd1 | Should -BeNullOrEmpty
    }

    It 'exports what it built, and the export plans nothing' {
        Invoke-IsClusterPlan -Spec ./cluster.psd1
        Get-IsClusterNode ./manager, ./worker | Export-IsClusterSpec ./exported.psd1
        $exported = Import-PowerShellDataFile ./exported.psd1
        $exported.Nodes.Name | Should -Be @('manager', 'worker')
        $exported.Nodes.State | Should -Be @('Stopped', 'Stopped')
        Get-IsClusterPlan ./exported.psd1 | Should -BeNullOrEmpty
    }

    It 'refuses a misspelt key by name and changes nothing' {
        Set-Content ./typo.psd1 "@{ Hostnme = 'wso2.is'; Nodes = @(@{ Path = './a' }) }"
        { Get-IsClusterPlan ./typo.psd1 -ErrorAction Stop } | Should -Throw '*The spec has the key(s) Hostnme*'
        Test-Path ./a | Should -BeFalse
    }
}
