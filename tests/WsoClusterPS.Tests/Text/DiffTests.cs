using WsoClusterPS.Engine.Text;

namespace WsoClusterPS.Tests.Text;

public class DiffTests
{
    [Fact]
    public void A_changed_password_is_masked_old_and_new_alike()
    {
        var diff = SecretMask.Apply(UnifiedDiff.Create(
            "[database.identity_db]\nusername = \"u\"\npassword = \"Old-pw1\"\n",
            "[database.identity_db]\nusername = \"u\"\npassword = \"New-pw2\"\n", "deployment.toml"));
        Assert.Contains("-password = \"********\"", diff);
        Assert.Contains("+password = \"********\"", diff);
        Assert.DoesNotContain("Old-pw1", diff);
        Assert.DoesNotContain("New-pw2", diff);
    }

    [Fact]
    public void A_short_password_masks_nothing_but_its_own_value()
    {
        var diff = SecretMask.Apply(UnifiedDiff.Create("type = \"mysql\"\n", "type = \"mysql\"\npassword = \"p\"\n", "deployment.toml"));
        Assert.Contains(" type = \"mysql\"", diff);
        Assert.Contains("+password = \"********\"", diff);
    }

    [Theory]
    [InlineData("password = \"a#b\" # note", "password = \"********\" # note")]
    [InlineData("\"admin.password\" = 'x y'", "\"admin.password\" = '********'")]
    [InlineData("keystore.identity.store.secretProvider=x", "keystore.identity.store.secretProvider=********")]
    [InlineData("url = \"jdbc:mysql://db:3306/x?password=pw&amp;useSSL=false\"", "url = \"jdbc:mysql://db:3306/x?password=********&amp;useSSL=false\"")]
    [InlineData("username = \"password\"", "username = \"password\"")]
    public void Secrets_are_masked_by_key(string line, string shown) => Assert.Equal(shown, SecretMask.Apply(line));

    /// <summary>The diff of two random texts, applied to the first, gives the second, with as few changed lines as can be.</summary>
    [Fact]
    public void The_diff_is_minimal_and_applies()
    {
        var random = new Random(20261201);
        for (var round = 0; round < 400; round++)
        {
            var a = Lines(random, random.Next(0, 40));
            var b = random.Next(3) == 0 ? Lines(random, random.Next(0, 40)) : Mutate(random, a);
            var diff = UnifiedDiff.Create(Text(a), Text(b), "f");
            var body = diff.Split('\n').Skip(2).Where(l => l.Length > 0 && !l.StartsWith("@@", StringComparison.Ordinal)).ToList();
            Assert.Equal(a.Length + b.Length - 2 * Lcs(a, b), body.Count(l => l[0] != ' '));
            Assert.Equal(Text(b), Apply(a, diff));
        }
    }

    [Fact]
    public void A_one_line_change_in_a_hundred_thousand_lines_is_one_small_hunk()
    {
        var lines = Enumerable.Range(0, 100_000).Select(i => $"10.1.{i / 250}.{i % 250}\thost{i}").ToArray();
        var changed = (string[])lines.Clone();
        changed[50_000] = "10.0.0.10\twso2.is";
        var diff = UnifiedDiff.Create(Text(lines), Text(changed), "/etc/hosts");
        Assert.Equal(["@@ -49998,7 +49998,7 @@"], diff.Split('\n').Where(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Contains("-10.1.200.0\thost50000\n+10.0.0.10\twso2.is\n", diff);
    }

    private static string[] Lines(Random random, int count) => Enumerable.Range(0, count).Select(_ => "l" + random.Next(6)).ToArray();

    private static string[] Mutate(Random random, string[] a)
    {
        var list = a.ToList();
        for (var edits = random.Next(1, 6); edits > 0; edits--)
        {
            if (list.Count > 0 && random.Next(2) == 0) list.RemoveAt(random.Next(list.Count));
            else list.Insert(random.Next(list.Count + 1), "l" + random.Next(6));
        }
        return list.ToArray();
    }

    private static string Text(string[] lines) => lines.Length == 0 ? string.Empty : string.Join("\n", lines) + "\n";

    private static int Lcs(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                table[i, j] = a[i] == b[j] ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);
        return table[0, 0];
    }

    /// <summary>Applies a unified diff as patch(1) would, checking every context and removed line.</summary>
    private static string Apply(string[] a, string diff)
    {
        var result = new List<string>();
        var at = 0;
        foreach (var line in diff.Split('\n').Skip(2).Where(l => l.Length > 0))
        {
            if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                var start = int.Parse(line.Split(' ')[1].TrimStart('-').Split(',')[0]);
                var count = int.Parse(line.Split(' ')[1].Split(',')[1]);
                var target = count == 0 ? start : start - 1;
                while (at < target) result.Add(a[at++]);
                continue;
            }
            if (line[0] == '+') { result.Add(line[1..]); continue; }
            Assert.Equal(a[at], line[1..]);
            if (line[0] == ' ') result.Add(a[at]);
            at++;
        }
        while (at < a.Length) result.Add(a[at++]);
        return Text(result.ToArray());
    }
}
