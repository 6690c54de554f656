using System.Security.Cryptography;
using System.Text;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Credentials;
using ReaderKit.Emulation.Pn532;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Benchmarks.Pn532;

/// <summary>
/// The complete surface-AP (券面事項確認AP) read of a persona in the order the verification runs it: SELECT AP, EF 0004
/// (CVC), EF 0003 (basic info: declares extended length), SELECT the 照合番号B key, VERIFY tries query, VERIFY 照合番号B,
/// then EF 0002 (card face with photo), each read whole and compared with the card's file.
/// </summary>
internal static class SurfaceAp
{
    private static readonly byte[] Aid = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02];
    private static readonly ushort[] FilesBeforeVerify = [0x0004, 0x0003];

    /// <summary>Photo stand-in: 4 KiB of deterministic bytes (the card stores the JPEG 2000 as opaque bytes).</summary>
    public static ITypeBCard CreateCard() =>
        VirtualMyNumberCard.Create(PersonaCatalog.Default, DelegateChipPhotoSource.Fixed(SHA256.HashData(Encoding.ASCII.GetBytes("photo")).SelectMany(b => Enumerable.Repeat(b, 128)).ToArray()));

    /// <summary>Raw APDUs (the stock driver's run).</summary>
    public static async Task<int> ReadAsync(ApduSender send, int chunk)
    {
        Pn532Scenarios.Expect(await send([0x00, 0xA4, 0x04, 0x0C, (byte)Aid.Length, .. Aid]).ConfigureAwait(false), 0);
        var apdus = 1;
        foreach (var fid in FilesBeforeVerify)
        {
            apdus += (await Pn532Scenarios.ReadTlvFileAsync(send, fid, chunk).ConfigureAwait(false)).Apdus;
        }

        Pn532Scenarios.Expect(await send([0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x12]).ConfigureAwait(false), 0);
        var tries = await send([0x00, 0x20, 0x00, 0x80]).ConfigureAwait(false);
        if (tries.Length != 2 || tries[0] != 0x63)
        {
            throw new InvalidDataException("VERIFY tries query did not answer 63Cx.");
        }

        var secret = Encoding.ASCII.GetBytes(PersonaCatalog.Default.Secret(CredentialSlot.SurfaceVerificationB)!);
        try
        {
            Pn532Scenarios.Expect(await send([0x00, 0x20, 0x00, 0x80, (byte)secret.Length, .. secret]).ConfigureAwait(false), 0);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        return apdus + 3 + (await Pn532Scenarios.ReadTlvFileAsync(send, 0x0002, chunk).ConfigureAwait(false)).Apdus;
    }

    /// <summary>ReaderKit's card layer (what the verification does); every file compared byte for byte with the card's.</summary>
    public static async Task ReadAsync(CardSession session, ITypeBCard card)
    {
        var image = ((VirtualMyNumberCard)card).Image;
        var surface = new ReaderKit.Card.Aps.SurfaceAp(session);
        var ct = CancellationToken.None;
        await surface.SelectAsync(ct).ConfigureAwait(false);
        Same(await surface.ReadCertificateAsync(ct).ConfigureAwait(false), image.ReadFile(ApplicationKind.Surface, 0x0004), "EF 0004");
        Same(await surface.ReadApInfoAsync(ct).ConfigureAwait(false), image.ReadFile(ApplicationKind.Surface, 0x0003), "EF 0003");
        using (var number = VerificationNumberB.Parse(PersonaCatalog.Default.Secret(CredentialSlot.SurfaceVerificationB)))
        {
            await surface.VerifyAsync(number, new RetryPolicy(), ct).ConfigureAwait(false);
        }

        Same(await surface.ReadCardFaceAsync(ct).ConfigureAwait(false), image.ReadFile(ApplicationKind.Surface, 0x0002), "EF 0002");
    }

    private static void Same(byte[] read, byte[] onCard, string what)
    {
        if (!read.AsSpan().SequenceEqual(onCard))
        {
            throw new InvalidDataException($"{what}: {read.Length} bytes read differ from the card's {onCard.Length}.");
        }
    }
}
