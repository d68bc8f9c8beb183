using System.Diagnostics;
using System.Net.Sockets;

namespace WsoClusterPS.Tests.Support;

/// <summary>
/// A real OpenSSH sshd from the OS package, started once for the test run on 127.0.0.1 and a
/// free port, with a generated host key, generated client keys of every kind and a temp config;
/// a child process, no systemd. It lets the current user (root in CI) in by key.
/// </summary>
public sealed class SshServer : IDisposable
{
    public const string Passphrase = "pass phrase";
    private readonly Process _server;

    public SshServer()
    {
        if (SkipReason != null) return;
        Folder = Path.Combine(Path.GetTempPath(), "wsoclusterps-sshd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Folder);
        Port = FreePorts.One();
        KeyGen("-t", "ed25519", "-N", "", "-f", HostKey);
        KeyGen("-t", "ed25519", "-N", "", "-f", OtherHostKey);
        foreach (var (name, type, passphrase) in new[] { ("ed25519", "ed25519", ""), ("ecdsa", "ecdsa", ""), ("rsa", "rsa", ""), ("ed25519-encrypted", "ed25519", Passphrase) })
            KeyGen("-t", type, "-N", passphrase, "-f", ClientKey(name), "-C", name);
        File.WriteAllLines(Path.Combine(Folder, "authorized_keys"),
            new[] { "ed25519", "ecdsa", "rsa", "ed25519-encrypted" }.Select(k => File.ReadAllText(ClientKey(k) + ".pub").Trim()));
        var config = Path.Combine(Folder, "sshd_config");
        File.WriteAllText(config, $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {HostKey}
            PidFile {Folder}/sshd.pid
            AuthorizedKeysFile {Folder}/authorized_keys
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            StrictModes no
            UsePAM no
            Subsystem sftp internal-sftp
            """);
        // OpenSSH insists on its privilege separation folder, which the package makes at boot.
        Directory.CreateDirectory("/run/sshd");
        var start = new ProcessStartInfo(RealPart.Require("sshd")) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-D", "-e", "-f", config }) start.ArgumentList.Add(argument);
        _server = Process.Start(start)!;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); ; Thread.Sleep(100))
        {
            try { using var probe = new TcpClient("127.0.0.1", Port); return; }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_server.HasExited) { }
            catch (SocketException)
            {
                // An sshd that never listened must not outlive the test run.
                if (!_server.HasExited) _server.Kill(entireProcessTree: true);
                throw new InvalidOperationException("sshd did not start: " + _server.StandardError.ReadToEnd());
            }
        }
    }

    /// <summary>Why the SSH tests cannot run here: no sshd (outside CI), or not root, whom this sshd lets in.</summary>
    public static string SkipReason =>
        RealPart.SkipReason("sshd") ?? (Environment.UserName != "root" ? "the sshd tests log in as root, by key" : null);

    public string Folder { get; }
    public int Port { get; }
    public string HostKey => Path.Combine(Folder, "host_ed25519");

    /// <summary>Another ed25519 key, to pose as the host's key before it "changed".</summary>
    public string OtherHostKey => Path.Combine(Folder, "other_host_ed25519");

    public string ClientKey(string name) => Path.Combine(Folder, "client_" + name);

    /// <summary>The host key's fingerprint as ssh-keygen -lf prints it.</summary>
    public string HostKeyFingerprint => KeyGen("-lf", HostKey + ".pub").Split(' ')[1];

    /// <summary>A known_hosts line for this server with the given public key file.</summary>
    public string KnownHostsLine(string publicKeyFile)
    {
        var fields = File.ReadAllText(publicKeyFile).Trim().Split(' ');
        return $"[127.0.0.1]:{Port} {fields[0]} {fields[1]}";
    }

    /// <summary>Cuts every client connection, as a network failure would: kills this sshd's session processes.</summary>
    public void DropConnections()
    {
        var children = $"/proc/{_server.Id}/task/{_server.Id}/children";
        foreach (var pid in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            try { using var session = Process.GetProcessById(int.Parse(pid)); session.Kill(entireProcessTree: true); }
            catch (ArgumentException) { } // already gone
        }
    }

    public static string KeyGen(params string[] arguments)
    {
        var start = new ProcessStartInfo(RealPart.Require("ssh-keygen")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-q" }.Where(_ => arguments[0] == "-t").Concat(arguments)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("ssh-keygen failed: " + output);
        return output;
    }

    public void Dispose()
    {
        if (_server == null) return;
        _server.Kill(entireProcessTree: true);
        _server.WaitForExit(5000);
        _server.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SshCollection : ICollectionFixture<SshServer>
{
    public const string Name = "sshd";
}

/// <summary>A test that needs the sshd fixture: skipped where it cannot run, except under CI.</summary>
public sealed class NeedsSshFactAttribute : FactAttribute
{
    public NeedsSshFactAttribute() => Skip = Repo.UnderCi ? null : SshServer.SkipReason;
}
