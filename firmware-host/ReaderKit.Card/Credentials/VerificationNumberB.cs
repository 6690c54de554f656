using System.Security.Cryptography;

namespace ReaderKit.Card.Credentials;

/// <summary>
/// 照合番号B: 6-digit birth date (era or Western form) ‖ 4-digit expiry year ‖ 4-digit security code,
/// held as 14 ASCII digits in a private buffer that <see cref="Dispose"/> zeroizes. Validation errors
/// (<see cref="InvalidCredentialFormatException"/>) never echo the digits; <see cref="ToString"/> is redacted.
/// </summary>
public sealed class VerificationNumberB : IDisposable
{
    /// <summary>Length of the ASCII value sent in VERIFY.</summary>
    public const int Length = 14;

    /// <summary>Earliest and latest plausible expiry years (cards are issued since 2016 with ≤ 10-year validity).</summary>
    public const int MinExpiryYear = 2016;
    public const int MaxExpiryYear = 2099;

    private readonly byte[] _digits = new byte[Length];
    private bool _disposed;

    private VerificationNumberB()
    {
    }

    /// <summary>Expiry year (Western) encoded in digits 7–10; printed on the card face, not secret by itself.</summary>
    public int ExpiryYear
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return ((_digits[6] - '0') * 1000) + ((_digits[7] - '0') * 100) + ((_digits[8] - '0') * 10) + (_digits[9] - '0');
        }
    }

    /// <summary>Builds the value from a Gregorian birth date, the card's expiry year and its 4-digit security code.</summary>
    /// <exception cref="InvalidCredentialFormatException">Out-of-range date or year, or a code that is not 4 digits.</exception>
    public static VerificationNumberB Create(DateOnly birthDate, int expiryYear, ReadOnlySpan<char> securityCode, BirthDateNotation notation = BirthDateNotation.JapaneseEra)
    {
        if (securityCode.Length != 4 || !AllDigits(securityCode))
        {
            throw new InvalidCredentialFormatException(CredentialFormatProblem.SecurityCodeFormat, "The security code must be exactly 4 digits.");
        }

        CheckExpiryYear(expiryYear);
        int yy;
        if (notation == BirthDateNotation.JapaneseEra)
        {
            if (birthDate < JapaneseEra.MinSupported)
            {
                throw new InvalidCredentialFormatException(CredentialFormatProblem.BirthDateOutOfRange, "The birth date is before 1873-01-01, outside the supported era calendar.");
            }

            var (_, eraYear) = JapaneseEra.ToEraDate(birthDate);
            yy = eraYear;
        }
        else
        {
            yy = birthDate.Year % 100;
        }

        if (birthDate.Year > expiryYear)
        {
            throw new InvalidCredentialFormatException(CredentialFormatProblem.BirthDateOutOfRange, "The birth date is after the expiry year.");
        }

        var result = new VerificationNumberB();
        Write2(result._digits, 0, yy);
        Write2(result._digits, 2, birthDate.Month);
        Write2(result._digits, 4, birthDate.Day);
        Write2(result._digits, 6, expiryYear / 100);
        Write2(result._digits, 8, expiryYear % 100);
        for (var i = 0; i < 4; i++)
        {
            result._digits[10 + i] = (byte)securityCode[i];
        }

        return result;
    }

    /// <summary>Takes 14 typed digits (e.g. from OCR), checking length, digits, month/day and expiry year.</summary>
    /// <exception cref="InvalidCredentialFormatException">Anything that the card would reject for sure.</exception>
    public static VerificationNumberB Parse(ReadOnlySpan<char> digits)
    {
        if (digits.Length != Length)
        {
            throw new InvalidCredentialFormatException(CredentialFormatProblem.WrongLength, $"照合番号B must be {Length} digits, got {digits.Length} character(s).");
        }

        if (!AllDigits(digits))
        {
            throw new InvalidCredentialFormatException(CredentialFormatProblem.NotDigits, "照合番号B must contain only the digits 0-9.");
        }

        var month = ((digits[2] - '0') * 10) + (digits[3] - '0');
        var day = ((digits[4] - '0') * 10) + (digits[5] - '0');
        if (month is < 1 or > 12 || day is < 1 or > 31)
        {
            throw new InvalidCredentialFormatException(CredentialFormatProblem.InvalidBirthDate, "The birth-date part of 照合番号B is not a valid month/day.");
        }

        var expiry = ((digits[6] - '0') * 1000) + ((digits[7] - '0') * 100) + ((digits[8] - '0') * 10) + (digits[9] - '0');
        CheckExpiryYear(expiry);
        var result = new VerificationNumberB();
        for (var i = 0; i < Length; i++)
        {
            result._digits[i] = (byte)digits[i];
        }

        return result;
    }

    /// <summary>Copies the 14 ASCII digits into a new array the caller must zeroize (used to build VERIFY).</summary>
    internal byte[] CopyDigits()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_digits.Clone();
    }

    /// <summary>The 6-digit birth-date part (the surface AP's 生年月日 key, EF 0011); caller zeroizes.</summary>
    internal byte[] CopyBirthDateDigits()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _digits[..6];
    }

    /// <summary>Zeroizes the buffer.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_digits);
        _disposed = true;
    }

    public override string ToString() => "照合番号B(redacted)";

    private static void CheckExpiryYear(int expiryYear)
    {
        if (expiryYear is < MinExpiryYear or > MaxExpiryYear)
        {
            throw new InvalidCredentialFormatException(CredentialFormatProblem.ExpiryYearOutOfRange, $"The expiry year must be {MinExpiryYear}-{MaxExpiryYear}.");
        }
    }

    private static bool AllDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static void Write2(byte[] target, int offset, int value)
    {
        target[offset] = (byte)('0' + (value / 10 % 10));
        target[offset + 1] = (byte)('0' + (value % 10));
    }
}
