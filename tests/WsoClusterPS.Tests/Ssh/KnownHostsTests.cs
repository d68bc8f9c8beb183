using System.Text;
using WsoClusterPS.Engine.Ssh;

namespace WsoClusterPS.Tests.Ssh;

public class KnownHostsTests
{
    private static byte[] Blob(string type, byte fill)
    {
        var name = Encoding.ASCII.GetBytes(type);
        var key = new byte[32];
        Array.Fill(key, fill);
        return [0, 0, 0, (byte)name.Length, .. name, 0, 0, 0, 32, .. key];
    }

    private static readonly byte[] Key = Blob("ssh-ed25519", 7);

    [Fact]
    public void A_line_whose_key_is_not_base64_is_skipped_as_malformed_not_called_a_changed_key()
    {
        var verdict = KnownHosts.Check(["[10.0.0.5]:2222 ssh-ed25519 AAAA!!not-base64!!"], "10.0.0.5", 2222, Key, out var malformed, out _);
        Assert.Equal(KnownHostVerdict.Unknown, verdict);
        Assert.Equal([1], malformed);
    }

    [Fact]
    public void A_line_whose_key_blob_is_of_another_type_is_malformed()
    {
        var lying = Convert.ToBase64String(Blob("ssh-rsa", 9));
        var verdict = KnownHosts.Check(["# note", $"10.0.0.5 ssh-ed25519 {lying}"], "10.0.0.5", 22, Key, out var malformed, out _);
        Assert.Equal(KnownHostVerdict.Unknown, verdict);
        Assert.Equal([2], malformed);
    }

    [Fact]
    public void A_malformed_line_beside_the_right_one_leaves_the_host_trusted()
    {
        var lines = new[] { "10.0.0.5 ssh-ed25519 broken", $"10.0.0.5 ssh-ed25519 {Convert.ToBase64String(Key)}" };
        Assert.Equal(KnownHostVerdict.Trusted, KnownHosts.Check(lines, "10.0.0.5", 22, Key));
    }

    [Fact]
    public void A_well_formed_other_key_is_still_a_changed_key()
    {
        var other = Convert.ToBase64String(Blob("ssh-ed25519", 8));
        Assert.Equal(KnownHostVerdict.Changed, KnownHosts.Check([$"10.0.0.5 ssh-ed25519 {other}"], "10.0.0.5", 22, Key));
    }

    [Fact]
    public void An_rsa_key_is_known_by_its_key_type_whatever_it_signed_with()
    {
        var rsa = Blob("ssh-rsa", 3);
        Assert.Equal(KnownHostVerdict.Trusted, KnownHosts.Check([$"[127.0.0.1]:2222 ssh-rsa {Convert.ToBase64String(rsa)}"], "127.0.0.1", 2222, rsa));
        Assert.Equal(["ssh-rsa"], KnownHosts.KeyTypesFor([$"[127.0.0.1]:2222 ssh-rsa {Convert.ToBase64String(rsa)}", "other ssh-ed25519 AAAA"], "127.0.0.1", 2222));
    }

    [Fact]
    public void A_cert_authority_line_for_the_host_is_named_not_trusted()
    {
        var verdict = KnownHosts.Check([$"@cert-authority *.example ssh-ed25519 {Convert.ToBase64String(Blob("ssh-ed25519", 1))}"], "db.example", 22, Key,
            out _, out var authorities);
        Assert.Equal(KnownHostVerdict.Unknown, verdict);
        Assert.Equal([1], authorities);
    }

    [Fact]
    public void A_new_key_is_written_as_a_standard_line_in_a_private_file_and_folder()
    {
        var home = Path.Combine(Path.GetTempPath(), "wsoclusterps-kh-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var path = Path.Combine(home, ".ssh", "known_hosts");
            var rsa = Blob("ssh-rsa", 3);
            KnownHosts.Add(path, "127.0.0.1", 2222, rsa);
            Assert.Equal([$"[127.0.0.1]:2222 ssh-rsa {Convert.ToBase64String(rsa)}"], File.ReadAllLines(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }
        finally { Directory.Delete(home, recursive: true); }
    }
}
