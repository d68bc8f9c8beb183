using System.Diagnostics;
using System.Net.Sockets;

namespace WsoClusterPS.Tests.Support;

/// <summary>
/// A real OpenSSH sshd from the OS package, started once for the test run on 127.0.0.1 and a
/// free port, with a generated host key, generated client keys of every kind and a temp config;
/// a child process, no systemd. It lets the current user (root in CI) in by key.
/// </summary>
public class SshServer : IDisposable
{
    public const string Passphrase = "pass phrase";
    private readonly Process _server;

    public SshServer() : this(null)
    {
    }

    /// <param name="users">
    /// Login users this sshd alone sees, with their sudoers lines and whether their PATH lacks
    /// unzip: it then runs in a mount namespace of its own where /etc/passwd, group, shadow and
    /// sudoers are this fixture's copies, so the machine's own accounts are never touched.
    /// </param>
    protected SshServer(IReadOnlyList<(string Name, string Sudoers, string[] Missing)> users)
    {
        if ((users == null ? SkipReason : NonRootSshServer.SkipReason) != null) return;
        Folder = Path.Combine(Path.GetTempPath(), "wsoclusterps-sshd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Folder);
        Port = FreePorts.One();
        KeyGen("-t", "ed25519", "-N", "", "-f", HostKey);
        KeyGen("-t", "ed25519", "-N", "", "-f", OtherHostKey);
        KeyGen("-t", "ecdsa", "-N", "", "-f", HostKeyOf("ecdsa"));
        KeyGen("-t", "rsa", "-b", "3072", "-N", "", "-f", HostKeyOf("rsa"));
        foreach (var (name, type, passphrase) in new[] { ("ed25519", "ed25519", ""), ("ecdsa", "ecdsa", ""), ("rsa", "rsa", ""), ("ed25519-encrypted", "ed25519", Passphrase) })
            KeyGen("-t", type, "-N", passphrase, "-f", ClientKey(name), "-C", name);
        File.WriteAllLines(Path.Combine(Folder, "authorized_keys"),
            new[] { "ed25519", "ecdsa", "rsa", "ed25519-encrypted" }.Select(k => File.ReadAllText(ClientKey(k) + ".pub").Trim()));
        var config = Path.Combine(Folder, "sshd_config");
        File.WriteAllText(config, $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {HostKey}
            HostKey {HostKeyOf("ecdsa")}
            HostKey {HostKeyOf("rsa")}
            PidFile {Folder}/sshd.pid
            AuthorizedKeysFile {Folder}/authorized_keys
            PermitRootLogin {(users == null ? "prohibit-password" : "no")}
            PasswordAuthentication no
            StrictModes no
            UsePAM no
            Subsystem sftp internal-sftp
            """ + string.Concat((users ?? []).Where(u => u.Missing.Length > 0).Select(u => $"\nMatch User {u.Name}\n    SetEnv PATH={ProgramsWithout(u.Missing)}:/usr/sbin:/sbin\n")));
        // OpenSSH insists on its privilege separation folder, which the package makes at boot.
        Directory.CreateDirectory("/run/sshd");
        var start = new ProcessStartInfo(users == null ? RealPart.Require("sshd") : RealPart.Require("unshare")) { RedirectStandardError = true, RedirectStandardOutput = true };
        var sshd = new[] { RealPart.Require("sshd"), "-D", "-e", "-f", config };
        foreach (var argument in users == null ? sshd.Skip(1) : InOwnAccountFiles(users, sshd)) start.ArgumentList.Add(argument);
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

    /// <summary>The server's other host keys: "ecdsa" or "rsa".</summary>
    public string HostKeyOf(string type) => Path.Combine(Folder, "host_" + type);

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

    /// <summary>unshare's arguments that bind this fixture's account files over /etc's, then start sshd.</summary>
    private IEnumerable<string> InOwnAccountFiles(IReadOnlyList<(string Name, string Sudoers, string[] Missing)> users, string[] sshd)
    {
        var etc = Path.Combine(Folder, "etc");
        Directory.CreateDirectory(etc);
        var uids = users.Select((user, i) => (user.Name, Uid: 61001 + i)).ToList();
        foreach (var (name, uid) in uids)
        {
            var home = Home(name);
            Directory.CreateDirectory(home);
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Chown(uid, home);
        }
        File.WriteAllText(Path.Combine(etc, "passwd"), File.ReadAllText("/etc/passwd") + string.Concat(uids.Select(u => $"{u.Name}:x:{u.Uid}:{u.Uid}::{Home(u.Name)}:/bin/sh\n")));
        File.WriteAllText(Path.Combine(etc, "group"), File.ReadAllText("/etc/group") + string.Concat(uids.Select(u => $"{u.Name}:x:{u.Uid}:\n")));
        // '*': no password can log in, yet the account is not locked ('!'), which sshd would refuse.
        File.WriteAllText(Path.Combine(etc, "shadow"), File.ReadAllText("/etc/shadow") + string.Concat(uids.Select(u => $"{u.Name}:*:19000:0:99999:7:::\n")));
        File.WriteAllText(Path.Combine(etc, "sudoers"), "Defaults env_reset\nDefaults secure_path=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\nroot ALL=(ALL:ALL) ALL\n" +
            string.Concat(users.Where(u => u.Sudoers != null).Select(u => u.Sudoers + "\n")));
        // sudo refuses a sudoers file that anyone but root could change.
        File.SetUnixFileMode(Path.Combine(etc, "sudoers"), UnixFileMode.UserRead | UnixFileMode.GroupRead);
        Systemd = new StandInSystemd(Path.Combine(Folder, "systemd"));
        var binds = new[] { "passwd", "group", "shadow", "sudoers" }.Select(f => $"mount --bind '{etc}/{f}' /etc/{f}").Concat(Systemd.Binds);
        return new[] { "--mount", "--propagation", "private", "--", "/bin/sh", "-c", string.Join(" && ", binds) + " && exec \"$@\"", "sh" }.Concat(sshd);
    }

    /// <summary>The stand-in systemctl and unit folder this sshd's users see at the real places; null for root's sshd.</summary>
    public StandInSystemd Systemd { get; private set; }

    /// <summary>The home folder of one of the login users this sshd alone sees.</summary>
    public string Home(string user) => Path.Combine(Folder, "home", user);

    /// <summary>A folder of links to every program in /usr/bin but <paramref name="missing"/>: a machine that lacks them, for one user.</summary>
    private string ProgramsWithout(string[] missing)
    {
        var folder = Path.Combine(Folder, "bin-without-" + string.Join("-", missing));
        Directory.CreateDirectory(folder);
        foreach (var program in Directory.EnumerateFileSystemEntries("/usr/bin").Where(p => !missing.Contains(Path.GetFileName(p))))
            File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(program)), program);
        return folder;
    }

    private static void Chown(int uid, string path)
    {
        using var chown = Process.Start(RealPart.Require("chown"), [$"{uid}:{uid}", path]);
        chown.WaitForExit();
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

/// <summary>
/// An sshd for users who are not root: <see cref="SudoUser"/>, whom sudo lets run the privileged
/// steps' commands without a password, <see cref="PasswordUser"/>, whom sudo would ask for one,
/// <see cref="AnyCommandUser"/>, whom sudo lets run anything, <see cref="BareUser"/>, who
/// has no sudo and whose PATH has no unzip, and <see cref="NoTarUser"/> and <see cref="NoUnpackerUser"/>, whose PATH has no
/// tar, and neither tar nor unzip.
/// </summary>
public sealed class NonRootSshServer : SshServer
{
    public const string SudoUser = "wsosudo";
    public const string PasswordUser = "wsoplain";
    public const string AnyCommandUser = "wsoadmin";
    public const string BareUser = "wsobare";
    public const string NoTarUser = "wsonotar";
    public const string NoUnpackerUser = "wsonopack";

    public NonRootSshServer() : base(
    [
        (SudoUser, $"{SudoUser} ALL=(root) NOPASSWD: " + string.Join(", ", WsoClusterPS.Engine.Ssh.Sudo.Commands.Select(c => RealPart.Find(c) ?? "/usr/bin/" + c)), []),
        (PasswordUser, $"{PasswordUser} ALL=(root) ALL", []),
        (AnyCommandUser, $"{AnyCommandUser} ALL=(root) NOPASSWD: ALL", []),
        (BareUser, null, ["unzip"]),
        (NoTarUser, null, ["tar"]),
        (NoUnpackerUser, null, ["tar", "unzip"]),
    ])
    {
    }

    /// <summary>
    /// Why these tests cannot run here: the sshd reasons, no sudo or unshare (outside CI), or a
    /// machine that may not make mount namespaces (a container without CAP_SYS_ADMIN), which no
    /// install can mend.
    /// </summary>
    public static new string SkipReason => SshServer.SkipReason ?? RealPart.SkipReason("sudo") ?? RealPart.SkipReason("unshare") ?? NamespaceRefusal.Value;

    private static readonly Lazy<string> NamespaceRefusal = new(() =>
    {
        if (RealPart.Find("unshare") == null) return null;
        using var probe = Process.Start(new ProcessStartInfo(RealPart.Find("unshare"), ["--mount", "--propagation", "private", "true"]) { RedirectStandardError = true })!;
        var why = probe.StandardError.ReadToEnd();
        probe.WaitForExit();
        return probe.ExitCode == 0 ? null : "this machine may not make mount namespaces (unshare --mount: " + why.Trim() + ")";
    });

    /// <summary>What skips these tests even under CI: a limit of the machine, not a part to install.</summary>
    public static string CannotEverRunHere => NamespaceRefusal.Value;

    /// <summary>How the engine logs in here as <paramref name="user"/>, with the fixture's client key.</summary>
    public WsoClusterPS.Engine.Ssh.SshOptions OptionsFor(string user, string knownHosts, bool useSudo = false) => new()
    {
        HostName = "127.0.0.1", Port = Port, UserName = user, KeyFilePath = ClientKey("ed25519"), KnownHostsPath = knownHosts, AcceptNewHostKey = true, UseSudo = useSudo,
    };
}

[CollectionDefinition(Name)]
public sealed class NonRootSshCollection : ICollectionFixture<NonRootSshServer>
{
    public const string Name = "sshd for users who are not root";
}

/// <summary>A test that needs the sshd for users who are not root: skipped where it cannot run, except under CI.</summary>
public sealed class NeedsNonRootSshFactAttribute : FactAttribute
{
    public NeedsNonRootSshFactAttribute() => Skip = Repo.UnderCi ? NonRootSshServer.CannotEverRunHere : NonRootSshServer.SkipReason;
}

/// <summary>A test that needs the sshd fixture: skipped where it cannot run, except under CI.</summary>
public sealed class NeedsSshFactAttribute : FactAttribute
{
    public NeedsSshFactAttribute() => Skip = Repo.UnderCi ? null : SshServer.SkipReason;
}

public sealed class NeedsSshTheoryAttribute : TheoryAttribute
{
    public NeedsSshTheoryAttribute() => Skip = Repo.UnderCi ? null : SshServer.SkipReason;
}
