using System.Security.Cryptography;
using System.Text;
using ReaderKit.Apdu;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Credentials;
using ReaderKit.Card.Records;
using ReaderKit.Card.Tlv;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;
using ReaderKit.VirtualCard.Profiles;
using Xunit;

namespace ReaderKit.Card.Tests;

/// <summary>
/// Issue 19: extended-length READ BINARY only where the card declared it (basic-information record) and the channel offers
/// it; a refusal (<c>6700</c>, <c>6Cxx</c>, a cut answer, any error the short read does not repeat) falls back to Ne 256
/// for the rest of the tap; every byte read equals the card's.
/// </summary>
public sealed class ExtendedLengthReadTests
{
    private static readonly byte[] Declaring = Convert.FromHexString("FF3007DF310406030E01");
    private static readonly byte[] NotDeclaring = Convert.FromHexString("FF3007DF310406000E01");

    /// <summary>A card with one object file; <paramref name="extendedAnswer"/> decides how it answers an extended READ BINARY.</summary>
    private sealed class FileTransport(byte[] file, Func<int, int, byte[]?>? extendedAnswer = null) : IApduTransport
    {
        public List<CommandApdu> Received { get; } = [];

        public int MaxResponseLength => 258;

        public int MaxExtendedResponseLength { get; init; } = 1026;

        public Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var c = CommandApdu.Parse(command.Span);
            Received.Add(c);
            if (c.Ins != 0xB0)
            {
                return Task.FromResult(new byte[] { 0x90, 0x00 });
            }

            var offset = (c.P1 << 8) | c.P2;
            if (c.IsExtended && extendedAnswer?.Invoke(offset, c.Ne!.Value) is { } special)
            {
                return Task.FromResult(special);
            }

            if (offset >= file.Length)
            {
                return Task.FromResult(new byte[] { 0x6B, 0x00 });
            }

            var n = Math.Min(c.Ne ?? 256, file.Length - offset);
            return Task.FromResult<byte[]>([.. file.AsSpan(offset, n), .. n < (c.Ne ?? 256) ? new byte[] { 0x62, 0x82 } : [0x90, 0x00]]);
        }

