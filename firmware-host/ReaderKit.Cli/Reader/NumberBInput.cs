using System.Globalization;
using System.Security.Cryptography;
using ReaderKit.Card.Credentials;

namespace ReaderKit.Cli.Reader;

/// <summary>
/// Builds 照合番号B from standard input (<c>YYYY-MM-DD EXPIRY CODE</c>, the production path) or from options. The
/// stdin line is read into a character buffer that is zeroed after use (no string ever holds the security code);
/// errors never echo what was typed.
/// </summary>
internal static class NumberBInput
{
    private const int MaxLine = 64;

    /// <exception cref="ArgumentException">The line is missing or not <c>YYYY-MM-DD EXPIRY CODE</c> (message without the values).</exception>
    public static VerificationNumberB FromReader(TextReader input, bool western)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = new char[MaxLine];
        try
        {
            var length = 0;
            int c;
            while ((c = input.Read()) >= 0 && c != '\n')
            {
                if (length == MaxLine)
                {
                    throw new ArgumentException("The 照合番号B line on standard input is too long.");
                }

                buffer[length++] = (char)c;
            }

            if (length == 0 && c < 0)
            {
                throw new ArgumentException("No 照合番号B inputs on standard input.");
            }

            return Parse(buffer.AsSpan(0, length).TrimEnd('\r'), western);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffer.AsSpan()));
        }
    }

    /// <summary>From options (the security code on argv is allowed only with <c>--allow-argv-secret</c>, checked by the caller).</summary>
    public static VerificationNumberB FromOptions(string? birthDate, int? expiryYear, string? securityCode, bool western)
    {
        if (birthDate is null || expiryYear is null || securityCode is null)
        {
            throw new ArgumentException("照合番号B needs --number-b-stdin (or --birth-date, --expiry-year and --security-code with --allow-argv-secret).");
        }

        return Create(ParseDate(birthDate), expiryYear.Value, securityCode, western);
    }

    private static VerificationNumberB Parse(ReadOnlySpan<char> line, bool western)
    {
        Span<Range> parts = stackalloc Range[4];
        var count = line.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (count != 3)
        {
            throw new ArgumentException("Standard input must hold 'YYYY-MM-DD EXPIRY CODE'.");
        }

        var year = int.TryParse(line[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && line[parts[1]].Length == 4
            ? y
            : throw new ArgumentException("The expiry year must be 4 digits.");
        return Create(ParseDate(line[parts[0]]), year, line[parts[2]], western);
    }

    private static DateOnly ParseDate(ReadOnlySpan<char> text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ArgumentException("The birth date must be YYYY-MM-DD.");

    private static VerificationNumberB Create(DateOnly birthDate, int expiryYear, ReadOnlySpan<char> code, bool western) =>
        VerificationNumberB.Create(birthDate, expiryYear, code, western ? BirthDateNotation.Western : BirthDateNotation.JapaneseEra);
}
