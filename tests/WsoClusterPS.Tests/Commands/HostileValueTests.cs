using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.Commands;

/// <summary>
/// Every string a cmdlet takes, with a trailing line feed, carriage return or NUL: refused as a bad
/// value before anything is written (.NET's $ matches before a final newline; the shapes use \z).
/// </summary>
public class HostileValueTests : InTempFolder
{
    private readonly CmdletHost _host;

    public HostileValueTests()
    {
        _host = new CmdletHost(Temp.Path);
        _host.MakeManagerAndWorker(Temp.Combine("pack"));
        Directory.CreateDirectory(Temp.Combine("conf"));
        File.WriteAllText(Temp.Combine("hosts"), "127.0.0.1\tlocalhost\n");
        File.WriteAllText(Temp.Combine("k"), "not a key");
    }

    public override void Dispose()
    {
        _host.Dispose();
        base.Dispose();
    }

    public static TheoryData<string, string> Cases()
    {
        var scripts = new[]
        {
            "$nodes | Set-IsClustering -Members \"10.0.0.4:4000{0}\"",
            "$nodes | Set-IsClustering -Hostname \"wso2.is{0}\"",
            "$nodes | Set-IsClustering -Domain \"wso2.domain{0}\"",
            "$nodes | New-NginxUpstream -Scheme Http -ConfigDirectory ./conf -ServerName \"wso2.is{0}\"",
            "$nodes | New-NginxUpstream -Scheme Http -ConfigDirectory ./conf -ServerName wso2.is -FileName \"is{0}\"",
            "$nodes | New-NginxUpstream -Scheme Http -ConfigDirectory ./conf -ServerName wso2.is -UpstreamName \"up{0}\"",
            "$nodes | New-NginxUpstream -Scheme Http -ConfigDirectory ./conf -ServerName wso2.is -ListenAddress \"127.0.0.1{0}\"",
            "$nodes | New-NginxUpstream -Scheme Http -ConfigDirectory \"./conf{0}\" -ServerName wso2.is",
            "Set-IsHostsEntry -Path ./hosts -Hostname \"wso2.is{0}\" -Address 10.0.0.10",
            "Set-IsHostsEntry -Path ./hosts -Hostname wso2.is -Address \"10.0.0.10{0}\"",
            "$nodes | Set-IsDatabase -Credential $cred -Database regdb -Server \"db.example{0}\"",
            "$nodes | Set-IsDatabase -Credential $cred -Server db.example -Database \"regdb{0}\"",
            "$nodes | Set-IsDatabase -Credential $cred -Server db.example -Database regdb -UserStoreType \"database_unique_id{0}\"",
            "$nodes | Set-IsDatabase -Credential $cred -Server db.example -Database regdb -ConnectionOption @{{ useSSL = \"false{0}\" }}",
            "New-IsClusterNode $pack ./n -Name \"n{0}\"",
            "New-IsClusterNode $pack ./n -ClusterHost \"10.0.0.4{0}\"",
            "New-IsClusterNode $pack \"./n{0}\"",
            "New-IsSshSession \"host.example{0}\" -KeyFilePath ./k",
            "New-IsSshSession host.example -KeyFilePath ./k -HostKeyFingerprint \"SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s{0}\"",
            "New-IsSshSession host.example -KeyFilePath ./k -UserName \"admin{0}\"",
            "New-IsSshSession host.example -KeyFilePath \"./k{0}\"",
            "New-IsSshSession host.example -KeyFilePath ./k -KnownHostsPath \"./known_hosts{0}\"",
            "Get-IsSshSession -HostName \"host.example{0}\"",
            "Get-IsClusterNode -Path \"./manager{0}\"",
            "Invoke-NginxReload -NginxPath \"nginx{0}\"",
            "Invoke-NginxReload -ConfigPath \"./conf/nginx.conf{0}\"",
            "Invoke-NginxReload -Prefix \"./conf{0}\"",
            "New-IsClusterNode -PackPath \"$pack{0}\" -Path ./n",
            "New-IsClusterNode -RemotePackPath \"/srv/wso2is.zip{0}\" -Path ./n",
            "$nodes | New-NginxUpstream -ConfigDirectory ./conf -ServerName wso2.is -CertificatePath \"./c.pem{0}\" -CertificateKeyPath ./k",
            "$nodes | New-NginxUpstream -ConfigDirectory ./conf -ServerName wso2.is -CertificatePath ./k -CertificateKeyPath \"./k.pem{0}\"",
            "$nodes | Set-IsDatabase -Credential $cred -Server db.example -IdentityDatabase \"idp{0}\" -SharedDatabase reg",
            "$nodes | Set-IsDatabase -Credential $cred -Server db.example -IdentityDatabase idp -SharedDatabase \"reg{0}\"",
            "$nodes | Set-IsDatabase -Credential $cred -Server db.example -Database regdb -AgentIdentityDatabase \"agent{0}\"",
            "$nodes | Set-IsDatabase -Credential $cred -Server db.example -Database regdb -PoolOption @{{ maxActive = \"80{0}\" }}",
            "$nodes | Set-IsDatabase -Credential $cred -Server db.example -Database regdb -JdbcDriverPath \"./k{0}\"",
            "Set-IsHostsEntry -Path \"./hosts{0}\" -Hostname wso2.is -Address 10.0.0.10",
            "$nodes | Start-IsNode -JavaHome \"/usr/lib/jvm/java-21{0}\"",
            "$nodes | Restart-IsNode -JavaHome \"/usr/lib/jvm/java-21{0}\"",
            "$nodes | Restart-IsNode -Rolling -NginxPath \"nginx{0}\"",
            "$nodes | Stop-IsNode -Prefix \"./conf{0}\"",
            "$nodes | Start-IsNode -ConfigPath \"./conf/nginx.conf{0}\"",
            "Get-NginxSite -ConfigDirectory \"./conf{0}\"",
            "$nodes | Protect-IsSecret -Secret $secure -Alias \"admin_password{0}\"",
            "$nodes | Protect-IsSecret -Secret $secure -Alias admin_password -Table \"super_admin{0}\" -Key password",
            "$nodes | Protect-IsSecret -Secret $secure -Alias admin_password -Table super_admin -Key \"password{0}\"",
        };
        var data = new TheoryData<string, string>();
        foreach (var script in scripts)
            foreach (var (name, escape) in new[] { ("LF", "`n"), ("CR", "`r"), ("NUL", "`0") })
                data.Add(string.Format(script, escape), name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_trailing_control_character_is_refused_and_nothing_is_written(string script, string character)
    {
        var before = Snapshot();
        var result = _host.Run(script, new Dictionary<string, object>
        {
            ["cred"] = new System.Management.Automation.PSCredential("u", new System.Net.NetworkCredential("", "pw").SecurePassword),
            ["secure"] = new System.Net.NetworkCredential("", "pw").SecurePassword,
        });
        var error = Assert.Single(result.Errors);
        Assert.True(error.FullyQualifiedErrorId.StartsWith("ParameterArgumentValidationError", StringComparison.Ordinal) ||
                    error.FullyQualifiedErrorId.Contains("InvalidValue"), $"{character}: {error.FullyQualifiedErrorId}: {error}");
        Assert.Equal(before, Snapshot());
    }

    /// <summary>Every file under the folder with its bytes, so any write shows.</summary>
    private Dictionary<string, string> Snapshot() =>
        Directory.GetFiles(Temp.Path, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "pack" + Path.DirectorySeparatorChar))
            .ToDictionary(f => f, f => Convert.ToBase64String(File.ReadAllBytes(f)));
}
