using ReaderKit.Apdu;

namespace ReaderKit.Apdu.Tests;

public class ApduChannelTests
{
    private sealed class ScriptedTransport(params (string Expect, string Answer)[] script) : IApduTransport
    {
        private int _step;

        public int MaxResponseLength => 258;

        public Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Assert.True(_step < script.Length, "unexpected extra command " + Convert.ToHexString(command.Span));
            var (expect, answer) = script[_step++];
            Assert.Equal(expect, Convert.ToHexString(command.Span));
            return Task.FromResult(Convert.FromHexString(answer));
        }

        public bool Done => _step == script.Length;
    }

    private sealed class LimitsTransport(int max, int? extended) : IApduTransport
    {
        public int MaxResponseLength => max;

        public int MaxExtendedResponseLength => extended ?? 0;

        public Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken) =>
            Task.FromResult(new byte[] { 0x90, 0x00 });
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(0, 0)]
    [InlineData(258, 0)]
    [InlineData(259, 257)]
    [InlineData(1026, 1024)]
    [InlineData(70000, 65536)]
    public void Offers_an_extended_ne_only_above_256_and_at_most_65536(int? transportExtended, int channelExtended)
    {
        var channel = new ApduChannel(new LimitsTransport(258, transportExtended));
        Assert.Equal(channelExtended, channel.MaxExtendedResponseDataLength);
        Assert.Equal(256, channel.MaxResponseDataLength);
    }

    [Fact]
    public void A_transport_that_does_not_say_offers_no_extended_length()
    {
        IApduTransport transport = new ScriptedTransport();
        Assert.Equal(0, transport.MaxExtendedResponseLength);
        Assert.Equal(0, new ApduChannel(transport).MaxExtendedResponseDataLength);
    }

    [Fact]
    public async Task Follows_61xx_with_get_response()
    {
        var t = new ScriptedTransport(("00B0000010", "01026104"), ("00C0000004", "030405066102"), ("00C0000002", "07089000"));
        var r = await new ApduChannel(t).TransmitAsync(new CommandApdu(0, 0xB0, 0, 0, ne: 16));
        Assert.Equal("0102030405060708", Convert.ToHexString(r.Data.Span));
        Assert.True(r.StatusWord.IsSuccess);
        Assert.True(t.Done);
    }

    [Fact]
    public async Task Resends_with_the_le_the_card_asks_for_on_6Cxx()
    {
        var t = new ScriptedTransport(("00B0000000", "6C03"), ("00B0000003", "AABBCC9000"));
        var r = await new ApduChannel(t).TransmitAsync(new CommandApdu(0, 0xB0, 0, 0, ne: 256));
        Assert.Equal("AABBCC", Convert.ToHexString(r.Data.Span));
        Assert.True(t.Done);
    }

    [Fact]
    public async Task Passes_errors_through_and_rejects_short_answers()
    {
        var t = new ScriptedTransport(("00200080", "63C9"), ("00200080", "90"));
        var channel = new ApduChannel(t);
        var r = await channel.TransmitAsync(new CommandApdu(0, 0x20, 0, 0x80));
        Assert.Equal(9, r.StatusWord.RetryCount);
        await Assert.ThrowsAsync<MalformedApduException>(() => channel.TransmitAsync(new CommandApdu(0, 0x20, 0, 0x80)));
    }

    [Fact]
    public void EnsureSuccess_carries_the_status_word()
    {
        var e = Assert.Throws<CardStatusException>(() => ResponseApdu.Parse([0x69, 0x84]).EnsureSuccess(new CommandApdu(0, 0x20, 0, 0x80)));
        Assert.Equal(0x6984, e.StatusWord.Value);
        Assert.Equal(0x20, e.Instruction);
    }
}
