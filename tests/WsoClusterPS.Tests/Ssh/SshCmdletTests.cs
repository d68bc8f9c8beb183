using System.Management.Automation;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Ssh;

[Collection(SshCollection.Name)]
public class SshCmdletTests : InSshShell
{
    private readonly SshServer _sshd;

    public SshCmdletTests(SshServer sshd) => _sshd = sshd;

    private Dictionary<string, object> Variables => new()
    {
        ["port"] = _sshd.Port, ["key"] = _sshd.ClientKey("ed25519"), ["known"] = Temp.Combine("known_hosts"), ["user"] = Environment.UserName,
        ["remote"] = Temp.Combine("remote nodes"), ["pack"] = StandInPack.Make(Temp.Combine("pack")),
    };

    private const string Connect = "$s = New-IsSshSession 127.0.0.1 -Port $port -UserName $user -KeyFilePath $key -KnownHostsPath $known";

    [NeedsSshFact]
    public void An_unknown_host_gives_a_security_error_with_its_fingerprint()
    {
        var result = Shell.Run(Connect, Variables);
        var error = Assert.Single(result.Errors);
        Assert.Equal("NewIsSshSessionHostKeyUnknown", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains(_sshd.HostKeyFingerprint, error.Exception.Message);
    }

    [NeedsSshFact]
    public void A_changed_key_has_its_own_error_id()
    {
        File.WriteAllText(Temp.Combine("known_hosts"), _sshd.KnownHostsLine(_sshd.OtherHostKey + ".pub") + "\n");
        var error = Assert.Single(Shell.Run(Connect + " -AcceptNewHostKey", Variables).Errors);
        Assert.Equal("NewIsSshSessionHostKeyChanged", error.FullyQualifiedErrorId.Split(',')[0]);
    }

    [NeedsSshFact]
    public void A_node_whose_session_was_removed_says_so_and_how_to_go_on()
    {
        var made = Shell.Run(Connect + " -AcceptNewHostKey; $n = New-IsClusterNode -Session $s $pack ($remote + '/n'); " +
            "Remove-IsSshSession $s", Variables);
        Assert.Empty(made.Errors);
        var error = Assert.Single(Shell.Run("$n | Set-IsClustering -Hostname wso2.is").Errors);
        Assert.Equal("SetIsClusteringSessionClosed", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("is closed (Remove-IsSshSession). Open a new one with New-IsSshSession", error.Exception.Message);
        Assert.DoesNotContain("disposed", error.ToString());
    }

    [NeedsSshFact]
    public void A_dropped_connection_is_named_and_reconnects_only_when_asked()
    {
        var made = Shell.Run(Connect + " -AcceptNewHostKey; $n = New-IsClusterNode -Session $s $pack ($remote + '/n'); " +
            "$r = New-IsSshSession 127.0.0.1 -Port $port -UserName $user -KeyFilePath $key -KnownHostsPath $known -Reconnect; " +
            "$m = Get-IsClusterNode -Session $r ($remote + '/n')", Variables);
        Assert.Empty(made.Errors);
        _sshd.DropConnections();

        var dropped = Assert.Single(Shell.Run("$n | Set-IsClustering -Hostname wso2.is").Errors);
        Assert.Equal("SetIsClusteringSessionClosed", dropped.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("dropped", dropped.Exception.Message);

        var again = Shell.Run("$m | Set-IsClustering -Hostname wso2.is -PassThru");
        Assert.Empty(again.Errors);
        Assert.Equal("wso2.is", Assert.Single(again.Objects<IsNode>()).Hostname);
    }

    [NeedsSshFact]
    public void A_password_is_sealed_with_the_keystore_read_over_the_session()
    {
        var variables = Variables;
        var home = Path.Combine((string)variables["remote"], "vault");
        var made = Shell.Run(Connect + " -AcceptNewHostKey; $n = New-IsClusterNode -Session $s $pack ($remote + '/vault')", variables);
        Assert.Empty(made.Errors);
        var keystore = Path.Combine(home, "repository", "resources", "security", "wso2carbon.p12");
        JavaOracle.MakeKeystore(keystore, "PKCS12", "remote-ks");
        variables["cred"] = new PSCredential("wso2", new System.Net.NetworkCredential("", "db-Pa55").SecurePassword);
        variables["ks"] = new PSCredential("keystore", new System.Net.NetworkCredential("", "remote-ks").SecurePassword);

        var sealedOver = Shell.Run("$n | Set-IsDatabase -Server db.example -Database regdb -Credential $cred -EncryptSecret -KeystoreCredential $ks", variables);
        Assert.Empty(sealedOver.Errors);
        var toml = Path.Combine(home, "repository", "conf", "deployment.toml");
        Assert.Contains("password = \"$secret{shared_db_password}\"", File.ReadAllText(toml));
        Assert.Equal("db-Pa55", JavaOracle.Decrypt(keystore, "PKCS12", "remote-ks", toml)["shared_db_password"]);
        Assert.Contains($"keystore.identity.location={keystore}\n",
            File.ReadAllText(Path.Combine(home, "repository", "conf", "security", "secret-conf.properties")));
    }

    [NeedsSshFact]
    public void Sessions_are_listed_per_runspace_and_removed()
    {
        var opened = Shell.Run(Connect + " -AcceptNewHostKey; $s", Variables);
        var session = Assert.Single(opened.Objects<IsSshSession>());
        Assert.Equal(("Opened", _sshd.HostKeyFingerprint), (session.State, session.HostKeyFingerprint));
        Assert.Single(Shell.Run("Get-IsSshSession").Objects<IsSshSession>());

        using (var other = new CmdletHost(Temp.Path))
            Assert.Empty(other.Run("Get-IsSshSession").Output);

        Shell.Run("Get-IsSshSession | Remove-IsSshSession");
        Assert.Empty(Shell.Run("Get-IsSshSession").Output);
        Assert.Equal("Closed", session.State);
    }

    [NeedsSshFact]
    public void A_node_made_over_a_session_carries_it_through_the_pipeline()
    {
        var variables = Variables;
        var result = Shell.Run(Connect + " -AcceptNewHostKey; " +
            "$n = New-IsClusterNode $pack \"$remote/worker\" -Session $s -Offset 1 -ClusterHost 10.0.0.5; " +
            "$n | Set-IsClustering -Hostname wso2.is -PassThru | Set-IsDatabase -Server db.example -Database regdb -Credential ([pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force))) | Out-Null; " +
            "Get-IsClusterNode \"$remote/worker\" -Session $s", variables);
        Assert.Empty(result.Errors);
        var node = Assert.Single(result.Objects<IsNode>());
        Assert.Equal(($"127.0.0.1:{_sshd.Port}", 1, "wso2.is"), (node.ComputerName, node.Offset, node.Hostname));
        var home = Path.Combine((string)variables["remote"], "worker");
        Assert.True(File.GetUnixFileMode(Path.Combine(home, "bin", "wso2server.sh")).HasFlag(UnixFileMode.UserExecute));
        var toml = File.ReadAllText(Path.Combine(home, "repository", "conf", "deployment.toml"));
        Assert.Contains("members = [\"10.0.0.5:4001\"]", toml);
        Assert.Contains("hostname = \"db.example\"", toml);
        Assert.Empty(Directory.GetFiles((string)variables["remote"]));
    }

    [NeedsSshFact]
    public void Nginx_files_and_the_hosts_entry_go_to_the_sessions_machine()
    {
        var variables = Variables;
        Directory.CreateDirectory(Temp.Combine("conf.d"));
        File.WriteAllText(Temp.Combine("hosts"), "127.0.0.1 localhost\n");
        variables["conf"] = Temp.Combine("conf.d");
        variables["hosts"] = Temp.Combine("hosts");
        var result = Shell.Run(Connect + " -AcceptNewHostKey; " +
            "$n = New-IsClusterNode $pack \"$remote/manager\" -ClusterHost 10.0.0.4; " +
            "$sites = $n | New-NginxUpstream -ServerName wso2.is -Scheme Http -ConfigDirectory $conf -Session $s; $sites; " +
            "Set-IsHostsEntry wso2.is 10.0.0.10 -Path $hosts -Session $s", variables);
        Assert.Empty(result.Errors);
        Assert.All(result.Objects<NginxSite>(), s => Assert.Equal($"127.0.0.1:{_sshd.Port}", s.ComputerName));
        Assert.True(File.Exists(Temp.Combine("conf.d", "is.http.conf")));
        Assert.Equal("127.0.0.1 localhost\n10.0.0.10\twso2.is\n", File.ReadAllText(Temp.Combine("hosts")));
        Assert.Equal($"127.0.0.1:{_sshd.Port}", Assert.Single(result.Objects<IsHostsEntry>()).ComputerName);
    }

    [NeedsSshFact]
    public void A_pack_already_on_the_machine_is_used_there_and_a_wrong_one_is_refused()
    {
        var variables = Variables;
        var folderPack = Path.Combine(StandInPack.Make(Temp.Combine("folder pack"), asFolder: true), "wso2is-7.1.0");
        variables["folderPack"] = folderPack;
        File.WriteAllText(Temp.Combine("notes.zip"), "not a zip");
        variables["notZip"] = Temp.Combine("notes.zip");
        var result = Shell.Run(Connect + " -AcceptNewHostKey; " +
            "New-IsClusterNode -RemotePackPath $pack -Path \"$remote/from-zip\" -Session $s -ClusterHost 10.0.0.5; " +
            "New-IsClusterNode -RemotePackPath $folderPack -Path \"$remote/from-folder\" -Session $s -ClusterHost 10.0.0.5 -Offset 1; " +
            "New-IsClusterNode -RemotePackPath $notZip -Path \"$remote/bad\" -Session $s", variables);
        Assert.Equal(["from-zip", "from-folder"], result.Objects<IsNode>().Select(n => n.Name));
        foreach (var node in new[] { "from-zip", "from-folder" })
            Assert.True(File.GetUnixFileMode(Path.Combine((string)variables["remote"], node, "bin", "wso2server.sh")).HasFlag(UnixFileMode.UserExecute), node);
        var error = Assert.Single(result.Errors);
        Assert.Contains("is not a readable zip", error.Exception.Message);
        Assert.False(Directory.Exists(Path.Combine((string)variables["remote"], "bad")));
    }

    [NeedsSshFact]
    public void A_relative_path_on_a_remote_machine_is_refused()
    {
        var result = Shell.Run(Connect + " -AcceptNewHostKey; New-IsClusterNode $pack ./worker -Session $s", Variables);
        var error = Assert.Single(result.Errors);
        Assert.Contains("give it from the root", error.Exception.Message);
    }

    [NeedsSshFact]
    public void Ctrl_C_stops_a_connect_to_a_server_that_never_answers_long_before_its_timeout()
    {
        // A port that takes the connection and then says nothing, as a wedged server would.
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
            using var accepted = new System.Net.Sockets.TcpClient();
            // Stopped once the connect reached the server: the handshake is then surely under way.
            var took = Shell.StopWhen("New-IsSshSession 127.0.0.1 -Port $silentPort -UserName $user -KeyFilePath $key -KnownHostsPath $known -ConnectTimeout 120",
                () => accepted.Client = silent.AcceptSocket(), new Dictionary<string, object>(Variables) { ["silentPort"] = port });
            Assert.True(took < TimeSpan.FromSeconds(30), $"the stop took {took}");
            Assert.Empty(Shell.Run("Get-IsSshSession").Output);
        }
        finally
        {
            silent.Stop();
        }
    }

    [NeedsSshTheory]
    [InlineData("$keyText")]
    [InlineData("(ConvertTo-SecureString $keyText -AsPlainText -Force)")]
    [InlineData("([pscredential]::new($user, (ConvertTo-SecureString $keyText -AsPlainText -Force)))")]
    public void A_key_from_a_vault_logs_in_without_touching_the_disk(string key)
    {
        var variables = Variables;
        variables["keyText"] = File.ReadAllText(_sshd.ClientKey("ed25519"));
        var before = Directory.GetFiles(Temp.Path, "*", SearchOption.AllDirectories).Length;
        var result = Shell.Run($"New-IsSshSession 127.0.0.1 -Port $port -Key {key} -HostKeyFingerprint @{{ '127.0.0.1' = '{_sshd.HostKeyFingerprint}' }}" +
            (key.Contains("pscredential") ? string.Empty : " -UserName $user"), variables);
        Assert.Empty(result.Errors);
        Assert.Equal("Opened", Assert.Single(result.Objects<IsSshSession>()).State);
        Assert.Equal(before, Directory.GetFiles(Temp.Path, "*", SearchOption.AllDirectories).Length);
    }

    /// <summary>A key pasted into a one-line portal field, kept escaped in JSON, or stored base64-encoded in Key Vault.</summary>
    [NeedsSshTheory]
    [InlineData("ed25519", "spaces")]
    [InlineData("rsa", "spaces")]
    [InlineData("ecdsa", "no breaks")]
    [InlineData("ed25519", "escaped")]
    [InlineData("ed25519", "base64")]
    [InlineData("ed25519-encrypted", "spaces")]
    public void A_key_whose_line_breaks_a_vault_lost_or_that_is_base64_encoded_still_logs_in(string keyName, string form)
    {
        var text = File.ReadAllText(_sshd.ClientKey(keyName));
        var variables = Variables;
        variables["keyText"] = form switch
        {
            "spaces" => text.Replace("\n", " "),
            "no breaks" => text.Replace("\n", ""),
            "escaped" => text.Replace("\n", "\\n"),
            _ => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)),
        };
        var passphrase = keyName.EndsWith("encrypted") ? $" -KeyPassphrase (ConvertTo-SecureString '{SshServer.Passphrase}' -AsPlainText -Force)" : "";
        var result = Shell.Run($"New-IsSshSession 127.0.0.1 -Port $port -UserName $user -Key $keyText{passphrase} " +
            $"-HostKeyFingerprint @{{ '127.0.0.1' = '{_sshd.HostKeyFingerprint}' }}", variables);
        Assert.Empty(result.Errors);
        Assert.Equal("Opened", Assert.Single(result.Objects<IsSshSession>()).State);
    }

