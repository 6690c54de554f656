using System.Security.Cryptography;

namespace ReaderKit.Protocol.Messages;

/// <summary>
/// 照合番号B as a caller sends it, held in one private byte buffer that <see cref="Dispose"/> zeroes. Either the
/// parts printed on the card (<c>{birthDate:"YYYY-MM-DD", expiryYear, securityCode:"NNNN", notation?}</c>, the host
/// converts the birth date to era form) or the 14 digits already built (<c>{digits}</c>). Decoding copies the bytes
/// straight from the receive buffer: no .NET string ever holds the security code. Validation messages never echo a
/// digit; <see cref="ToString"/> is redacted. Zeroing is best effort (the wire, kernel and TLS buffers are not ours).
/// </summary>
public sealed class NumberBInput : IDisposable
{
    /// <summary>Length of the pre-built form.</summary>
    public const int DigitsLength = 14;

    private const int BirthDateLength = 10;
    private const int SecurityCodeLength = 4;
    private readonly byte[] _buffer;
    private readonly int _expiryYear;
    private bool _disposed;

    private NumberBInput(byte[] buffer, bool prebuilt, int expiryYear, NumberBNotation notation)
    {
        _buffer = buffer;
        IsPrebuilt = prebuilt;
        _expiryYear = expiryYear;
        Notation = notation;
    }

    /// <summary>True for the 14-digit form, false for the parts.</summary>
    public bool IsPrebuilt { get; }

    /// <summary>Era or Western birth-date notation (parts form).</summary>
    public NumberBNotation Notation { get; }

    /// <summary>The 14 ASCII digits (pre-built form only).</summary>
    public ReadOnlySpan<byte> Digits => Part(IsPrebuilt, 0, DigitsLength);

    /// <summary>The birth date as ASCII <c>YYYY-MM-DD</c> (parts form only).</summary>
    public ReadOnlySpan<byte> BirthDate => Part(!IsPrebuilt, 0, BirthDateLength);

    /// <summary>The 4 ASCII digits of the security code (parts form only).</summary>
    public ReadOnlySpan<byte> SecurityCode => Part(!IsPrebuilt, BirthDateLength, SecurityCodeLength);

    /// <summary>The card's expiry year (parts form only; printed on the card, not secret by itself).</summary>
    public int ExpiryYear
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return IsPrebuilt ? throw new InvalidOperationException("The pre-built form has no separate expiry year.") : _expiryYear;
        }
    }

    /// <summary>True once zeroed.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>The parts form. Validates shape only (digits and lengths); the host validates the date range.</summary>
    /// <exception cref="ArgumentException">A part has the wrong shape (the message never holds the value).</exception>
    public static NumberBInput FromParts(ReadOnlySpan<byte> birthDateAscii, int expiryYear, ReadOnlySpan<byte> securityCodeAscii, NumberBNotation notation = NumberBNotation.JapaneseEra)
    {
        if (!IsIsoDate(birthDateAscii))
        {
            throw new ArgumentException("birthDate must be YYYY-MM-DD.", nameof(birthDateAscii));
        }

        if (securityCodeAscii.Length != SecurityCodeLength || !AllDigits(securityCodeAscii))
        {
            throw new ArgumentException("securityCode must be exactly 4 digits.", nameof(securityCodeAscii));
        }

        if (expiryYear is < 2000 or > 2199)
        {
            throw new ArgumentException("expiryYear is out of range.", nameof(expiryYear));
        }

        var buffer = new byte[BirthDateLength + SecurityCodeLength];
        birthDateAscii.CopyTo(buffer);
        securityCodeAscii.CopyTo(buffer.AsSpan(BirthDateLength));
        return new NumberBInput(buffer, false, expiryYear, notation);
    }

    /// <summary>The parts form from .NET values (the security code as characters, e.g. from a masked text box).</summary>
    public static NumberBInput FromParts(DateOnly birthDate, int expiryYear, ReadOnlySpan<char> securityCode, NumberBNotation notation = NumberBNotation.JapaneseEra)
    {
        Span<byte> date = stackalloc byte[BirthDateLength];
        Span<byte> code = stackalloc byte[SecurityCodeLength];
        try
        {
            if (!birthDate.TryFormat(date, out var written, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) || written != BirthDateLength)
            {
                throw new ArgumentException("birthDate is out of range.", nameof(birthDate));
            }

            if (securityCode.Length != SecurityCodeLength)
            {
                throw new ArgumentException("securityCode must be exactly 4 digits.", nameof(securityCode));
            }

            for (var i = 0; i < SecurityCodeLength; i++)
            {
                code[i] = securityCode[i] is >= '0' and <= '9' ? (byte)securityCode[i] : throw new ArgumentException("securityCode must be exactly 4 digits.", nameof(securityCode));
            }

            return FromParts(date, expiryYear, code, notation);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(code);
        }
    }

    /// <summary>The pre-built 14-digit form (ASCII).</summary>
    public static NumberBInput FromDigits(ReadOnlySpan<byte> digitsAscii)
    {
        if (digitsAscii.Length != DigitsLength || !AllDigits(digitsAscii))
        {
            throw new ArgumentException("digits must be exactly 14 digits.", nameof(digitsAscii));
        }

        return new NumberBInput(digitsAscii.ToArray(), true, 0, NumberBNotation.JapaneseEra);
    }

    /// <summary>The pre-built 14-digit form from characters.</summary>
    public static NumberBInput FromDigits(ReadOnlySpan<char> digits)
    {
        Span<byte> ascii = stackalloc byte[DigitsLength];
        try
        {
            if (digits.Length != DigitsLength)
            {
                throw new ArgumentException("digits must be exactly 14 digits.", nameof(digits));
            }

            for (var i = 0; i < DigitsLength; i++)
            {
                ascii[i] = digits[i] is >= '0' and <= '9' ? (byte)digits[i] : throw new ArgumentException("digits must be exactly 14 digits.", nameof(digits));
            }

            return FromDigits(ascii);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ascii);
        }
    }

    /// <summary>A copy with its own buffer (the caller disposes both).</summary>
    public NumberBInput Clone()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new NumberBInput((byte[])_buffer.Clone(), IsPrebuilt, _expiryYear, Notation);
    }

    /// <summary>Zeroes the buffer.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_buffer);
        _disposed = true;
    }

    /// <summary>Redacted.</summary>
    public override string ToString() => "NumberB { *** }";

    private ReadOnlySpan<byte> Part(bool available, int offset, int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return available ? _buffer.AsSpan(offset, length) : throw new InvalidOperationException(IsPrebuilt ? "This 照合番号B was sent pre-built." : "This 照合番号B was sent as parts.");
    }

    private static bool AllDigits(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIsoDate(ReadOnlySpan<byte> s) =>
        s.Length == BirthDateLength && AllDigits(s[..4]) && s[4] == '-' && AllDigits(s[5..7]) && s[7] == '-' && AllDigits(s[8..]);
}
