using System.Reflection;
using CsCheck;
using ReaderKit.Card.Credentials;
using Xunit;

namespace ReaderKit.Card.Tests;

public sealed class VerificationNumberBTests
{
    private static string Digits(VerificationNumberB number)
    {
        var method = typeof(VerificationNumberB).GetMethod("CopyDigits", BindingFlags.NonPublic | BindingFlags.Instance)!;
        return System.Text.Encoding.ASCII.GetString((byte[])method.Invoke(number, null)!);
    }

    [Theory]
    [InlineData("1980-02-17", 2035, "2285", BirthDateNotation.JapaneseEra, "55021720352285")] // soltia48 vector, confirmed on a card
    [InlineData("2020-02-24", 2030, "0001", BirthDateNotation.JapaneseEra, "02022420300001")] // 令和2年2月24日 → 020224
    [InlineData("1989-01-07", 2030, "1234", BirthDateNotation.JapaneseEra, "64010720301234")] // last day of Showa
    [InlineData("1989-01-08", 2030, "1234", BirthDateNotation.JapaneseEra, "01010820301234")] // first day of Heisei
    [InlineData("2019-04-30", 2029, "1234", BirthDateNotation.JapaneseEra, "31043020291234")]
    [InlineData("2019-05-01", 2029, "1234", BirthDateNotation.JapaneseEra, "01050120291234")]
    [InlineData("1926-12-24", 2030, "1234", BirthDateNotation.JapaneseEra, "15122420301234")] // Taisho 15
    [InlineData("1926-12-25", 2030, "1234", BirthDateNotation.JapaneseEra, "01122520301234")] // Showa 1
    [InlineData("1912-07-29", 2030, "1234", BirthDateNotation.JapaneseEra, "45072920301234")] // Meiji 45
    [InlineData("1985-06-30", 2031, "9876", BirthDateNotation.Western, "85063020319876")]     // foreign resident [U]
    public void Builds_the_14_digits(string dob, int expiry, string code, BirthDateNotation notation, string expected)
    {
        using var number = VerificationNumberB.Create(DateOnly.Parse(dob, System.Globalization.CultureInfo.InvariantCulture), expiry, code, notation);
        Assert.Equal(expected, Digits(number));
        Assert.Equal(expiry, number.ExpiryYear);
    }

    [Theory]
    [InlineData("5502172035228", CredentialFormatProblem.WrongLength)]
    [InlineData("550217203522851", CredentialFormatProblem.WrongLength)]
    [InlineData("5502172035228A", CredentialFormatProblem.NotDigits)]
    [InlineData("55001720352285", CredentialFormatProblem.InvalidBirthDate)]
    [InlineData("55023220352285", CredentialFormatProblem.InvalidBirthDate)]
    [InlineData("55021719992285", CredentialFormatProblem.ExpiryYearOutOfRange)]
    public void Parse_rejects_bad_input_without_echoing_it(string input, CredentialFormatProblem problem)
    {
        var ex = Assert.Throws<InvalidCredentialFormatException>(() => VerificationNumberB.Parse(input));
        Assert.Equal(problem, ex.Problem);
        Assert.DoesNotContain(input, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(input[..6], ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(input[^4..], ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_rejects_bad_security_codes_and_years()
    {
        var dob = new DateOnly(1980, 2, 17);
        Assert.Equal(CredentialFormatProblem.SecurityCodeFormat, Assert.Throws<InvalidCredentialFormatException>(() => VerificationNumberB.Create(dob, 2035, "228")).Problem);
        Assert.Equal(CredentialFormatProblem.SecurityCodeFormat, Assert.Throws<InvalidCredentialFormatException>(() => VerificationNumberB.Create(dob, 2035, "22a5")).Problem);
        Assert.Equal(CredentialFormatProblem.ExpiryYearOutOfRange, Assert.Throws<InvalidCredentialFormatException>(() => VerificationNumberB.Create(dob, 2100, "2285")).Problem);
        Assert.Equal(CredentialFormatProblem.BirthDateOutOfRange, Assert.Throws<InvalidCredentialFormatException>(() => VerificationNumberB.Create(new DateOnly(1850, 1, 1), 2030, "2285")).Problem);
    }

    [Fact]
    public void ToString_is_redacted_and_dispose_zeroizes()
    {
        var number = VerificationNumberB.Parse("55021720352285");
        Assert.DoesNotContain("5502", number.ToString(), StringComparison.Ordinal);
        var field = typeof(VerificationNumberB).GetField("_digits", BindingFlags.NonPublic | BindingFlags.Instance)!;
        var buffer = (byte[])field.GetValue(number)!;
        number.Dispose();
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => number.ExpiryYear);
    }

    [Fact]
    public void Created_values_always_parse_back()
    {
        Gen.Select(Gen.Int[new DateOnly(1900, 1, 1).DayNumber, new DateOnly(2025, 12, 31).DayNumber], Gen.Int[2026, 2040], Gen.Int[0, 9999], Gen.Bool).Sample((day, year, code, western) =>
        {
            var dob = DateOnly.FromDayNumber(day);
            using var created = VerificationNumberB.Create(dob, year, code.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), western ? BirthDateNotation.Western : BirthDateNotation.JapaneseEra);
            var digits = Digits(created);
            using var parsed = VerificationNumberB.Parse(digits);
            Assert.Equal(digits, Digits(parsed));
            Assert.Equal(dob.Month, int.Parse(digits[2..4], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(dob.Day, int.Parse(digits[4..6], System.Globalization.CultureInfo.InvariantCulture));
        });
    }
}
