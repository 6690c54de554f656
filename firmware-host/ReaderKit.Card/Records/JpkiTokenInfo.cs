using System.Text;
using ReaderKit.Card.Tlv;

namespace ReaderKit.Card.Records;

/// <summary>JPKI AP EF 0006, token info (160-byte CK_TOKEN_INFO; the first 32 bytes are the label).</summary>
public sealed record JpkiTokenInfo(string Label)
{
    /// <summary>The plastic card's label (soltia48/myna-card).</summary>
    public const string PlasticCardLabel = "JPKIAPICCTOKEN2";

    /// <summary>The older plastic card's label (jpki/myna).</summary>
    public const string OlderPlasticCardLabel = "JPKIAPICCTOKEN";

    /// <summary>A smartphone's label (jpki/myna: the GP secure element token).</summary>
    public const string PhoneLabel = "JPKIAPGPSETOKEN";

    /// <summary>The carrier the label names (exact match after trimming; anything else is <see cref="JpkiTokenKind.Unknown"/>).</summary>
    public JpkiTokenKind Kind => Label switch
    {
        PhoneLabel => JpkiTokenKind.Phone,
        PlasticCardLabel or OlderPlasticCardLabel => JpkiTokenKind.PlasticCard,
        _ => JpkiTokenKind.Unknown,
    };

    public static JpkiTokenInfo Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 32)
        {
            throw new CardDataFormatException($"JPKI EF 0006: {file.Length} byte(s), expected at least 32");
        }

        return new JpkiTokenInfo(Encoding.ASCII.GetString(file[..32]).TrimEnd(' ', '\0'));
    }
}
