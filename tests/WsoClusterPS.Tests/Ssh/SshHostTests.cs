using System.Diagnostics;
using System.Text;
using WsoClusterPS.Engine.Ssh;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Ssh;

[Collection(SshCollection.Name)]
public class SshHostTests(SshServer sshd) : InTempFolder
{
    private string KnownHosts => Temp.Combine("known_hosts");

    private SshOptions Options(string key = "ed25519") => new()
    {
        HostName = "127.0.0.1", Port = sshd.Port, UserName = Environment.UserName, KeyFilePath = sshd.ClientKey(key), KnownHostsPath = KnownHosts,
    };

    [NeedsSshFact]
    public void An_unknown_host_is_refused_with_its_fingerprint_and_nothing_is_recorded()
    {
        var error = Assert.Throws<HostKeyException>(() => SshHost.Connect(Options()));
        Assert.Equal(HostKeyProblem.Unknown, error.Problem);
        Assert.Equal(sshd.HostKeyFingerprint, error.Fingerprint);
        Assert.Contains($"presents the ssh-ed25519 key {sshd.HostKeyFingerprint}", error.Message);
        Assert.Contains("-AcceptNewHostKey", error.Message);
        Assert.False(File.Exists(KnownHosts));
    }

    [NeedsSshFact]
    public void A_new_host_key_is_recorded_once_with_accept_new_then_trusted()
    {
        var options = Options();
        options.AcceptNewHostKey = true;
        using (var first = SshHost.Connect(options))
        {
            // Accepted for this connection, recorded only when the caller says so (after its ShouldProcess).
            Assert.True(first.HostKeyIsNew);
            Assert.False(File.Exists(KnownHosts));
            first.RecordHostKey();
            Assert.False(first.HostKeyIsNew);
        }
        Assert.Equal([sshd.KnownHostsLine(sshd.HostKey + ".pub")], File.ReadAllLines(KnownHosts));
        using var again = SshHost.Connect(Options());
        Assert.Equal(sshd.HostKeyFingerprint, again.HostKeyFingerprint);
    }