    [NeedsSshFact]
    public void A_key_that_cannot_be_read_says_what_was_tried_and_speaks_of_a_passphrase_only_for_an_encrypted_key()
    {
        var variables = Variables;
        variables["fp"] = _sshd.HostKeyFingerprint;
        variables["broken"] = File.ReadAllText(_sshd.ClientKey("ed25519")).Replace("\n", " ").Replace("AAAA", "#@#@");
        var broken = Shell.Run("New-IsSshSession 127.0.0.1 -Port $port -UserName $user -Key $broken -KeyPassphrase " +
            "(ConvertTo-SecureString 'x' -AsPlainText -Force) -HostKeyFingerprint $fp", variables);
        var message = Assert.Single(broken.Errors).Exception.Message;
        Assert.Contains("tried as given, with its line breaks put back (they had become spaces)", message);
        Assert.Contains("it is not encrypted, so -KeyPassphrase is not the cause", message);

        variables["encrypted"] = File.ReadAllText(_sshd.ClientKey("ed25519-encrypted"));
        var noPassphrase = Shell.Run("New-IsSshSession 127.0.0.1 -Port $port -UserName $user -Key $encrypted -HostKeyFingerprint $fp", variables);
        Assert.Contains("it is encrypted: give -KeyPassphrase", Assert.Single(noPassphrase.Errors).Exception.Message);

        var missing = Shell.Run("New-IsSshSession 127.0.0.1 -Port $port -UserName $user -KeyFilePath ./no-such-key -HostKeyFingerprint $fp", variables);
        Assert.Contains("does not exist on this machine", Assert.Single(missing.Errors).Exception.Message);
    }

