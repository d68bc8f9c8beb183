using System.Management.Automation;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Ssh;

/// <summary>
/// The privileged steps as a user who is not root: NGINX files, its reload and the hosts file,
/// all root's, through sudo -n with -UseSudo, and refused with what to do without it.
/// </summary>
[Collection(NonRootSshCollection.Name)]
public class SudoCmdletTests : InSshShell
{
    private readonly NonRootSshServer _sshd;

    public SudoCmdletTests(NonRootSshServer sshd)
    {
        _sshd = sshd;
        File.WriteAllText(Temp.Combine("hosts"), "127.0.0.1 localhost\n");
        File.SetUnixFileMode(Temp.Combine("hosts"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private Dictionary<string, object> Variables(string user) => new()
    {
        ["port"] = _sshd.Port, ["key"] = _sshd.ClientKey("ed25519"), ["known"] = Temp.Combine("known_hosts"), ["user"] = user,
        ["hosts"] = Temp.Combine("hosts"),
    };

    /// <summary>The sudo user's variables, with root's NGINX as $nginx, $prefix, $config and $conf, and a stand-in $pack.</summary>
    private Dictionary<string, object> SudoUserAt(NginxInstance nginx)
    {
        var variables = Variables(NonRootSshServer.SudoUser);
        variables["nginx"] = nginx.Binary;
        variables["prefix"] = nginx.Prefix;
        variables["config"] = nginx.ConfigPath;
        variables["conf"] = nginx.ConfDirectory;
        variables["pack"] = StandInPack.Make(Temp.Combine("pack"));
        return variables;
    }

    private const string Connect = "$s = New-IsSshSession 127.0.0.1 -Port $port -UserName $user -KeyFilePath $key -KnownHostsPath $known -AcceptNewHostKey";

    [NeedsNonRootSshFact]
    public void With_UseSudo_a_user_writes_roots_nginx_files_and_hosts_file_and_reloads_roots_nginx()
    {
        using var nginx = NginxInstance.Start(Temp.Combine("nginx"));
        // As Debian ships it: the error log is root's and the adm group's alone.
        File.SetUnixFileMode(nginx.ErrorLog, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var variables = SudoUserAt(nginx);
        var workersBefore = Workers(nginx);

        var result = Shell.Run(Connect + " -UseSudo; $s.UseSudo; " +
            "$n = New-IsClusterNode $pack ./manager -ClusterHost 10.0.0.4; " +
            "$n | New-NginxUpstream -ServerName wso2.is -Scheme Http -HttpListenPort $httpPort -ListenAddress 127.0.0.1 -ConfigDirectory $conf -Session $s | " +
            "Invoke-NginxReload -NginxPath $nginx -Prefix $prefix -ConfigPath $config; " +
            "Set-IsHostsEntry wso2.is 10.0.0.10 -Path $hosts -Session $s -Backup",
            new Dictionary<string, object>(variables) { ["httpPort"] = FreePorts.One() });

        Assert.Empty(result.Errors);
        Assert.True((bool)result.Output[0].BaseObject);
        Assert.True(Assert.Single(result.Objects<NginxReloadResult>()).Reloaded);
        Assert.NotEqual(workersBefore, Workers(nginx));
        var site = Path.Combine(nginx.ConfDirectory, "is.http.conf");
        Assert.Equal(0, RealPart.OwnerOf(site));
        Assert.Equal("127.0.0.1 localhost\n10.0.0.10\twso2.is\n", File.ReadAllText(Temp.Combine("hosts")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Temp.Combine("hosts")));
        Assert.Equal("127.0.0.1 localhost\n", File.ReadAllText(Temp.Combine("hosts.bak")));
        Assert.Empty(Directory.GetFiles(Temp.Path, ".hosts.*"));
        Assert.Empty(Directory.GetFiles(nginx.ConfDirectory, ".*"));
    }

    [NeedsNonRootSshFact]
    public void A_reload_sudo_refuses_puts_the_new_site_files_back()
    {
        var conf = Temp.Combine("conf.d");
        Directory.CreateDirectory(conf);
        var variables = Variables(NonRootSshServer.SudoUser);
        variables["conf"] = conf;
        variables["pack"] = StandInPack.Make(Temp.Combine("pack"));

        // sudo lets this user run nginx from its usual place only, not a copy elsewhere.
        var result = Shell.Run(Connect + " -UseSudo; " +
            "New-IsClusterNode $pack ./manager -ClusterHost 10.0.0.4 | New-NginxUpstream -ServerName wso2.is -Scheme Http -ConfigDirectory $conf -Session $s | " +
            "Invoke-NginxReload -NginxPath /opt/elsewhere/nginx", variables);

        var error = Assert.Single(result.Errors);
        Assert.Equal("InvokeNginxReloadSudoRefused", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("is.http.conf was put back", error.ErrorDetails.Message);
        Assert.Equal(["wsoclusterps-connection-upgrade.conf"], Directory.GetFiles(conf).Select(Path.GetFileName));
    }

    [NeedsNonRootSshFact]
    public void Without_UseSudo_a_root_file_is_refused_with_what_to_do_and_left_alone()
    {
        var result = Shell.Run(Connect + "; Set-IsHostsEntry wso2.is 10.0.0.10 -Path $hosts -Session $s", Variables(NonRootSshServer.SudoUser));

        var error = Assert.Single(result.Errors);
        Assert.Equal("SetIsHostsEntryAccessDenied", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("-UseSudo", error.Exception.Message);
        Assert.Equal("127.0.0.1 localhost\n", File.ReadAllText(Temp.Combine("hosts")));
        Assert.Empty(Directory.GetFiles(Temp.Path, ".hosts.*"));
    }

    [NeedsNonRootSshFact]
    public void A_user_whom_sudo_would_ask_for_a_password_gets_a_clear_error_and_nothing_changes()
    {
        var result = Shell.Run(Connect + " -UseSudo; Set-IsHostsEntry wso2.is 10.0.0.10 -Path $hosts -Session $s", Variables(NonRootSshServer.PasswordUser));

        var error = Assert.Single(result.Errors);
        Assert.Equal("SetIsHostsEntrySudoRefused", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("as root for " + NonRootSshServer.PasswordUser + " without a password (sudo: a password is required)", error.Exception.Message);
        Assert.Contains("NOPASSWD", error.Exception.Message);
        Assert.Equal("127.0.0.1 localhost\n", File.ReadAllText(Temp.Combine("hosts")));
        Assert.Empty(Directory.GetFiles(Temp.Path, ".hosts.*"));
    }

    [NeedsNonRootSshFact]
    public void The_root_view_reads_and_removes_roots_files_and_says_which_command_sudo_refused_or_lacks()
    {
        var secret = Temp.Combine("error.log");
        File.WriteAllText(secret, "old line\nnew line\n");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var user = ConnectAs(NonRootSshServer.SudoUser);
        using var admin = ConnectAs(NonRootSshServer.AnyCommandUser);
        var root = user.ForPrivilegedSteps();

        Assert.Throws<UnauthorizedAccessException>(() => user.ReadFrom(secret, 0));
        Assert.Throws<FileNotFoundException>(() => user.ReadAllBytes(secret + ".missing"));
        Assert.Equal("new line\n", System.Text.Encoding.UTF8.GetString(root.ReadFrom(secret, "old line\n".Length)));
        var refused = Assert.Throws<WsoClusterPS.Engine.Ssh.SudoRefusedException>(() => root.Run("id", [], TimeSpan.FromSeconds(30)));
        Assert.Contains($"will not run 'id' as root for {NonRootSshServer.SudoUser} without a password", refused.Message);
        Assert.Contains("Cannot run 'no-such-program'", Assert.Throws<FileNotFoundException>(() => admin.ForPrivilegedSteps().Run("no-such-program", [], TimeSpan.FromSeconds(30))).Message);
        root.DeleteFile(secret);
        Assert.False(File.Exists(secret));
    }

    [NeedsNonRootSshFact]
    public void With_UseSudo_a_node_is_drained_at_roots_nginx_and_put_back_byte_for_byte()
    {
        using var nginx = NginxInstance.Start(Temp.Combine("nginx"));
        var variables = SudoUserAt(nginx);
        variables["httpPort"] = FreePorts.One();
        const string At = "-NginxPath $nginx -Prefix $prefix -ConfigPath $config";
        try
        {
            var made = Shell.Run(Connect + " -UseSudo; " +
                $"$nodes = @(New-IsClusterNode $pack ./one -Offset {FreePorts.IsOffset()} -ClusterHost 127.0.0.1; New-IsClusterNode $pack ./two -Offset {FreePorts.IsOffset()} -ClusterHost 127.0.0.1); " +
                $"$null = $nodes | New-NginxUpstream -ServerName wso2.is -Scheme Http -HttpListenPort $httpPort -ListenAddress 127.0.0.1 -ConfigDirectory $conf -Session $s | Invoke-NginxReload {At}; " +
                "$nodes | Start-IsNode -Wait -TimeoutSeconds 60", variables);
            Assert.Empty(made.Errors);
            var site = Path.Combine(nginx.ConfDirectory, "is.http.conf");
            var before = File.ReadAllText(site);

            var drained = Shell.Run($"$nodes[0] | Stop-IsNode -Site (Get-NginxSite -ConfigDirectory $conf -Session $s) {At} -DrainSeconds 5", variables);
            Assert.Empty(drained.Errors);
            Assert.Contains(" down;  # WsoClusterPS: drained; was: server 127.0.0.1:", File.ReadAllText(site));
            Assert.Equal(0, RealPart.OwnerOf(site));

            var back = Shell.Run($"$nodes[0] | Start-IsNode -Site (Get-NginxSite -ConfigDirectory $conf -Session $s) {At} -TimeoutSeconds 60", variables);
            Assert.Empty(back.Errors);
            Assert.Equal(before, File.ReadAllText(site));
            Assert.Equal(0, RealPart.OwnerOf(site));
        }
        finally
        {
            Shell.Run("$nodes | Stop-IsNode -Wait -ErrorAction SilentlyContinue");
        }
    }

    private WsoClusterPS.Engine.Ssh.SshHost ConnectAs(string user) =>
        WsoClusterPS.Engine.Ssh.SshHost.Connect(_sshd.OptionsFor(user, Temp.Combine("known_hosts"), useSudo: true));

    private static string Workers(NginxInstance nginx)
    {
        var master = File.ReadAllText(Path.Combine(nginx.Prefix, "logs", "nginx.pid")).Trim();
        return File.ReadAllText($"/proc/{master}/task/{master}/children").Trim();
    }
}
