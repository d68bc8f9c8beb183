using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Tests.Hosts;

public class HandOffStreamTests
{
    [Fact]
    public void Every_byte_arrives_in_order_through_writes_of_any_size()
    {
        var content = new byte[3_000_001];
        new Random(7).NextBytes(content);
        using var received = new MemoryStream();
        using (var handOff = new HandOffStream(received))
        {
            var random = new Random(11);
            for (var at = 0; at < content.Length;)
            {
                var count = Math.Min(content.Length - at, random.Next(1, 700_000));
                handOff.Write(content, at, count);
                at += count;
            }
        }
        Assert.Equal(content, received.ToArray());
    }

    [Fact]
    public void A_receiver_that_fails_stops_the_writer_with_its_error_instead_of_holding_it()
    {
        var handOff = new HandOffStream(new FailingStream());
        var chunk = new byte[1 << 20];
        var error = Assert.ThrowsAny<IOException>(() =>
        {
            // More than the few chunks held: without the failure reaching it the writer would wait for room forever.
            for (var i = 0; i < 64; i++) handOff.Write(chunk, 0, chunk.Length);
            handOff.Dispose();
        });
        Assert.Contains("the channel closed", error.ToString());
    }

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("the channel closed");
    }
}
