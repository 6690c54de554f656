using System.Security.Cryptography;

namespace ReaderKit.Card.Credentials;

/// <summary>
/// A PIN or password for the JPKI / text AP keys, zeroized on dispose. Digits only, or uppercase A–Z and 0–9
/// for the JPKI signing password (6–16 characters).
/// </summary>
public sealed class CardPin : IDisposable
{
    private readonly byte[] _value;

    private CardPin(byte[] value)
    {
        _value = value;
    }

    /// <summary>A 4-digit PIN (JPKI auth, text AP).</summary>
    public static CardPin FourDigit(ReadOnlySpan<char> pin)
    {
        if (pin.Length != 4 || pin.IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            throw new InvalidCredentialFormatException(CredentialFormatProblem.PinFormat, "The PIN must be exactly 4 digits.");
        }

        return new CardPin(Ascii(pin));
    }

    /// <summary>The JPKI signing password: 6–16 of A–Z and 0–9.</summary>
    public static CardPin SigningPassword(ReadOnlySpan<char> password)
    {
        if (password.Length is < 6 or > 16 || password.IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") >= 0)
        {
            throw new InvalidCredentialFormatException(CredentialFormatProblem.PinFormat, "The signing password must be 6-16 characters of A-Z and 0-9.");
        }

        return new CardPin(Ascii(password));
    }

    internal byte[] Copy() => (byte[])_value.Clone();

    private static byte[] Ascii(ReadOnlySpan<char> value)
    {
        var bytes = new byte[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            bytes[i] = (byte)value[i];
        }

        return bytes;
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_value);

    public override string ToString() => "PIN(redacted)";
}
