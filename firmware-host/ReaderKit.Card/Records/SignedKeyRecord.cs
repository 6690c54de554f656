using ReaderKit.Card.Tlv;

namespace ReaderKit.Card.Records;

/// <summary>
/// A record that carries a card key and an issuer signature over the objects before it: text AP EF 0007
/// (<c>FF 50 { DF51 key, DF52 signature }</c>) and surface AP EF 0001, the age record
/// (<c>FF 10 { DF11 DOB, DF12 key, DF13 signature }</c>).
/// </summary>
public sealed class SignedKeyRecord
{
    private SignedKeyRecord(byte[] signedBytes, byte[] keyField, byte[] signature, byte[]? birthDate)
    {
        SignedBytes = signedBytes;
        KeyField = keyField;
        Signature = signature;
        BirthDateField = birthDate;
    }

    /// <summary>Every object before the signature, as encoded (what the signature covers).</summary>
    public byte[] SignedBytes { get; }

    /// <summary>The card key field (DF51 / DF12 value).</summary>
    public byte[] KeyField { get; }

    public byte[] Signature { get; }

    /// <summary>DF11 of the age record (raw YYYYMMDD); null for EF 0007.</summary>
    public byte[]? BirthDateField { get; }

    /// <summary>Text AP EF 0007.</summary>
    public static SignedKeyRecord ParseTextCardKey(ReadOnlySpan<byte> file) => Parse(file, 0xFF50, 0xDF51, 0xDF52, null, "text EF 0007");

    /// <summary>Surface AP EF 0001 (age record).</summary>
    public static SignedKeyRecord ParseAgeRecord(ReadOnlySpan<byte> file) => Parse(file, 0xFF10, 0xDF12, 0xDF13, 0xDF11, "surface EF 0001");

    /// <summary>The age record's birth date; call after the signature verified.</summary>
    public DateOnly InterpretBirthDate() =>
        BirthDateField is null ? throw new InvalidOperationException("Not an age record.") : CardValues.ParseDate(BirthDateField, "DF11 birth date");

    private static SignedKeyRecord Parse(ReadOnlySpan<byte> file, int outer, int keyTag, int sigTag, int? dobTag, string name)
    {
        var t = PrivateTemplate.Parse(file, outer, name);
        var key = t.Require(keyTag, name);
        var sig = t.Require(sigTag, name);
        var first = t.Children[0];
        if (sig.Start <= key.Start || first.Start >= sig.Start)
        {
            throw new CardDataFormatException($"{name}: the signature must follow the signed objects");
        }

        var previous = t.Children.Last(c => c.End <= sig.Start);
        byte[]? dob = null;
        if (dobTag is int d)
        {
            dob = t.ValueOf(t.Require(d, name));
        }

        return new SignedKeyRecord(t.RawRange(first, previous), t.ValueOf(key), t.ValueOf(sig), dob);
    }
}
