BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $pack = New-TestPack -Destination (Join-Path $TestDrive 'pack')
    Push-Location $TestDrive
    New-IsClusterNode $pack ./nodes/manager -Role Manager -ClusterHost 10.0.0.4 | Out-Null
    New-IsClusterNode $pack ./nodes/worker -Offset 1 -ClusterHost 10.0.0.4 | Set-IsClustering -Hostname wso2.is -WarningAction SilentlyContinue
}
AfterAll { Pop-Location }

Describe 'Get-IsClusterNode' {
    It 'picks up nodes an earlier session made, role and ports included' {
        $nodes = Get-IsClusterNode ./nodes/*
        $nodes.Name | Should -Be @('manager', 'worker')
        $nodes.Role | Should -Be @('Manager', 'Worker')
        $nodes.HttpsPort | Should -Be @(9443, 9444)
        $nodes.ClusterPort | Should -Be @(4000, 4001)
        $nodes.Hostname | Should -Be @('localhost', 'wso2.is')
    }

    It 'takes folders from Get-ChildItem and a role from -Role' {
        $nodes = Get-ChildItem ./nodes -Directory | Get-IsClusterNode -Role Manager
        $nodes.Role | Should -Be @('Manager', 'Manager')
    }

    It 'reports a folder that is not a node, and goes on with the rest' {
        $err = $null
        $nodes = Get-IsClusterNode ./nodes/manager, ./pack -ErrorVariable err -ErrorAction SilentlyContinue
        $nodes.Name | Should -Be 'manager'
        $err[0].FullyQualifiedErrorId | Should -Be 'GetIsClusterNodeNotFound,WsoClusterPS.Commands.GetIsClusterNodeCommand'
        $err[0].Exception.Message | Should -Match 'is not a WSO2 IS home'
    }
}