        public IEnumerable<CommandApdu> Reads => Received.Where(r => r.Ins == 0xB0);
    }

    private static byte[] ObjectFile(int valueLength) =>
        BerTlvReader.Encode(0xFF20, Enumerable.Range(0, valueLength).Select(i => (byte)((i * 7) ^ (i >> 8))).ToArray());

    private static (CardSession Session, FileTransport Transport) Session(byte[] file, Func<int, int, byte[]?>? extendedAnswer = null, int extended = 1026)
    {
        var transport = new FileTransport(file, extendedAnswer) { MaxExtendedResponseLength = extended };
        return (new CardSession(new ApduChannel(transport)), transport);
    }

    [Fact]
    public async Task Without_a_declaration_every_read_is_short_even_when_the_channel_offers_extended_length()
    {
        var file = ObjectFile(3000);
        var (session, transport) = Session(file);
        session.NoteBasicInfo(ApBasicInfo.Parse(NotDeclaring, 0xFF30, 0xDF31));
        Assert.Equal(file, await session.ReadObjectFileAsync(2, 0xFF20, CancellationToken.None));
        Assert.Equal(ExtendedLengthState.NotDeclared, session.ExtendedLength);
        Assert.All(transport.Reads, r => Assert.False(r.IsExtended));
    }

    [Fact]
    public async Task A_declaring_card_is_read_in_extended_pieces_after_a_short_header_read_and_is_confirmed()
    {
        var file = ObjectFile(3000);
        var (session, transport) = Session(file);
        session.NoteBasicInfo(ApBasicInfo.Parse(Declaring, 0xFF30, 0xDF31));
        Assert.Equal(ExtendedLengthState.Declared, session.ExtendedLength);
        Assert.Equal(file, await session.ReadObjectFileAsync(2, 0xFF20, CancellationToken.None));
        Assert.Equal(ExtendedLengthState.Confirmed, session.ExtendedLength);
        Assert.Equal([256, 1024, 1024, file.Length - 256 - 2048], transport.Reads.Select(r => r.Ne!.Value));
        Assert.Equal(0, session.ExtendedLengthFallbacks);
    }

    [Fact]
    public async Task A_channel_without_extended_length_keeps_short_reads_for_a_declaring_card()
    {
        var file = ObjectFile(3000);
        var (session, transport) = Session(file, extended: 0);
        session.NoteBasicInfo(ApBasicInfo.Parse(Declaring, 0xFF30, 0xDF31));
        Assert.Equal(file, await session.ReadObjectFileAsync(2, 0xFF20, CancellationToken.None));
        Assert.All(transport.Reads, r => Assert.False(r.IsExtended));
        Assert.Equal(ExtendedLengthState.Declared, session.ExtendedLength);
    }

    public static TheoryData<string, ushort> Refusals() => new()
    {
        { "wrong length", 0x6700 },
        { "wrong P1-P2", 0x6A86 },
        { "instruction", 0x6D00 },
        { "no diagnosis", 0x6F00 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_extended_read_is_read_again_at_ne_256_and_the_refusal_is_kept_for_the_tap(string why, ushort sw)
    {
        _ = why;
        var file = ObjectFile(3000);
        var (session, transport) = Session(file, (_, _) => [(byte)(sw >> 8), (byte)sw]);
        session.NoteBasicInfo(ApBasicInfo.Parse(Declaring, 0xFF30, 0xDF31));
        Assert.Equal(file, await session.ReadObjectFileAsync(2, 0xFF20, CancellationToken.None));
        Assert.Equal(ExtendedLengthState.Refused, session.ExtendedLength);
        Assert.Equal(1, session.ExtendedLengthFallbacks);
        Assert.Single(transport.Reads, r => r.IsExtended);

        // The rest of the tap (another file, another declaration) stays short.
        session.NoteBasicInfo(ApBasicInfo.Parse(Declaring, 0xFF30, 0xDF31));
        Assert.Equal(file, await session.ReadFixedFileAsync(3, file.Length, CancellationToken.None));
        Assert.Single(transport.Reads, r => r.IsExtended);
        Assert.Equal(ExtendedLengthState.Refused, session.ExtendedLength);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0xC8)]
    public async Task A_6Cxx_answer_to_an_extended_read_ends_in_short_reads_with_every_byte(byte sw2)
    {
        // The channel resends on 6Cxx with Le = xx (a short Le); the session sees fewer bytes than it asked for.
        var file = ObjectFile(3000);
        var (session, transport) = Session(file, (_, _) => [0x6C, sw2]);
        session.NoteBasicInfo(ApBasicInfo.Parse(Declaring, 0xFF30, 0xDF31));
        Assert.Equal(file, await session.ReadObjectFileAsync(2, 0xFF20, CancellationToken.None));
        Assert.Equal(ExtendedLengthState.Refused, session.ExtendedLength);
        Assert.Single(transport.Reads, r => r.IsExtended);
    }

    [Fact]
    public async Task A_card_that_caps_an_extended_answer_at_256_bytes_falls_back_without_losing_a_byte()
    {
        var file = ObjectFile(3000);
        var (session, transport) = Session(file, (offset, _) => [.. file.AsSpan(offset, 256), 0x90, 0x00]);
        session.NoteBasicInfo(ApBasicInfo.Parse(Declaring, 0xFF30, 0xDF31));
        Assert.Equal(file, await session.ReadObjectFileAsync(2, 0xFF20, CancellationToken.None));
        Assert.Equal(ExtendedLengthState.Refused, session.ExtendedLength);
        Assert.Single(transport.Reads, r => r.IsExtended);
    }

    [Fact]
    public async Task An_error_that_the_short_read_repeats_is_the_cards_answer_and_not_a_refusal_of_extended_length()
    {
        var transport = new FailingReads();
        var session = new CardSession(new ApduChannel(transport));
        session.NoteBasicInfo(ApBasicInfo.Parse(Declaring, 0xFF30, 0xDF31));
        var ex = await Assert.ThrowsAsync<CardStatusException>(() => session.ReadFixedFileAsync(2, 2000, CancellationToken.None));
        Assert.Equal(0x6982, ex.StatusWord.Value);
        Assert.Equal(ExtendedLengthState.Declared, session.ExtendedLength);
        Assert.Equal([true, false], transport.Reads.Select(r => r.IsExtended));
    }

    private sealed class FailingReads : IApduTransport
    {
        public List<CommandApdu> Reads { get; } = [];

        public int MaxResponseLength => 258;

        public int MaxExtendedResponseLength => 1026;

        public Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var c = CommandApdu.Parse(command.Span);
            if (c.Ins == 0xB0)
            {
                Reads.Add(c);
                return Task.FromResult(new byte[] { 0x69, 0x82 });
            }

            return Task.FromResult(new byte[] { 0x90, 0x00 });
        }
    }

    [Theory]
    [InlineData("FF3007DF310406030E01", 0xFF30, 0xDF31, true)]
    [InlineData("FF3007DF310406000E01", 0xFF30, 0xDF31, false)]
    [InlineData("FF4007DF410401030E01", 0xFF40, 0xDF41, true)]
    [InlineData("FF4007DF410401000E01", 0xFF40, 0xDF41, false)]
    public void The_declaration_is_byte_1_of_the_ap_info_field(string hex, int outer, int info, bool declared) =>
        Assert.Equal(declared, ApBasicInfo.Parse(Convert.FromHexString(hex), outer, info).DeclaresExtendedLength);

    [Theory]
    [InlineData("FF3004DF310106")]
    [InlineData("FF3003DF3200")]
    [InlineData("FF30")]
    public void A_malformed_record_declares_nothing(string hex)
    {
        Assert.Null(ApBasicInfo.TryParse(Convert.FromHexString(hex), 0xFF30, 0xDF31));
        var session = new CardSession(new ApduChannel(new FileTransport([])));
        session.NoteBasicInfo(ApBasicInfo.TryParse(Convert.FromHexString(hex), 0xFF30, 0xDF31));
        Assert.Equal(ExtendedLengthState.NotDeclared, session.ExtendedLength);
    }

    // ---- The virtual card, both kinds (profiles current and no-extended-length), through the APDU channel ----

    private static readonly Lazy<CardImage> CurrentImage = new(() => Personalize(CardProfile.Current));
    private static readonly Lazy<CardImage> NoExtendedImage = new(() => Personalize(CardProfile.NoExtendedLength));

    private static CardImage Personalize(CardProfile profile)
    {
        var body = SHA256.HashData(Encoding.UTF8.GetBytes("extended-length"));
        byte[] photo = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, .. Enumerable.Range(0, 3000).Select(i => body[i % 32])];
        return VirtualMyNumberCard.Create(PersonaCatalog.Default, DelegateChipPhotoSource.Fixed(photo), profile).Image;
    }

    /// <summary>Counts and optionally rewrites the extended-length exchanges between the channel and the virtual card.</summary>
    private sealed class ObservedTransport(VirtualCardTransport inner, Func<byte[], byte[]?>? extendedAnswer = null) : IApduTransport
    {
        public int ExtendedReads { get; private set; }

        public int ExtendedReadsAnsweredInFull { get; private set; }

        public int MaxResponseLength => 258;

        public int MaxExtendedResponseLength => 1026;

        public async Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var extended = VirtualMyNumberCard.IsExtendedEncoding(command.Span) && command.Span[1] == 0xB0;
            if (extended)
            {
                ExtendedReads++;
                if (extendedAnswer?.Invoke(command.ToArray()) is { } special)
                {
                    return special;
                }
            }

            var answer = await inner.TransceiveAsync(command, timeout, cancellationToken);
            if (extended && answer.Length > 258 && answer[^2] == 0x90)
            {
                ExtendedReadsAnsweredInFull++;
            }

            return answer;
        }
    }

    private static async Task<(SurfaceAp Surface, byte[] Face)> ReadSurfaceAsync(CardImage image, ObservedTransport transport, Action<CardSession>? beforeFace = null)
    {
        var session = new CardSession(new ApduChannel(transport));
        var surface = new SurfaceAp(session);
        await surface.SelectAsync(CancellationToken.None);
        Assert.Equal(image.ReadFile(ApplicationKind.Surface, 0x0004), await surface.ReadCertificateAsync(CancellationToken.None));
        Assert.Equal(image.ReadFile(ApplicationKind.Surface, 0x0003), await surface.ReadApInfoAsync(CancellationToken.None));
        using (var number = VerificationNumberB.Parse(PersonaCatalog.Default.VerificationNumberB))
        {
            await surface.VerifyAsync(number, new RetryPolicy(), CancellationToken.None);
        }

        beforeFace?.Invoke(session);
        var face = await surface.ReadCardFaceAsync(CancellationToken.None);
        Assert.Equal(image.ReadFile(ApplicationKind.Surface, 0x0002), face);
        return (surface, face);
    }

    [Fact]
    public async Task Current_profile_declares_in_surface_EF_0003_and_honours_extended_reads()
    {
        var image = CurrentImage.Value;
        var transport = new ObservedTransport(new VirtualCardTransport(new VirtualMyNumberCard(image)));
        var (surface, _) = await ReadSurfaceAsync(image, transport);
        Assert.Equal(ExtendedLengthState.Confirmed, surface.Session.ExtendedLength);
        Assert.True(transport.ExtendedReads >= 2);
        Assert.Equal(transport.ExtendedReads, transport.ExtendedReadsAnsweredInFull);
        Assert.Equal(0, surface.Session.ExtendedLengthFallbacks);
    }

    [Fact]
    public async Task Current_profile_declares_in_text_EF_0005()
    {
        var session = new CardSession(new ApduChannel(new VirtualCardTransport(new VirtualMyNumberCard(CurrentImage.Value))));
        var text = new TextAp(session);
        await text.SelectAsync(CancellationToken.None);
        await text.ReadApInfoAsync(CancellationToken.None);
        Assert.Equal(ExtendedLengthState.Declared, session.ExtendedLength);
    }

    [Fact]
    public async Task Current_profile_fallback_when_the_path_answers_6Cxx_to_the_extended_read()
    {
        var image = CurrentImage.Value;
        var transport = new ObservedTransport(new VirtualCardTransport(new VirtualMyNumberCard(image)), _ => [0x6C, 0x00]);
        var (surface, _) = await ReadSurfaceAsync(image, transport);
        Assert.Equal(ExtendedLengthState.Refused, surface.Session.ExtendedLength);
        Assert.Equal(1, transport.ExtendedReads);
        Assert.Equal(1, surface.Session.ExtendedLengthFallbacks);
    }

    [Fact]
    public async Task No_extended_length_profile_declares_nothing_and_is_read_short()
    {
        var image = NoExtendedImage.Value;
        var transport = new ObservedTransport(new VirtualCardTransport(new VirtualMyNumberCard(image)));
        var (surface, _) = await ReadSurfaceAsync(image, transport);
        Assert.Equal(ExtendedLengthState.NotDeclared, surface.Session.ExtendedLength);
        Assert.Equal(0, transport.ExtendedReads);

        var text = new TextAp(surface.Session);
        await text.SelectAsync(CancellationToken.None);
        await text.ReadApInfoAsync(CancellationToken.None);
        Assert.Equal(ExtendedLengthState.NotDeclared, surface.Session.ExtendedLength);
    }

    [Fact]
    public async Task No_extended_length_profile_fallback_when_a_declaration_is_wrong_the_cards_6700_sends_the_reader_back_to_ne_256()
    {
        var image = NoExtendedImage.Value;
        var transport = new ObservedTransport(new VirtualCardTransport(new VirtualMyNumberCard(image)));
        var (surface, _) = await ReadSurfaceAsync(image, transport, session => session.NoteBasicInfo(ApBasicInfo.Parse(Declaring, 0xFF30, 0xDF31)));
        Assert.Equal(ExtendedLengthState.Refused, surface.Session.ExtendedLength);
        Assert.Equal(1, transport.ExtendedReads);
        Assert.Equal(0, transport.ExtendedReadsAnsweredInFull);
        Assert.Equal(1, surface.Session.ExtendedLengthFallbacks);
    }
}