    [NeedsSshFact]
    public void A_changed_key_is_refused_even_with_accept_new()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.OtherHostKey + ".pub") + "\n");
        var options = Options();
        options.AcceptNewHostKey = true;
        var error = Assert.Throws<HostKeyException>(() => SshHost.Connect(options));
        Assert.Equal(HostKeyProblem.Changed, error.Problem);
        Assert.Contains("has CHANGED", error.Message);
        Assert.Single(File.ReadAllLines(KnownHosts));
    }

    [NeedsSshFact]
    public void A_hashed_known_hosts_entry_is_matched()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        SshServer.KeyGen("-H", "-f", KnownHosts);
        Assert.StartsWith("|1|", File.ReadAllText(KnownHosts));
        using var host = SshHost.Connect(Options());
    }

    [NeedsSshFact]
    public void A_known_hosts_from_ssh_keyscan_for_rsa_is_trusted_as_openssh_trusts_it()
    {
        var keyscan = Run("ssh-keyscan", "-t", "rsa", "-p", sshd.Port.ToString(), "127.0.0.1").Output;
        File.WriteAllText(KnownHosts, keyscan);
        Assert.Equal(0, Run("ssh", "-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={KnownHosts}", "-o", "BatchMode=yes",
            "-i", sshd.ClientKey("ed25519"), "-p", sshd.Port.ToString(), $"{Environment.UserName}@127.0.0.1", "true").Exit);

        using var host = SshHost.Connect(Options());
        Assert.Equal(KeyGenFingerprint(sshd.HostKeyOf("rsa")), host.HostKeyFingerprint);
        Assert.Equal(keyscan.Trim(), File.ReadAllText(KnownHosts).Trim());
    }

    [NeedsSshFact]
    public void A_host_known_by_its_ecdsa_key_presents_that_key()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKeyOf("ecdsa") + ".pub") + "\n");
        using var host = SshHost.Connect(Options());
        Assert.Equal(KeyGenFingerprint(sshd.HostKeyOf("ecdsa")), host.HostKeyFingerprint);
    }

    private static string KeyGenFingerprint(string key) => SshServer.KeyGen("-lf", key + ".pub").Split(' ')[1];

    private static (int Exit, string Output, string Error) Run(string file, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(RealPart.Require(file)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    [NeedsSshFact]
    public void A_pinned_fingerprint_is_enough_and_a_wrong_one_is_refused()
    {
        var pinned = Options();
        pinned.PinnedFingerprint = sshd.HostKeyFingerprint;
        using (SshHost.Connect(pinned)) { }

        pinned.PinnedFingerprint = "SHA256:" + new string('A', 43);
        Assert.Equal(HostKeyProblem.NotPinned, Assert.Throws<HostKeyException>(() => SshHost.Connect(pinned)).Problem);
    }

    [NeedsSshFact]
    public void Every_kind_of_client_key_logs_in()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        foreach (var key in new[] { "ed25519", "ecdsa", "rsa" })
            using (var host = SshHost.Connect(Options(key))) Assert.Equal(0, host.Run("true", [], TimeSpan.FromSeconds(10)).ExitCode);

        var encrypted = Options("ed25519-encrypted");
        var refused = Assert.Throws<SshConnectException>(() => SshHost.Connect(encrypted));
        Assert.Contains("give -KeyPassphrase", refused.Message);
        encrypted.KeyPassphrase = SshServer.Passphrase;
        using (SshHost.Connect(encrypted)) { }
    }

    [NeedsSshFact]
    public void A_closed_port_says_where_it_looked()
    {
        var options = Options();
        options.Port = FreePorts.One();
        var error = Assert.Throws<SshConnectException>(() => SshHost.Connect(options));
        Assert.False(error.Authentication);
        Assert.Contains($"Cannot connect to {Environment.UserName}@127.0.0.1:{options.Port}", error.Message);
    }

    [NeedsSshFact]
    public void Files_and_commands_with_spaces_quotes_and_dollars_in_their_paths_work()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        using var host = SshHost.Connect(Options());
        var folder = host.Combine(Temp.Path, "it's a $HOME; folder");
        host.CreateDirectory(folder);
        var file = host.Combine(folder, "deployment.toml");
        host.WriteAllBytesAtomically(file, "first"u8.ToArray(), keepBackup: false);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        host.WriteAllBytesAtomically(file, "second line\n"u8.ToArray(), keepBackup: true);

        Assert.Equal("second line\n", Encoding.UTF8.GetString(host.ReadAllBytes(file)));
        Assert.Equal("first", File.ReadAllText(file + ".bak"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(["deployment.toml", "deployment.toml.bak"], host.ListFiles(folder).Order(StringComparer.Ordinal));
        Assert.Equal(12, host.FileLength(file));
        Assert.Equal("line\n", Encoding.UTF8.GetString(host.ReadFrom(file, 7)));
        Assert.Equal($"{folder}|a b|$HOME|\"q\"|", host.Run("printf", ["%s|", folder, "a b", "$HOME", "\"q\""], TimeSpan.FromSeconds(10)).Output);

        host.DeleteTree(folder);
        Assert.False(Directory.Exists(folder));
    }

    [NeedsSshFact]
    public void A_connection_dropped_mid_upload_leaves_the_file_as_it_was_and_the_next_write_tidies_up()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        var file = Temp.Combine("deployment.toml");
        File.WriteAllText(file, "before\n");
        var big = new byte[512 << 20];
        Exception failure = null;
        using (var host = SshHost.Connect(Options()))
        {
            var upload = Task.Run(() =>
            {
                try { host.WriteAllBytesAtomically(file, big, keepBackup: false); }
                catch (Exception e) { failure = e; }
            });
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!Directory.GetFiles(Temp.Path, ".deployment.toml.*.tmp").Any(f => new FileInfo(f).Length > (1 << 20)) && !upload.IsCompleted && DateTime.UtcNow < deadline) Thread.Sleep(5);
            sshd.DropConnections();
            upload.Wait(TimeSpan.FromSeconds(60));
        }

        Assert.NotNull(failure);
        Assert.Equal("before\n", File.ReadAllText(file));
        Assert.Single(Directory.GetFiles(Temp.Path, ".deployment.toml.*.tmp"));

        using (var again = SshHost.Connect(Options()))
            again.WriteAllBytesAtomically(file, "after\n"u8.ToArray(), keepBackup: false);
        Assert.Equal("after\n", File.ReadAllText(file));
        Assert.Empty(Directory.GetFiles(Temp.Path, ".deployment.toml.*.tmp"));
    }

    [NeedsSshFact]
    public void A_command_that_overruns_is_stopped_on_the_server()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        using var host = SshHost.Connect(Options());
        var script = new LongRunningScript(Temp.Path);
        Assert.Throws<TimeoutException>(() => host.Run("sh", script.Arguments, TimeSpan.FromSeconds(5)));
        Assert.True(script.Started, "the command never started, so its stop proves nothing");
        Assert.True(script.Ended(), "the overrunning command still runs on the server");
    }

    [NeedsSshFact]
    public void A_cancelled_command_is_stopped_on_the_server_at_once()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        using var host = SshHost.Connect(Options());
        var script = new LongRunningScript(Temp.Path);
        using var cancel = new CancellationTokenSource();
        var running = Task.Run(() => host.Run("sh", script.Arguments, TimeSpan.FromMinutes(30), cancel.Token));
        script.WaitUntilStarted();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => running.GetAwaiter().GetResult());
        Assert.True(script.Ended(), "the cancelled command still runs on the server");
        Assert.Equal("still connected", host.Run("echo", ["still connected"], TimeSpan.FromSeconds(30)).Output.Trim());
    }

    [NeedsSshFact]
    public void A_command_still_running_when_its_connection_ends_is_stopped_on_the_server()
    {
        // What a killed pwsh or a lost network leaves: sshd closes the session, and without a
        // terminal it would leave the command (a 30-minute unzip) running on its own.
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        var script = new LongRunningScript(Temp.Path);
        using var never = new CancellationTokenSource();
        var host = SshHost.Connect(Options());
        var running = Task.Run(() => host.Run("sh", script.Arguments, TimeSpan.FromMinutes(30), never.Token));
        script.WaitUntilStarted();
        host.Dispose();
        Assert.True(script.Ended(), "the command outlived its connection on the server");
        running.Wait(TimeSpan.FromSeconds(30));
    }

    [NeedsSshFact]
    public void A_pack_already_on_the_server_with_a_link_outside_the_node_is_refused_and_nothing_is_left()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        using var host = SshHost.Connect(Options());
        var zip = StandInPack.MakeWith(Temp.Combine("pack"), ("repository/components/system-conf", StandInPack.LinkType | 0x1FF, "../../../../etc"));
        var error = Assert.Throws<InvalidDataException>(() =>
            host.UnpackZipOnHost(zip, "wso2is-7.1.0/", Temp.Combine("node"), CancellationToken.None));
        Assert.Contains("'repository/components/system-conf' in the pack", error.Message);
        Assert.Contains("is a link to '../../../../etc', outside the node", error.Message);
        Assert.False(Directory.Exists(Temp.Combine("node")));
        Assert.False(Directory.Exists(Temp.Combine("node.unzip")));
    }

    [NeedsSshFact]
    public void A_file_locked_by_one_session_waits_for_it_and_then_names_the_holder()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        using var first = SshHost.Connect(Options());
        using var second = SshHost.Connect(Options());
        var file = Temp.Combine("deployment.toml");
        File.WriteAllText(file, "old\n");
        using (first.Lock(file, TimeSpan.FromSeconds(5)))
        {
            var error = Assert.Throws<IOException>(() => second.Lock(file, TimeSpan.FromMilliseconds(500)).Dispose());
            Assert.Contains($"held by process {Environment.ProcessId} on {Environment.MachineName}", error.Message);
        }
        second.Lock(file, TimeSpan.FromSeconds(5)).Dispose();
        Assert.Equal(["deployment.toml"], Directory.GetFileSystemEntries(Temp.Path).Select(Path.GetFileName).Where(n => n != "known_hosts"));
    }

    [NeedsSshFact]
    public void A_link_or_a_read_only_file_on_the_server_is_refused()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        using var host = SshHost.Connect(Options());
        var target = Temp.Combine("real.toml");
        File.WriteAllText(target, "old\n");
        File.CreateSymbolicLink(Temp.Combine("link.toml"), target);
        var linked = Assert.Throws<IOException>(() => host.WriteAllBytesAtomically(Temp.Combine("link.toml"), "new"u8.ToArray(), false));
        Assert.Contains("is a symbolic link", linked.Message);
        Assert.Equal("old\n", File.ReadAllText(target));

        File.SetUnixFileMode(target, UnixFileMode.UserRead);
        Assert.Contains("is read-only", Assert.Throws<UnauthorizedAccessException>(() => host.WriteAllBytesAtomically(target, "new"u8.ToArray(), false)).Message);
        host.WriteAllBytesAtomically(target, "new"u8.ToArray(), keepBackup: false, replaceReadOnly: true);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(target));
    }

    [NeedsSshFact]
    public void A_file_that_holds_a_secret_is_written_private_over_sftp()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        using var host = SshHost.Connect(Options());
        var path = Temp.Combine("deployment.toml");
        File.WriteAllText(path, "old\n");
        File.SetUnixFileMode(path, (UnixFileMode)0x1B4);
        host.WriteAllBytesAtomically(path, "password = \"plain\""u8.ToArray(), keepBackup: true, holdsSecret: true);
        host.WriteAllBytesAtomically(Temp.Combine("password-tmp"), "pw"u8.ToArray(), keepBackup: false, holdsSecret: true);
        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(path));
        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(path + ".bak"));
        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(Temp.Combine("password-tmp")));
    }

    [NeedsSshFact]
    public void A_pack_with_a_link_outside_the_node_is_refused_before_it_is_sent()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        using var host = SshHost.Connect(Options());
        var zip = StandInPack.MakeWith(Temp.Combine("pack"), ("repository/components/lib", StandInPack.LinkType | 0x1FF, "/etc"));
        var error = Assert.Throws<InvalidDataException>(() =>
            host.UnpackZip(new Engine.Hosts.SharedZip(zip, "wso2is-7.1.0/"), Temp.Combine("node"), null, CancellationToken.None));
        Assert.Contains("is a link to '/etc', outside the node", error.Message);
        Assert.False(Directory.Exists(Temp.Combine("node")));
    }

    [NeedsSshFact]
    public void A_pack_stream_cancelled_midway_stops_tar_leaves_nothing_and_keeps_the_connection()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        using var host = SshHost.Connect(Options());
        // Random bytes as text: inflated here far faster than they cross, so the cancel lands mid-stream.
        var big = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(96 << 20));
        var zip = StandInPack.MakeWith(Temp.Combine("pack"), ("repository/components/big.jar", StandInPack.FileType | 0x1A4, big));
        using var cancel = new CancellationTokenSource();
        long seen = 0;

        Assert.ThrowsAny<OperationCanceledException>(() => host.UnpackZip(new Engine.Hosts.SharedZip(zip, "wso2is-7.1.0/"), Temp.Combine("node"), progress =>
        {
            seen = progress.BytesDone;
            if (progress.BytesDone > 0) cancel.Cancel();
        }, cancel.Token));

        Assert.InRange(seen, 1, big.Length - 1);
        Assert.False(Directory.Exists(Temp.Combine("node")));
        Assert.Equal("still connected", host.Run("echo", ["still connected"], TimeSpan.FromSeconds(30)).Output.Trim());
    }

    /// <summary>Windows' path, forced on Linux: a folder pack read where files carry no Unix modes.</summary>
    [NeedsSshFact]
    public void A_folder_pack_read_without_unix_modes_arrives_with_its_scripts_executable_and_a_link_in_it_is_refused_by_name()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        using var host = SshHost.Connect(Options());
        var pack = StandInPack.Make(Temp.Combine("pack"), asFolder: true, noTopFolder: true);
        foreach (var file in Directory.GetFiles(pack, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(file, (UnixFileMode)0x1A4);

        host.CopyTree(Engine.Hosts.FolderTree.Read(pack, withModes: false), Temp.Combine("node"), null, CancellationToken.None);

        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(Temp.Combine("node", "bin", "wso2server.sh")));
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(Temp.Combine("node", "repository", "conf", "deployment.toml")));

        File.CreateSymbolicLink(Path.Combine(pack, "bin", "start.sh"), "wso2server.sh");
        var refused = Assert.Throws<InvalidDataException>(() => Engine.Hosts.FolderTree.Read(pack, withModes: false));
        Assert.Contains(Path.Combine(pack, "bin", "start.sh") + "' in the pack is a link", refused.Message);
    }

    /// <summary>A session that goes away (this process killed, the network gone) takes its long commands with it: without a
    /// terminal sshd would leave them running until their own timeout.</summary>
    [NeedsSshTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_long_remote_command_ends_when_its_session_goes(bool cancellable)
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        var seconds = (300 + Random.Shared.Next(1000)).ToString();
        var host = SshHost.Connect(Options());
        using var cancel = new CancellationTokenSource();
        var running = Task.Run(() => host.Run("sleep", [seconds], TimeSpan.FromMinutes(30), cancellable ? cancel.Token : CancellationToken.None));
        bool Sleeping() => Process.GetProcessesByName("sleep").Any(p =>
        {
            try { return File.ReadAllText($"/proc/{p.Id}/cmdline").Contains(seconds); }
            catch (IOException) { return false; }
        });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Sleeping() && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Assert.True(Sleeping(), "the remote sleep started");

        host.Dispose();

        deadline = DateTime.UtcNow.AddSeconds(20);
        while (Sleeping() && DateTime.UtcNow < deadline) Thread.Sleep(200);
        Assert.False(Sleeping(), "the remote sleep outlived its session");
    }

    /// <summary>-RemotePackPath: unzip would write a later entry through an earlier link, so links are checked before it runs.</summary>
    [NeedsSshFact]
    public void A_zip_on_the_host_with_a_link_out_of_it_is_refused_before_unzip_runs()
    {
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine(sshd.HostKey + ".pub") + "\n");
        using var host = SshHost.Connect(Options());
        var outside = Temp.Combine("outside");
        Directory.CreateDirectory(outside);
        var zip = StandInPack.MakeWith(Temp.Combine("pack"), ("bin/out", StandInPack.LinkType | 0x1FF, "../../../../outside"),
            ("bin/out/evil.txt", StandInPack.FileType | 0x1A4, "written through the link"));
        var node = new Engine.Is.Nodes.NodeRecord(host, Temp.Combine("nodes", "n"), "n", Engine.Is.Nodes.NodeRole.Worker, 0, "10.0.0.4", 4000, hostname: null);

        var error = Assert.Throws<InvalidDataException>(() =>
            Engine.Is.Nodes.NodeInstaller.Install(Engine.Is.Nodes.PackSource.OpenOn(host, zip), node, false, null, CancellationToken.None));

        Assert.Contains("'bin/out' in the pack", error.Message);
        Assert.Contains("is a link to '../../../../outside', outside the node; the pack is refused before it is unpacked", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
        Assert.False(Directory.Exists(Temp.Combine("nodes", "n")));
        Assert.Empty(Directory.GetFileSystemEntries(Temp.Combine("nodes")));
    }
}
