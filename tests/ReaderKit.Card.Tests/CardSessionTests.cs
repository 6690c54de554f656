using ReaderKit.Apdu;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Credentials;
using ReaderKit.Card.Tlv;
using Xunit;

namespace ReaderKit.Card.Tests;

public sealed class CardSessionTests
{
    /// <summary>Answers READ BINARY from one file and VERIFY from a scripted counter; records everything.</summary>
    private sealed class ScriptedChannel(byte[] file, int maxResponse, Queue<ushort>? verifyAnswers = null) : IApduChannel
    {
        public List<CommandApdu> Received { get; } = [];

        public int MaxResponseDataLength => maxResponse;

        public Task<ResponseApdu> TransmitAsync(CommandApdu command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            Received.Add(command);
            if (command.Ins == 0xB0)
            {
                var offset = (command.P1 << 8) | command.P2;
                if (offset >= file.Length)
                {
                    return Task.FromResult(new ResponseApdu(Array.Empty<byte>(), StatusWord.FromUInt16(0x6B00)));
                }

                var n = Math.Min(command.Ne ?? 256, file.Length - offset);
                return Task.FromResult(new ResponseApdu(file.AsSpan(offset, n).ToArray(), StatusWord.Success));
            }

            if (command.Ins == 0x20)
            {
                return Task.FromResult(new ResponseApdu(Array.Empty<byte>(), StatusWord.FromUInt16(verifyAnswers!.Dequeue())));
            }

            return Task.FromResult(new ResponseApdu(Array.Empty<byte>(), StatusWord.Success));
        }
    }

    [Theory]
    [InlineData(0, 256)]
    [InlineData(2, 256)]
    [InlineData(2, 60)]
    [InlineData(0, 1000)]
    public async Task Reads_a_whole_file_in_chunks_from_its_header(int leading, int maxResponse)
    {
        var value = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        byte[] file = [.. new byte[leading], .. BerTlvReader.Encode(0xFF20, value), 0xFF, 0xFF, 0xFF];
        var channel = new ScriptedChannel(file, maxResponse);
        var read = await new CardSession(channel).ReadObjectFileAsync(0x0002, 0xFF20, CancellationToken.None);
        Assert.Equal(file[..^3], read);
        Assert.All(channel.Received.Where(c => c.Ins == 0xB0), c => Assert.True(c.Ne <= Math.Min(maxResponse, 256)));
    }

    [Fact]
    public async Task Short_file_stops_at_end_of_file()
    {
        var file = BerTlvReader.Encode(0xFF20, new byte[500])[..300];
        var read = await new CardSession(new ScriptedChannel(file, 256)).ReadObjectFileAsync(0x0002, 0xFF20, CancellationToken.None);
        Assert.Equal(300, read.Length);
    }

    [Fact]
    public async Task Header_claiming_more_than_the_address_space_is_refused()
    {
        var file = Convert.FromHexString("FF2083010000");
        await Assert.ThrowsAsync<CardDataFormatException>(() => new CardSession(new ScriptedChannel(file, 256)).ReadObjectFileAsync(2, 0xFF20, CancellationToken.None));
    }

    [Theory]
    [InlineData(0x63C3, 2, true)]
    [InlineData(0x63C2, 2, false)]
    [InlineData(0x63C2, 1, true)]
    [InlineData(0x63C1, 1, false)]
    [InlineData(0x63C5, 5, false)]
    [InlineData(0x63CF, 9, true)]
    public async Task Value_is_sent_only_above_the_floor(ushort query, int floor, bool sends)
    {
        var channel = new ScriptedChannel([], 256, new Queue<ushort>([query, 0x9000]));
        var session = new CardSession(channel);
        var secret = "55021720352285"u8.ToArray();
        if (sends)
        {
            await session.VerifyAsync(0x12, "b", secret, new RetryPolicy { Floor = floor }, CancellationToken.None);
        }
        else
        {
            var ex = await Assert.ThrowsAsync<RetryFloorReachedException>(() => session.VerifyAsync(0x12, "b", secret, new RetryPolicy { Floor = floor }, CancellationToken.None));
            Assert.Equal(query & 0x0F, ex.RemainingTries);
        }

        Assert.Equal(sends ? 1 : 0, channel.Received.Count(c => c.Ins == 0x20 && !c.Data.IsEmpty));
        Assert.Equal(sends ? 1 : 0, session.ValueVerifiesSent);
        Assert.All(secret, b => Assert.Equal(0, b)); // zeroized either way
    }

