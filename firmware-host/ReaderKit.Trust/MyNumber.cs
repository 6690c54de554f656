using System.Security.Cryptography;

namespace ReaderKit.Trust;

/// <summary>A My Number held in a zeroizable buffer; ToString is redacted. Zeroing on Dispose is best effort (copies the GC made earlier are out of reach).</summary>
public sealed class MyNumber : IDisposable
{
    private readonly byte[] _digits;

    internal MyNumber(byte[] digits)
    {
        _digits = digits;
    }

    /// <summary>Copies the 12 digits into <paramref name="destination"/> (the caller clears it).</summary>
    public void CopyTo(Span<char> destination)
    {
        for (var i = 0; i < _digits.Length; i++)
        {
            destination[i] = (char)_digits[i];
        }
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_digits);

    public override string ToString() => "MyNumber(redacted)";
}
