using ReaderKit.Card;
using ReaderKit.Card.Tlv;

namespace ReaderKit.Trust;

/// <summary>
/// A J-LIS card-verifiable certificate (surface/text AP EF 0004): <c>7F 21 { 5F 4E body, 5F 37 signature }</c>.
/// Body = issuer key id (16) ‖ subject key id (16) ‖ subject public key in the card encoding. The body length is
/// parsed, not assumed (297 bytes for RSA-2048, shorter for EC P-384). The signature covers the body bytes.
/// </summary>
public sealed class CardVerifiableCertificate
{
    public const int KeyIdLength = 16;

    private CardVerifiableCertificate(byte[] body, byte[] signature, CardPublicKey subjectKey)
    {
        Body = body;
        Signature = signature;
        SubjectPublicKey = subjectKey;
    }

    /// <summary>The signed body bytes (value of 5F4E).</summary>
    public byte[] Body { get; }

    public byte[] Signature { get; }

    /// <summary>証明者鍵ID: which CA key signed this certificate.</summary>
    public ReadOnlySpan<byte> IssuerKeyId => Body.AsSpan(0, KeyIdLength);

    /// <summary>被証明者鍵ID.</summary>
    public ReadOnlySpan<byte> SubjectKeyId => Body.AsSpan(KeyIdLength, KeyIdLength);

    /// <summary>The certified key: the AP issuer key that signs the AP's data records.</summary>
    public CardPublicKey SubjectPublicKey { get; }

    /// <summary>Parses EF 0004 as read (leading bytes tolerated) or the GET DATA form without the 7F21 wrapper.</summary>
    /// <exception cref="CardDataFormatException">Malformed.</exception>
    public static CardVerifiableCertificate Parse(ReadOnlySpan<byte> file)
    {
        try
        {
            IReadOnlyList<TlvElement> children;
            if (file.Length >= 2 && file[0] == 0x5F && file[1] == 0x4E)
            {
                children = BerTlvReader.ReadSequence(file, 0, file.Length, allowFiller: true);
            }
            else
            {
                var outer = BerTlvReader.FindOuter(file, 0x7F21);
                children = BerTlvReader.ReadChildren(file, outer, allowFiller: true);
            }

            var body = children.FirstOrDefault(c => c.Tag == 0x5F4E);
            var signature = children.FirstOrDefault(c => c.Tag == 0x5F37);
            if (body.Tag != 0x5F4E || signature.Tag != 0x5F37 || children.Count != 2)
            {
                throw new CardDataFormatException("CVC: expected exactly 5F4E (body) and 5F37 (signature)");
            }

            var bodyBytes = body.Value(file);
            if (bodyBytes.Length <= 2 * KeyIdLength)
            {
                throw new CardDataFormatException($"CVC: body is {bodyBytes.Length} bytes, too short for two key ids and a key");
            }

            var key = CardPublicKey.Parse(bodyBytes[(2 * KeyIdLength)..]);
            return new CardVerifiableCertificate(bodyBytes.ToArray(), signature.Value(file).ToArray(), key);
        }
        catch (CardDataFormatException ex) when (!ex.Message.StartsWith("CVC", StringComparison.Ordinal))
        {
            throw new CardDataFormatException($"CVC: {ex.Message}", ex);
        }
    }

    /// <summary>Readable form of a 16-byte key id: "5000023/001" (plus hex of any non-zero padding).</summary>
    public static string DescribeKeyId(ReadOnlySpan<byte> keyId)
    {
        if (keyId.Length == KeyIdLength && Card.Records.CardValues.IsDigits(keyId[..7]) && keyId[7] == 0x08 && keyId[8] == 0x05 && Card.Records.CardValues.IsDigits(keyId[9..12]))
        {
            var text = $"{System.Text.Encoding.ASCII.GetString(keyId[..7])}/{System.Text.Encoding.ASCII.GetString(keyId[9..12])}";
            return keyId[12..].IndexOfAnyExcept((byte)0) >= 0 ? $"{text} ({Convert.ToHexString(keyId[12..])})" : text;
        }

        return Convert.ToHexString(keyId);
    }
}
