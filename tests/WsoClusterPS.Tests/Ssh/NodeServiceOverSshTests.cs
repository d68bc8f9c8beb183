using WsoClusterPS.Tests.Support;
using static WsoClusterPS.Tests.Support.TrafficCluster;

namespace WsoClusterPS.Tests.Ssh;

/// <summary>
/// Nodes as systemd services, reached over SSH as a user who is not root, with sudo: units written at
/// /etc/systemd/system and driven through systemctl, both the stand-in's (<see cref="StandInSystemd"/>) inside the
/// sshd's mount namespace, which records every call.
/// </summary>
[Collection(NonRootSshCollection.Name)]
public class NodeServiceOverSshTests : InSshShell
{
    private const string Connect = "$s = New-IsSshSession 127.0.0.1 -Port $port -UserName $user -KeyFilePath $key -KnownHostsPath $known -AcceptNewHostKey -UseSudo";
    private readonly NonRootSshServer _sshd;

    public NodeServiceOverSshTests(NonRootSshServer sshd)
    {
        _sshd = sshd;
        if (_sshd.Systemd != null) _sshd.Systemd.TakeCalls();
    }

    private StandInSystemd Systemd => _sshd.Systemd;

    private Dictionary<string, object> Variables(IDictionary<string, object> more = null)
    {
        var variables = new Dictionary<string, object>
        {
            ["port"] = _sshd.Port, ["key"] = _sshd.ClientKey("ed25519"), ["known"] = Temp.Combine("known_hosts"), ["user"] = NonRootSshServer.SudoUser,
        };
        foreach (var (name, value) in more ?? new Dictionary<string, object>()) variables[name] = value;
        return variables;
    }

    /// <summary>A stopped node made here (root's), as the sudo user sees it over SSH: $n.</summary>
    private Dictionary<string, object> StoppedNode(string name)
    {
        var made = Shell.Run($"$null = New-IsClusterNode $pack ./{name} -ClusterHost 127.0.0.1", new Dictionary<string, object> { ["pack"] = StandInPack.Make(Temp.Combine("pack")) });
        Assert.Empty(made.Errors);
        return Variables(new Dictionary<string, object> { ["nodeHome"] = Temp.Combine(name) });
    }

    [NeedsNonRootSshFact]
    public void A_unit_is_written_as_root_systemd_accepts_it_it_is_enabled_and_a_second_run_changes_nothing()
    {
        Assert.Null(StandInSystemd.SkipReason);
        var variables = StoppedNode("manager");

        var installed = Shell.Run(Connect + "; $n = Get-IsClusterNode -Path $nodeHome -Session $s; " +
            "$n | Install-IsNodeService -JavaHome '/usr/lib/jvm/java 17' -MemoryOptions '-Xms2g -Xmx2g' -PassThru", variables);

        Assert.Empty(installed.Errors);
        var node = Assert.Single(installed.Output);
        Assert.Equal("wso2is-manager.service", node.Properties["Service"].Value);
        Assert.True((bool)node.Properties["Changed"].Value);
        Assert.Equal(["daemon-reload", "enable wso2is-manager.service"], Systemd.TakeCalls());
        var unit = Path.Combine(Systemd.Units, "wso2is-manager.service");
        var text = File.ReadAllText(unit);
        var home = (string)variables["nodeHome"];
        Assert.StartsWith($"# Written by WsoClusterPS (Install-IsNodeService) for the WSO2 IS node at {home}\n", text);
        foreach (var line in new[] { "Type=forking", "User=root", "Group=root", $"WorkingDirectory={home}", "Environment=\"JAVA_HOME=/usr/lib/jvm/java 17\"",
            "Environment=\"JVM_MEM_OPTS=-Xms2g -Xmx2g\"", $"PIDFile={home}/wso2carbon.pid", $"ExecStart=\"{home}/bin/wso2server.sh\" start",
            $"ExecStop=\"{home}/bin/wso2server.sh\" stop", "SuccessExitStatus=143", "LimitNOFILE=65535", "Restart=on-failure", "TimeoutStopSec=180",
            "WantedBy=multi-user.target" })
            Assert.Contains("\n" + line + "\n", text);
        Assert.DoesNotContain("ConditionPathExists", text);
        Assert.Equal(0, RealPart.OwnerOf(unit));
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(unit));
        Assert.True(File.Exists(Path.Combine(Systemd.Units, "multi-user.target.wants", "wso2is-manager.service")));
        var (exit, said) = StandInSystemd.Verify(unit);
        Assert.True(exit == 0 && said.Length == 0, $"systemd-analyze verify: exit {exit}: {said}");

