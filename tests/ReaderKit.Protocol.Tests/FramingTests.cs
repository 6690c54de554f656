using ReaderKit.Protocol.Framing;

namespace ReaderKit.Protocol.Tests;

public sealed class FramingTests
{
    [Fact]
    public async Task Every_canonical_message_is_framed_whole_even_when_it_arrives_one_byte_at_a_time()
    {
        var all = CanonicalMessages.All.Values.Select(f => f()).ToList();
        var stream = new TrickleStream(all.SelectMany(b => b).ToArray(), chunk: 1);
        using var reader = new MessageStreamReader(stream);
        foreach (var expected in all)
        {
            var message = await reader.ReadAsync(CancellationToken.None);
            Assert.Equal(expected, message!.Value.ToArray());
        }

        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Several_messages_in_one_read_come_out_one_by_one()
    {
        var all = CanonicalMessages.All.Values.Select(f => f()).ToList();
        using var reader = new MessageStreamReader(new MemoryStream(all.SelectMany(b => b).ToArray()));
        var count = 0;
        while (await reader.ReadAsync(CancellationToken.None) is { } message)
        {
            Assert.Equal(all[count++], message.ToArray());
        }

        Assert.Equal(all.Count, count);
    }

    [Fact]
    public async Task A_consumed_message_is_zeroed_in_the_receive_buffer_when_the_next_one_is_read()
    {
        var tapStart = CanonicalMessages.All["request tap.start (parts)"]();
        var ping = CanonicalMessages.All["request session.ping"]();
        using var reader = new MessageStreamReader(new MemoryStream([.. tapStart, .. ping]));
        var first = (await reader.ReadAsync(CancellationToken.None))!.Value;
        Assert.Equal(tapStart, first.ToArray());
        await reader.ReadAsync(CancellationToken.None);
        Assert.All(first.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task A_str32_claiming_a_gigabyte_is_refused_from_its_header()
    {
        byte[] header = [0x94, 0x00, 0x01, 0xdb, 0x40, 0x00, 0x00, 0x00];
        using var reader = new MessageStreamReader(new TrickleStream([.. header, .. new byte[100]], 8), maxMessageBytes: 65536);
        var e = await Assert.ThrowsAsync<FramingException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        Assert.Equal(FramingFailure.TooLarge, e.Failure);
    }

    [Fact]
    public async Task An_endless_array_is_refused_once_it_passes_the_size_limit()
    {
        // array32 claiming 4 G nil elements: every element is one byte, so the cap stops it at 64 KiB.
        var bytes = new byte[200_000];
        bytes[0] = 0xdd;
        bytes[1] = bytes[2] = bytes[3] = bytes[4] = 0xff;
        Array.Fill(bytes, (byte)0xc0, 5, bytes.Length - 5);
        using var reader = new MessageStreamReader(new TrickleStream(bytes, 4096));
        var e = await Assert.ThrowsAsync<FramingException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        Assert.Equal(FramingFailure.TooLarge, e.Failure);
    }

    [Fact]
    public async Task Nesting_deeper_than_the_limit_is_refused()
    {
        var bytes = Enumerable.Repeat((byte)0x91, 40).Append((byte)0xc0).ToArray();
        using var reader = new MessageStreamReader(new MemoryStream(bytes), maxDepth: 32);
        var e = await Assert.ThrowsAsync<FramingException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        Assert.Equal(FramingFailure.TooDeep, e.Failure);

        using var ok = new MessageStreamReader(new MemoryStream(bytes[8..]), maxDepth: 32);
        Assert.NotNull(await ok.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_stream_that_ends_mid_message_is_truncated()
    {
        var ping = CanonicalMessages.All["request session.ping"]();
        using var reader = new MessageStreamReader(new MemoryStream(ping[..^3]));
        var e = await Assert.ThrowsAsync<FramingException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        Assert.Equal(FramingFailure.Truncated, e.Failure);
    }

    [Fact]
    public async Task The_never_used_byte_is_invalid()
    {
        using var reader = new MessageStreamReader(new MemoryStream([0x92, 0x01, 0xc1]));
        var e = await Assert.ThrowsAsync<FramingException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        Assert.Equal(FramingFailure.InvalidFormat, e.Failure);
    }

    [Fact]
    public async Task Every_format_family_is_sized_correctly()
    {
        // fixext, ext8/16/32, bin8/16, str8/16, float32/64, every int width, map16, array16.
        var hex = "dc0018 d40102 d5010203 d601aabbccdd d701aabbccddeeff0011 d801" + new string('0', 32)
            + " c70201aabb c8000201aabb c900000002 01aabb c403010203 c50002aabb d903616263 da0002aabb"
            + " ca3f800000 cb3ff0000000000000 cc01 cd0001 ce00000001 cf0000000000000001 d0ff d1ffff d2ffffffff d3ffffffffffffffff"
            + " de0001a161c0 dc0002c0c0";
        var bytes = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        using var reader = new MessageStreamReader(new TrickleStream([.. bytes, .. bytes], 3));
        Assert.Equal(bytes, (await reader.ReadAsync(CancellationToken.None))!.Value.ToArray());
        Assert.Equal(bytes, (await reader.ReadAsync(CancellationToken.None))!.Value.ToArray());
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