    [NeedsSshFact]
    public void A_fingerprint_for_a_host_not_given_and_a_key_that_is_no_key_are_refused_before_connecting()
    {
        var variables = Variables;
        variables["fp"] = _sshd.HostKeyFingerprint;
        var stranger = Shell.Run("New-IsSshSession 127.0.0.1 -Port $port -UserName $user -KeyFilePath $key -HostKeyFingerprint @{ 'other.example' = 'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s' }", variables);
        Assert.Equal("NewIsSshSessionInvalidValue", Assert.Single(stranger.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("other.example, which -HostName does not list", stranger.Errors[0].Exception.Message);
        var notAKey = Shell.Run("New-IsSshSession 127.0.0.1 -Port $port -UserName $user -Key 'not a key' -HostKeyFingerprint $fp", variables);
        var error = Assert.Single(notAKey.Errors);
        Assert.Equal("NewIsSshSessionSshAuthentication", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("The key given with -Key cannot be used", error.Exception.Message);
        Assert.DoesNotContain("not a key", error.Exception.Message);
    }

    [NeedsSshFact]
    public void A_new_host_key_is_recorded_only_through_ShouldProcess()
    {
        var variables = Variables;
        var whatIf = Shell.Run(Connect + " -AcceptNewHostKey -WhatIf; $s", variables);
        Assert.Empty(whatIf.Errors);
        Assert.Empty(whatIf.Objects<IsSshSession>());
        Assert.Contains(whatIf.Console, l => l.Contains("Open an SSH session"));
        Assert.False(File.Exists(Temp.Combine("known_hosts")));

        var agreed = Shell.Run(Connect + " -AcceptNewHostKey -Confirm:$false; $s", variables);
        Assert.Empty(agreed.Errors);
        Assert.Contains(File.ReadAllText(_sshd.HostKey + ".pub").Split(' ')[1], File.ReadAllText(Temp.Combine("known_hosts")), StringComparison.Ordinal);
        Assert.Single(agreed.Objects<IsSshSession>());
    }

    [NeedsSshFact]
    public void Remove_IsSshSession_honours_WhatIf_and_an_unknown_Id_is_an_error()
    {
        Shell.Run(Connect + " -AcceptNewHostKey", Variables);
        Shell.Run("Remove-IsSshSession $s -WhatIf");
        Assert.Equal("Opened", Assert.Single(Shell.Run("Get-IsSshSession").Objects<IsSshSession>()).State);
        var unknown = Shell.Run("Remove-IsSshSession -Id 99999");
        Assert.Equal("RemoveIsSshSessionNotFound", Assert.Single(unknown.Errors).FullyQualifiedErrorId.Split(',')[0]);
        var completed = Shell.Run("(TabExpansion2 'Remove-IsSshSession -Id ' 24).CompletionMatches.CompletionText; " +
            "(TabExpansion2 'Get-IsClusterNode /x -Session ' 30).CompletionMatches.CompletionText");
        var id = Shell.Run("$s.Id").Objects<int>().Single();
        Assert.Equal([$"{id}", $"(Get-IsSshSession -Id {id})"], completed.Objects<string>());
    }

    [NeedsSshFact]
    public void A_node_that_crossed_a_process_boundary_is_read_again_through_the_open_session()
    {
        var made = Shell.Run(Connect + " -AcceptNewHostKey; $n = New-IsClusterNode -Session $s $pack ($remote + '/n'); " +
            "$copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($n)); " +
            "$copy | Set-IsClustering -Hostname wso2.is -PassThru", Variables);
        Assert.Empty(made.Errors);
        Assert.Equal("wso2.is", Assert.Single(made.Objects<IsNode>()).Hostname);

        var closed = Shell.Run("Remove-IsSshSession $s; $copy | Set-IsClustering -Hostname other.is");
        // The input's own error, then the one that says nothing was acted on.
        Assert.Equal(2, closed.Errors.Count);
        var error = closed.Errors[0];
        Assert.Contains("SetIsClusteringNoNode", closed.Errors[1].FullyQualifiedErrorId);
        Assert.Contains("no SSH session to 127.0.0.1", error.Exception.Message);
        Assert.Contains("New-IsSshSession", error.Exception.Message);
    }

    [NeedsSshFact]
    public void A_pack_refused_for_several_machines_at_once_is_each_machines_error_and_nothing_is_made()
    {
        var variables = Variables;
        variables["pack"] = StandInPack.MakeWith(Temp.Combine("evil"), ("repository/components/lib", StandInPack.LinkType | 0x1FF, "/etc"));
        var result = Shell.Run(Connect + " -AcceptNewHostKey; $t = New-IsSshSession 127.0.0.1 -Port $port -UserName $user -KeyFilePath $key " +
            "-KnownHostsPath $known; New-IsClusterNode $pack ($remote + '/n') -Session $s, $t", variables);

        Assert.Empty(result.Objects<IsNode>());
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, error =>
        {
            Assert.Equal("NewIsClusterNodeInvalidData,WsoClusterPS.Commands.NewIsClusterNodeCommand", error.FullyQualifiedErrorId);
            Assert.Contains("is a link to '/etc', outside the node", error.Exception.Message);
        });
        Assert.False(Directory.Exists(Temp.Combine("remote nodes")) && Directory.EnumerateFileSystemEntries(Temp.Combine("remote nodes")).Any());
    }

    [NeedsSshFact]
    public void A_streamed_pack_reports_what_it_sent_and_has_no_unpacking_of_its_own()
    {
        var made = Shell.Run(Connect + " -AcceptNewHostKey; New-IsClusterNode -Session $s $pack ($remote + '/progress')", Variables);
        Assert.Empty(made.Errors);
        Assert.Contains(made.Progress, p => p.Contains(": uploading, ", StringComparison.Ordinal));
        // tar unpacks what arrives as it arrives.
        Assert.DoesNotContain(made.Progress, p => p.Contains(": unpacking on the machine", StringComparison.Ordinal));
    }
}
