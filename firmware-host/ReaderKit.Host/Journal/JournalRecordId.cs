using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ReaderKit.Host.Journal;

/// <summary>
/// A journal record's stable id, printed on outage paperwork and typed back by staff: 80 bits (48-bit Unix
/// milliseconds ‖ 32 random bits) in Crockford base32, shown as four groups of four, e.g. <c>01JH-3K5M-8Q2R-7XZW</c>.
/// Ids sort by creation time; parsing accepts lower case, no hyphens, and Crockford's aliases (O→0, I/L→1).
/// </summary>
public readonly record struct JournalRecordId : IComparable<JournalRecordId>
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private JournalRecordId(string compact) => Compact = compact;

    /// <summary>The 16-character form without hyphens (what the journal stores).</summary>
    public string Compact { get; }

    /// <summary>Creates a new id for <paramref name="at"/>.</summary>
    public static JournalRecordId New(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[10];
        var ms = (ulong)Math.Max(0, at.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteUInt64BigEndian(bytes[..8], ms << 16);
        RandomNumberGenerator.Fill(bytes[6..]);
        Span<char> chars = stackalloc char[16];
        var acc = new UInt128(BinaryPrimitives.ReadUInt16BigEndian(bytes[..2]), BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]));
        for (var i = 15; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(acc & 31)];
            acc >>= 5;
        }

        return new JournalRecordId(new string(chars));
    }

    /// <summary>Parses the printed or compact form; false for anything else.</summary>
    public static bool TryParse(string? text, out JournalRecordId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        Span<char> chars = stackalloc char[16];
        var n = 0;
        foreach (var raw in text.Trim())
        {
            if (raw == '-')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var u => u,
            };
            if (n == 16 || !Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }

            chars[n++] = c;
        }

        if (n != 16)
        {
            return false;
        }

        id = new JournalRecordId(new string(chars));
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static JournalRecordId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException("A journal record id is 16 Crockford base32 characters, e.g. 01JH-3K5M-8Q2R-7XZW.");

    /// <inheritdoc />
    public int CompareTo(JournalRecordId other) => string.CompareOrdinal(Compact, other.Compact);

    /// <summary>The printed form with hyphens.</summary>
    public override string ToString() => Compact is null ? "" : $"{Compact[..4]}-{Compact[4..8]}-{Compact[8..12]}-{Compact[12..]}";
}
