using System.Text;

namespace ReaderKit.VirtualCard.Crypto;

/// <summary>
/// J-LIS key identifiers as they appear in CVCs (16 bytes): 7 ASCII digits, <c>08 05</c>, 3 ASCII digits,
/// zero padding — e.g. <c>"6000023" 08 05 "001" 00 00 00 00</c>. A leading 5 is production, 6 the test hierarchy.
/// </summary>
public static class CvcKeyId
{
    /// <summary>Length of a key id in bytes.</summary>
    public const int Length = 16;

    /// <summary>Builds a key id from its 7-digit number and 3-digit suffix.</summary>
    public static byte[] Create(string number, string suffix)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(suffix);
        if (number.Length != 7 || suffix.Length != 3 || !number.All(char.IsAsciiDigit) || !suffix.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A key id is 7 digits and a 3-digit suffix.");
        }

        var id = new byte[Length];
        Encoding.ASCII.GetBytes(number, id);
        id[7] = 0x08;
        id[8] = 0x05;
        Encoding.ASCII.GetBytes(suffix, id.AsSpan(9));
        return id;
    }

    /// <summary>Human-readable form, e.g. <c>6000023/001</c>.</summary>
    public static string Describe(ReadOnlySpan<byte> keyId) => keyId.Length == Length
        ? $"{Encoding.ASCII.GetString(keyId[..7])}/{Encoding.ASCII.GetString(keyId.Slice(9, 3))}"
        : Convert.ToHexString(keyId);
}
