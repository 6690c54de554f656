using System.Security.Cryptography;
using System.Text;
using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;
using ReaderKit.Nfc;
using ReaderKit.Trust;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;
using ReaderKit.VirtualCard.Profiles;

namespace ReaderKit.EndToEnd.Tests;

/// <summary>
/// Issue 19 end to end: the verification `readerkit verify` runs, through the production PN532 driver on every link, reads
/// the card face with an extended Le (answers MI-chained by the chip) when the card declares and honours it; reads short
/// when it declares nothing; and falls back to Ne 256 when it declares but refuses — genuine in every case, so every byte
/// of the signed data arrived intact.
/// </summary>
public sealed class ExtendedLengthEndToEndTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<CardInspector> Inspector = new(() => new CardInspector(
        new TrustOptions { TrustStore = TrustStore.Production.WithJson(TestPki.Default.ExportTrustJson(), "TestPki.Default"), AllowTestAnchors = true },
        new CardInspectionOptions { VerificationTime = At, ReadTextAp = false, ReadJpki = false, ReadCommonAp = false }));

    private static readonly Lazy<CardImage> Declaring = new(() => Personalize(CardProfile.Current));
    private static readonly Lazy<CardImage> NotDeclaring = new(() => Personalize(CardProfile.NoExtendedLength));

    private static CardImage Personalize(CardProfile profile)
    {
        var body = SHA256.HashData(Encoding.UTF8.GetBytes("extended-length-e2e"));
        byte[] photo = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, .. Enumerable.Range(0, 2500).Select(i => body[i % 32])];
        return VirtualMyNumberCard.Create(PersonaCatalog.Default, DelegateChipPhotoSource.Fixed(photo), profile).Image;
    }

    public static TheoryData<MatrixLink> Links() => [.. Enum.GetValues<MatrixLink>()];

    [Theory]
    [MemberData(nameof(Links))]
    public async Task A_declaring_card_is_read_with_extended_le_and_verified(MatrixLink link)
    {
        var (genuine, reads) = await VerifyAsync(link, new VirtualMyNumberCard(Declaring.Value));
        Assert.True(genuine);
        Assert.Contains(reads, r => r.Extended && r.Answer > 258 && r.Sw == 0x9000);
        Assert.DoesNotContain(reads, r => r.Extended && r.Sw != 0x9000);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task A_card_without_extended_length_is_read_short_and_verified(MatrixLink link)
    {
        var (genuine, reads) = await VerifyAsync(link, new VirtualMyNumberCard(NotDeclaring.Value));
        Assert.True(genuine);
        Assert.DoesNotContain(reads, r => r.Extended);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task A_card_that_declares_but_refuses_falls_back_to_ne_256_once_and_is_verified(MatrixLink link)
    {
        // Files personalised as the declaring card (DF31 byte 1 = 03), run-time behaviour of the card without extended length (6700).
        var (genuine, reads) = await VerifyAsync(link, new VirtualMyNumberCard(Declaring.Value with { Profile = CardProfile.NoExtendedLength }));
        Assert.True(genuine);
        var extended = Assert.Single(reads, r => r.Extended);
        Assert.Equal(0x6700, extended.Sw);
    }

    private static async Task<(bool Genuine, List<(bool Extended, int Answer, int Sw)> Reads)> VerifyAsync(MatrixLink link, VirtualMyNumberCard card)
    {
        await using var reader = FaultMatrixReader.Create(link, new Pn532Options()); // default driver options: not a fault test
        var target = await reader.PresentAsync(card);
        var transport = new ReadRecorder(new Pn532ApduTransport(reader.Chip, target));
        using var number = VerificationNumberB.Parse(PersonaCatalog.Default.VerificationNumberB);
        using var result = await Inspector.Value.InspectAsync(new ApduChannel(transport, FaultMatrixReader.ApduDeadline), number, null, CancellationToken.None);
        return (result.IsGenuine, transport.Reads);
    }

    /// <summary>Records each READ BINARY's form, answer length and status word (never the data).</summary>
    private sealed class ReadRecorder(IApduTransport inner) : IApduTransport
    {
        public List<(bool Extended, int Answer, int Sw)> Reads { get; } = [];

        public int MaxResponseLength => inner.MaxResponseLength;

        public int MaxExtendedResponseLength => inner.MaxExtendedResponseLength;

        public async Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var answer = await inner.TransceiveAsync(command, timeout, cancellationToken);
            if (command.Span[1] == 0xB0)
            {
                Reads.Add((VirtualMyNumberCard.IsExtendedEncoding(command.Span), answer.Length, (answer[^2] << 8) | answer[^1]));
            }

            return answer;
        }
    }
}
