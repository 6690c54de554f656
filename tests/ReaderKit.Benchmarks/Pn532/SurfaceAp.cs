using System.Security.Cryptography;
using System.Text;
using ReaderKit.Emulation.Pn532;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Benchmarks.Pn532;

/// <summary>
/// The complete surface-AP (券面事項確認AP) read of a persona: SELECT AP, VERIFY tries query, VERIFY 照合番号B,
/// then EF 0002 (card face with photo), EF 0003 (basic info) and EF 0004 (CVC), each read whole.
/// </summary>
internal static class SurfaceAp
{
    private static readonly byte[] Aid = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02];

    /// <summary>Photo stand-in: 4 KiB of deterministic bytes (the card stores the JPEG 2000 as opaque bytes).</summary>
    public static ITypeBCard CreateCard() =>
        VirtualMyNumberCard.Create(PersonaCatalog.Default, DelegateChipPhotoSource.Fixed(SHA256.HashData(Encoding.ASCII.GetBytes("photo")).SelectMany(b => Enumerable.Repeat(b, 128)).ToArray()));

    public static async Task<int> ReadAsync(ApduSender send, int chunk)
    {
        Pn532Scenarios.Expect(await send([0x00, 0xA4, 0x04, 0x0C, (byte)Aid.Length, .. Aid]).ConfigureAwait(false), 0);
        var tries = await send([0x00, 0x20, 0x00, 0x92]).ConfigureAwait(false);
        if (tries.Length != 2 || tries[0] != 0x63)
        {
            throw new InvalidDataException("VERIFY tries query did not answer 63Cx.");
        }

        var secret = Encoding.ASCII.GetBytes(PersonaCatalog.Default.Secret(CredentialSlot.SurfaceVerificationB)!);
        try
        {
            Pn532Scenarios.Expect(await send([0x00, 0x20, 0x00, 0x92, (byte)secret.Length, .. secret]).ConfigureAwait(false), 0);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        var apdus = 3;
        foreach (var fid in new ushort[] { 0x0002, 0x0003, 0x0004 })
        {
            var (_, n) = await Pn532Scenarios.ReadTlvFileAsync(send, fid, chunk).ConfigureAwait(false);
            apdus += n;
        }

        return apdus;
    }
}
