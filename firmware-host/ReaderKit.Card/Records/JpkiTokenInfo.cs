using System.Text;
using ReaderKit.Card.Tlv;

namespace ReaderKit.Card.Records;

/// <summary>JPKI AP EF 0006, token info (160-byte CK_TOKEN_INFO; the first 32 bytes are the label).</summary>
public sealed record JpkiTokenInfo(string Label)
{
    public static JpkiTokenInfo Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 32)
        {
            throw new CardDataFormatException($"JPKI EF 0006: {file.Length} byte(s), expected at least 32");
        }

        return new JpkiTokenInfo(Encoding.ASCII.GetString(file[..32]).TrimEnd(' ', '\0'));
    }
}