    [Theory]
    [InlineData(0x63C0)]
    [InlineData(0x6984)]
    [InlineData(0x6983)]
    public async Task Blocked_credential_sends_no_value(ushort query)
    {
        var channel = new ScriptedChannel([], 256, new Queue<ushort>([query]));
        var ex = await Assert.ThrowsAsync<CredentialBlockedException>(() => new CardSession(channel).VerifyAsync(0x12, "b", "1"u8.ToArray(), RetryPolicy.Default, CancellationToken.None));
        Assert.Equal(0, ex.RemainingTries);
        Assert.Equal(0, channel.Received.Count(c => c.Ins == 0x20 && !c.Data.IsEmpty));
    }

    [Fact]
    public async Task Rejected_value_reports_remaining_tries()
    {
        var channel = new ScriptedChannel([], 256, new Queue<ushort>([0x63C9, 0x63C8]));
        var ex = await Assert.ThrowsAsync<CredentialRejectedException>(() => new CardSession(channel).VerifyAsync(0x12, "b", "1"u8.ToArray(), RetryPolicy.Default, CancellationToken.None));
        Assert.Equal(8, ex.RemainingTries);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_floor_below_one_is_refused(int floor)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy { Floor = floor });
        Assert.Contains("AllowLastTry", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_try_is_spent_only_with_the_explicit_option()
    {
        var refused = new ScriptedChannel([], 256, new Queue<ushort>([0x63C1]));
        var floor = await Assert.ThrowsAsync<RetryFloorReachedException>(() => new CardSession(refused).VerifyAsync(0x12, "b", "1"u8.ToArray(), new RetryPolicy { Floor = 1 }, CancellationToken.None));
        Assert.Equal(1, floor.RemainingTries);
        Assert.Equal(0, refused.Received.Count(c => c.Ins == 0x20 && !c.Data.IsEmpty));

        var allowed = new ScriptedChannel([], 256, new Queue<ushort>([0x63C1, 0x9000]));
        var policy = new RetryPolicy { AllowLastTry = true };
        Assert.Equal(0, policy.EffectiveFloor);
        Assert.Equal(1, await new CardSession(allowed).VerifyAsync(0x12, "b", "1"u8.ToArray(), policy, CancellationToken.None));
        Assert.Equal(1, allowed.Received.Count(c => c.Ins == 0x20 && !c.Data.IsEmpty));
    }

    [Theory]
    [InlineData(0x6300)] // "verification failed" without a counter
    [InlineData(0x6C0E)]
    [InlineData(0x6A88)]
    [InlineData(0x6700)]
    [InlineData(0x6F00)]
    public async Task An_unknown_counter_refuses_without_sending_the_value(ushort query)
    {
        var channel = new ScriptedChannel([], 256, new Queue<ushort>([query]));
        var secret = "55021720352285"u8.ToArray();
        var session = new CardSession(channel);
        var ex = await Assert.ThrowsAsync<RetryCounterUnknownException>(() => session.VerifyAsync(0x12, "surface 照合番号B", secret, RetryPolicy.Default, CancellationToken.None));
        Assert.Equal(query, ex.StatusWord.Value);
        Assert.Null(ex.RemainingTries);
        Assert.Equal(0, channel.Received.Count(c => c.Ins == 0x20 && !c.Data.IsEmpty));
        Assert.Equal(0, session.ValueVerifiesSent);
        Assert.All(secret, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task Already_verified_sends_nothing()
    {
        var channel = new ScriptedChannel([], 256, new Queue<ushort>([0x9000]));
        var secret = "55021720352285"u8.ToArray();
        Assert.Null(await new CardSession(channel).VerifyAsync(0x12, "b", secret, RetryPolicy.Default, CancellationToken.None));
        Assert.Equal(0, channel.Received.Count(c => c.Ins == 0x20 && !c.Data.IsEmpty));
        Assert.All(secret, b => Assert.Equal(0, b));
    }

    public static TheoryData<CardTransportFailure> Failures() =>
    [
        CardTransportFailure.OutcomeUnknown,
        CardTransportFailure.Timeout,
        CardTransportFailure.CardRemoved,
        CardTransportFailure.RfError,
        CardTransportFailure.ProtocolError,
        CardTransportFailure.ReaderUnavailable,
    ];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_link_failure_after_the_value_left_is_outcome_unknown_and_never_retried(CardTransportFailure failure)
    {
        var channel = new FailingValueChannel(new CardTransportException(failure, "link failed"));
        var secret = "55021720352285"u8.ToArray();
        var session = new CardSession(channel);
        var ex = await Assert.ThrowsAsync<CredentialOutcomeUnknownException>(() => session.VerifyAsync(0x12, "surface 照合番号B (EF 0012)", secret, RetryPolicy.Default, CancellationToken.None));
        Assert.Equal(7, ex.TriesBeforeAttempt);
        Assert.Null(ex.RemainingTries);
        Assert.Equal(failure, ex.Transport.Failure);
        Assert.Equal("surface 照合番号B (EF 0012)", ex.Credential);
        Assert.Equal(1, channel.ValueVerifies);
        Assert.Equal(1, session.ValueVerifiesSent);
        Assert.All(secret, b => Assert.Equal(0, b));
        Assert.DoesNotContain("5502172035", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("3535303231", ex.ToString(), StringComparison.Ordinal); // the digits in hex
    }

    public static TheoryData<string> OutcomeUnknownTransports() => ["pn532", "pcsc"];

    [Theory]
    [MemberData(nameof(OutcomeUnknownTransports))]
    public async Task Both_links_outcome_unknown_errors_reach_the_card_layer_as_the_one_shared_base(string link)
    {
        var waited = TimeSpan.FromMilliseconds(640);
        TransportOutcomeUnknownException raised = link == "pn532"
            ? new Nfc.Pn532OutcomeUnknownException(0x40, waited, "no ACK and no answer")
            : new Pcsc.PcscOutcomeUnknownException(ApduInstructions.Verify, waited, "no answer from SCardTransmit within the deadline");
        var channel = new FailingValueChannel(raised);
        var secret = "55021720352285"u8.ToArray();
        var ex = await Assert.ThrowsAsync<CredentialOutcomeUnknownException>(() => new CardSession(channel).VerifyAsync(0x12, "surface 照合番号B (EF 0012)", secret, RetryPolicy.Default, CancellationToken.None));
        var transport = Assert.IsAssignableFrom<TransportOutcomeUnknownException>(ex.Transport);
        Assert.Same(raised, transport);
        Assert.Equal(CardTransportFailure.OutcomeUnknown, transport.Failure);
        Assert.Equal(waited, transport.Waited);
        Assert.Equal(7, ex.TriesBeforeAttempt);
        Assert.Equal(1, channel.ValueVerifies);
        Assert.All(secret, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task A_link_failure_before_the_value_left_is_an_ordinary_transport_error()
    {
        var channel = new FailingValueChannel(new CardTransportException(CardTransportFailure.Timeout, "link failed")) { FailQuery = true };
        var ex = await Assert.ThrowsAsync<CardTransportException>(() => new CardSession(channel).VerifyAsync(0x12, "b", "1"u8.ToArray(), RetryPolicy.Default, CancellationToken.None));
        Assert.Equal(CardTransportFailure.Timeout, ex.Failure);
        Assert.Equal(0, channel.ValueVerifies);
    }

    /// <summary>SELECT and the counter query (63C7) work; the VERIFY carrying a value fails in the transport.</summary>
    private sealed class FailingValueChannel(CardTransportException failure) : IApduChannel
    {
        public bool FailQuery { get; init; }

        public int ValueVerifies { get; private set; }

        public int MaxResponseDataLength => 256;

        public Task<ResponseApdu> TransmitAsync(CommandApdu command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            if (command.Ins == 0x20 && !command.Data.IsEmpty)
            {
                ValueVerifies++;
                throw failure;
            }

            if (command.Ins == 0x20 && FailQuery)
            {
                throw failure;
            }

            return Task.FromResult(new ResponseApdu(Array.Empty<byte>(), StatusWord.FromUInt16(command.Ins == 0x20 ? (ushort)0x63C7 : (ushort)0x9000)));
        }
    }
}