        var again = Shell.Run("$n | Install-IsNodeService -JavaHome '/usr/lib/jvm/java 17' -MemoryOptions '-Xms2g -Xmx2g' -PassThru -Verbose", variables);
        Assert.Empty(again.Errors);
        Assert.False((bool)Assert.Single(again.Output).Properties["Changed"].Value);
        Assert.Empty(Systemd.TakeCalls());
        Assert.Equal(text, File.ReadAllText(unit));

        var whatIf = Shell.Run("$n | Install-IsNodeService -JavaHome '/usr/lib/jvm/java 17' -MemoryOptions '-Xms4g -Xmx4g' -WhatIf", variables);
        Assert.Empty(whatIf.Errors);
        Assert.Contains("\n-Environment=\"JVM_MEM_OPTS=-Xms2g -Xmx2g\"\n+Environment=\"JVM_MEM_OPTS=-Xms4g -Xmx4g\"\n", string.Join("\n", whatIf.Console));
        Assert.Equal(text, File.ReadAllText(unit));
        Assert.Empty(Systemd.TakeCalls());

        var removed = Shell.Run("$n | Uninstall-IsNodeService -PassThru", variables);
        Assert.Empty(removed.Errors);
        Assert.Null(Assert.Single(removed.Output).Properties["Service"].Value);
        Assert.Equal(["disable wso2is-manager.service", "daemon-reload"], Systemd.TakeCalls());
        Assert.False(File.Exists(unit));
        Assert.False(File.Exists(Path.Combine(home, ".wsoclusterps-service")));
        Assert.Empty(Directory.GetFiles(Systemd.Units, ".*"));
    }

    [NeedsNonRootSshFact]
    public void A_unit_the_module_did_not_write_is_left_alone_without_Force_and_a_bad_name_is_refused()
    {
        var variables = StoppedNode("worker");
        var foreign = Path.Combine(Systemd.Units, "wso2is-worker.service");
        File.WriteAllText(foreign, "[Service]\nExecStart=/opt/other/bin/run\n");
        try
        {
            var refused = Shell.Run(Connect + "; $n = Get-IsClusterNode -Path $nodeHome -Session $s; $n | Install-IsNodeService -JavaHome /usr", variables);
            var error = Assert.Single(refused.Errors);
            Assert.Equal("InstallIsNodeServiceForeignUnit", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("a unit WsoClusterPS did not write", error.Exception.Message);
            Assert.Contains("-Force", error.Exception.Message);
            Assert.Equal("[Service]\nExecStart=/opt/other/bin/run\n", File.ReadAllText(foreign));

            var badName = Shell.Run("$n | Install-IsNodeService -JavaHome /usr -Name 'wso2 is'; $n | Install-IsNodeService -JavaHome ' /usr' -Name other",
                variables);
            Assert.Equal(["InstallIsNodeServiceInvalidSetting", "InstallIsNodeServiceInvalidSetting"], badName.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Contains("letters, digits", badName.Errors[0].Exception.Message);
            Assert.Contains("-JavaHome ' /usr' holds a line break, another control character or leading or trailing blanks", badName.Errors[1].Exception.Message);

            var forced = Shell.Run("$n | Install-IsNodeService -JavaHome /usr -Force", variables);
            Assert.Empty(forced.Errors);
            Assert.StartsWith("# Written by WsoClusterPS", File.ReadAllText(foreign));
            Assert.Equal(["daemon-reload", "enable wso2is-worker.service"], Systemd.TakeCalls());
            Assert.Empty(Directory.GetFiles(Systemd.Units, "other*"));
        }
        finally
        {
            Shell.Run("$n | Uninstall-IsNodeService -Force", variables);
        }
    }

    [NeedsNonRootSshFact]
    public void A_secure_vault_node_gets_its_password_through_password_tmp_at_a_start_and_a_reboot_does_not_start_it_in_a_loop()
    {
        var variables = StoppedNode("vault");
        var home = (string)variables["nodeHome"];
        var conf = Path.Combine(home, "repository", "conf", "security", "secret-conf.properties");
        Directory.CreateDirectory(Path.GetDirectoryName(conf)!);
        File.WriteAllText(conf, "secVault.enabled=true\n");
        try
        {
            var installed = Shell.Run(Connect + "; $n = Get-IsClusterNode -Path $nodeHome -Session $s; $n | Install-IsNodeService -JavaHome /usr; " +
                "$password = [pscredential]::new('keystore', (ConvertTo-SecureString 'Keystore-Password-77' -AsPlainText -Force))", variables);
            Assert.Empty(installed.Errors);
            Assert.Contains(installed.Warnings, w => w.Contains("after a reboot wso2is-vault.service does not start it") && w.Contains("-KeystoreCredential"));
            Assert.Contains($"\nConditionPathExists={home}/password-tmp\n", File.ReadAllText(Path.Combine(Systemd.Units, "wso2is-vault.service")));
            Systemd.TakeCalls();

            var withoutPassword = Shell.Run("$n | Start-IsNode", variables);
            Assert.Equal("StartIsNodeInvalidSetting", Assert.Single(withoutPassword.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Empty(Systemd.TakeCalls());

            // What a reboot does: systemd starts the unit, with no password waiting.
            using (var root = WsoClusterPS.Engine.Ssh.SshHost.Connect(_sshd.OptionsFor(NonRootSshServer.SudoUser, Temp.Combine("known_hosts"), useSudo: true)))
                Assert.True(root.ForPrivilegedSteps().Run("systemctl", ["start", "wso2is-vault.service"], TimeSpan.FromSeconds(60)).Succeeded);
            Assert.Equal(["start wso2is-vault.service", $"condition failed: {home}/password-tmp"], Systemd.TakeCalls());
            Assert.False(File.Exists(Path.Combine(home, "wso2carbon.pid")));

            var started = Shell.Run("$n | Start-IsNode -KeystoreCredential $password -Wait -TimeoutSeconds 60", variables);
            Assert.Empty(started.Errors);
            Assert.Equal(["start wso2is-vault.service"], Systemd.TakeCalls());
            Assert.False(File.Exists(Path.Combine(home, "password-tmp")));
            var log = File.ReadAllText(Path.Combine(home, "repository", "logs", "wso2carbon.out"));
            Assert.Contains("Keystore password read from password-tmp (mode 600, 20 bytes)", log);
            Assert.DoesNotContain("Keystore-Password-77", log + string.Concat(started.Verbose) + File.ReadAllText(Systemd.Calls));
        }
        finally
        {
            Shell.Run("$n | Stop-IsNode -Wait; $n | Uninstall-IsNodeService -Force", variables);
        }
    }

    [NeedsNonRootSshFact]
    public void A_rolling_restart_goes_through_systemctl_and_no_request_fails()
    {
        using var cluster = new TrafficCluster(Shell, Temp, 2);
        var variables = Variables(cluster.Variables);
        var installed = Shell.Run(Connect + "; $remote = Get-IsClusterNode -Path $nodes.Home -Session $s; $remote | Install-IsNodeService -JavaHome /usr", variables);
        Assert.Empty(installed.Errors);
        Assert.Equal(2, installed.Warnings.Count(w => w.Contains("started outside its service")));
        Systemd.TakeCalls();
        try
        {
            var (result, traffic, ended) = cluster.UnderTraffic(
                $"$remote | Restart-IsNode -Rolling -Site (Get-NginxSite -ConfigDirectory $conf) {NginxParameters} -TimeoutSeconds 60", variables);

            Assert.Empty(result.Errors);
            NoneFailed(traffic);
            Assert.Equal(["node0", "node1"], traffic.Nodes.Where(n => n.Value.LastServed > ended).Select(n => n.Key).Order());
            Assert.Equal(["stop wso2is-node0.service", "start wso2is-node0.service", "stop wso2is-node1.service", "start wso2is-node1.service"],
                Systemd.TakeCalls());
            var now = Shell.Run("Get-IsClusterNode -Path $nodes.Home -Session $s", variables).Objects<IsNode>().ToList();
            Assert.Equal(["wso2is-node0.service", "wso2is-node1.service"], now.Select(n => n.Service));
            Assert.All(now, n => Assert.Equal(IsNodeState.Running, n.State));
            Assert.Contains("Stop (systemctl stop wso2is-node0.service)", string.Join("\n", Shell.Run("$remote[0] | Stop-IsNode -WhatIf", variables).Console));
        }
        finally
        {
            Shell.Run("$remote | Stop-IsNode -Wait; $remote | Uninstall-IsNodeService", variables);
        }
    }
}
