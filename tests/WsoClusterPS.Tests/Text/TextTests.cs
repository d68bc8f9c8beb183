using System.Text;
using WsoClusterPS.Engine.Text;

namespace WsoClusterPS.Tests.Text;

public class TextTests
{
    [Fact]
    public void A_byte_order_mark_survives_a_rewrite()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("[server]\n")).ToArray();
        var file = TextFile.Decode(bytes);
        Assert.Equal("[server]\n", file.Text);
        Assert.Equal(bytes, file.Encode(file.Text));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        Assert.Throws<DecoderFallbackException>(() => TextFile.Decode([0x5B, 0xFF, 0xFE, 0x5D]));
    }

    [Fact]
    public void A_replaced_line_shows_as_removal_then_addition_with_context()
    {
        var diff = UnifiedDiff.Create("a\nb\nc\nd\n", "a\nB\nc\nd\n", "f.toml");
        Assert.Equal("--- f.toml\n+++ f.toml\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n d\n", diff);
    }

    [Fact]
    public void Distant_changes_make_separate_hunks_with_right_line_numbers()
    {
        var old = string.Join("\n", Enumerable.Range(1, 20).Select(i => "line" + i)) + "\n";
        var changed = old.Replace("line2\n", "line2\nnew\n").Replace("line18\n", "");
        var diff = UnifiedDiff.Create(old, changed, "f");
        Assert.Contains("@@ -1,5 +1,6 @@\n line1\n line2\n+new\n line3\n line4\n line5\n", diff);
        Assert.Contains("@@ -15,6 +16,5 @@\n line15\n line16\n line17\n-line18\n line19\n line20\n", diff);
    }

    [Fact]
    public void Crlf_and_lf_versions_of_a_line_are_the_same_line()
    {
        var diff = UnifiedDiff.Create("a\r\nb\r\n", "a\r\nb\r\nc\r\n", "f");
        Assert.Equal("--- f\n+++ f\n@@ -1,2 +1,3 @@\n a\n b\n+c\n", diff);
    }
}
