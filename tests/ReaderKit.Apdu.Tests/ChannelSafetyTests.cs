using System.Runtime.InteropServices;
using ReaderKit.Apdu;

namespace ReaderKit.Apdu.Tests;

/// <summary>Issue 9: no 6Cxx resend of state-changing commands, one deadline per APDU, zeroed encodings.</summary>
public class ChannelSafetyTests
{
    /// <summary>Answers each command with the next scripted answer (after an optional delay) and keeps what it saw.</summary>
    private sealed class RecordingTransport(Func<int, byte[]> answer, TimeSpan delay = default) : IApduTransport
    {
        public List<byte[]> Buffers { get; } = [];

        public List<string> Commands { get; } = [];

        public List<TimeSpan> Timeouts { get; } = [];

        public int MaxResponseLength => 258;

        public async Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Assert.True(MemoryMarshal.TryGetArray(command, out var segment));
            Buffers.Add(segment.Array!);
            Commands.Add(Convert.ToHexString(command.Span));
            Timeouts.Add(timeout);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }

            return answer(Commands.Count - 1);
        }
    }

    public static TheoryData<byte, byte> NeverRepeated() => new()
    {
        { 0x00, 0x20 }, // VERIFY
        { 0x00, 0x24 }, // CHANGE REFERENCE DATA
        { 0x80, 0x2A }, // COMPUTE DIGITAL SIGNATURE (PSO)
        { 0x00, 0x2C }, // RESET RETRY COUNTER
        { 0x80, 0x32 }, // JICSAP CHANGE KEY
        { 0x00, 0x86 }, // GENERAL AUTHENTICATE
        { 0x00, 0x87 },
        { 0x00, 0x88 }, // INTERNAL AUTHENTICATE
        { 0x00, 0x82 }, // EXTERNAL AUTHENTICATE
    };

    [Theory]
    [MemberData(nameof(NeverRepeated))]
    public async Task A_6Cxx_answer_to_a_state_changing_command_is_returned_not_resent(byte cla, byte ins)
    {
        var t = new RecordingTransport(_ => [0x6C, 0x10]);
        var r = await new ApduChannel(t).TransmitAsync(new CommandApdu(cla, ins, 0x00, 0x80, "55021720352285"u8.ToArray(), ne: 256));
        Assert.Single(t.Commands);
        Assert.Equal(0x6C10, r.StatusWord.Value);
        Assert.True(new CommandApdu(cla, ins, 0, 0).MustNotRepeat);
    }

    [Theory]
    [InlineData(0xB0)]
    [InlineData(0xB2)]
    [InlineData(0xCA)]
    [InlineData(0x84)]
    public void Reads_may_be_repeated(byte ins)
    {
        Assert.False(ApduInstructions.MustNotRepeat(ins));
        Assert.False(ApduInstructions.CarriesSecret(ins));
    }

    [Fact]
    public void Credential_instructions_carry_secrets()
    {
        Assert.True(new CommandApdu(0x00, 0x20, 0x00, 0x80).CarriesSecret);
        Assert.True(ApduInstructions.CarriesSecret(0x24));
        Assert.False(ApduInstructions.CarriesSecret(0x2A));
    }

    [Fact]
    public async Task Get_response_rounds_share_the_command_deadline()
    {
        // A hostile card: 61xx for ever, each round slow. The old channel gave every round the full timeout (256 rounds).
        var budget = TimeSpan.FromMilliseconds(300);
        var t = new RecordingTransport(_ => [0xAA, 0x61, 0x01], TimeSpan.FromMilliseconds(40));
        var ex = await Assert.ThrowsAsync<CardTransportException>(() => new ApduChannel(t, budget).TransmitAsync(new CommandApdu(0x00, 0xB0, 0, 0, ne: 1)));
        Assert.Equal(CardTransportFailure.Timeout, ex.Failure);
        Assert.InRange(t.Commands.Count, 1, 9); // 300 ms / 40 ms, fewer on a slow machine — never 256
        Assert.All(t.Timeouts, timeout => Assert.True(timeout <= budget));
        for (var i = 1; i < t.Timeouts.Count; i++)
        {
            Assert.True(t.Timeouts[i] < t.Timeouts[i - 1], "each round gets only the time left");
        }
    }

    [Fact]
    public async Task A_transport_that_ignores_its_timeout_is_cut_off_and_a_verify_in_flight_is_outcome_unknown()
    {
        var hanging = new HangingTransport();
        var verify = await Assert.ThrowsAsync<CardTransportException>(() =>
            new ApduChannel(hanging, TimeSpan.FromMilliseconds(100)).TransmitAsync(new CommandApdu(0x00, 0x20, 0x00, 0x80, "55021720352285"u8.ToArray())));
        Assert.Equal(CardTransportFailure.OutcomeUnknown, verify.Failure);
        Assert.IsAssignableFrom<OperationCanceledException>(verify.InnerException);

        var read = await Assert.ThrowsAsync<CardTransportException>(() =>
            new ApduChannel(hanging, TimeSpan.FromMilliseconds(100)).TransmitAsync(new CommandApdu(0x00, 0xB0, 0, 0, ne: 16)));
        Assert.Equal(CardTransportFailure.Timeout, read.Failure);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new ApduChannel(new HangingTransport(), TimeSpan.FromSeconds(30)).TransmitAsync(new CommandApdu(0x00, 0xB0, 0, 0, ne: 16), cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Encoded_commands_are_zeroed_after_the_exchange_and_on_failure()
    {
        var t = new RecordingTransport(i => i == 0 ? [0x90, 0x00] : throw new CardTransportException(CardTransportFailure.CardRemoved, "gone"));
        var channel = new ApduChannel(t);
        await channel.TransmitAsync(new CommandApdu(0x00, 0x20, 0x00, 0x80, "55021720352285"u8.ToArray()));
        await Assert.ThrowsAsync<CardTransportException>(() => channel.TransmitAsync(new CommandApdu(0x00, 0x20, 0x00, 0x80, "55021720352285"u8.ToArray())));
        Assert.Equal(2, t.Buffers.Count);
        Assert.All(t.Buffers, b => Assert.All(b, x => Assert.Equal(0, x)));
        Assert.StartsWith("0020008", t.Commands[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Timeouts_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ApduChannel(new HangingTransport(), TimeSpan.Zero));
    }

    private sealed class HangingTransport : IApduTransport
    {
        public int MaxResponseLength => 258;

        public async Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        }
    }
}
