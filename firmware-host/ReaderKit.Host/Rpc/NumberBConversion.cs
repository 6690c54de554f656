using System.Security.Cryptography;
using ReaderKit.Card.Credentials;
using ReaderKit.Contracts;
using ReaderKit.Protocol.Messages;
using ReaderKit.Rpc;

namespace ReaderKit.Host.Rpc;

/// <summary>
/// Copies 照合番号B from the RPC layer's buffer (<see cref="NumberBInput"/>) into the card layer's own holder
/// (<see cref="VerificationNumberB"/>) without a .NET string: the digits pass through a stack buffer that is zeroed.
/// Format errors become <see cref="ErrorCode.InvalidInput"/> with a message that never holds a digit.
/// </summary>
internal static class NumberBConversion
{
    public static VerificationNumberB ToCardCredential(NumberBInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Span<char> chars = stackalloc char[NumberBInput.DigitsLength];
        try
        {
            if (input.IsPrebuilt)
            {
                var digits = input.Digits;
                for (var i = 0; i < digits.Length; i++)
                {
                    chars[i] = (char)digits[i];
                }

                return VerificationNumberB.Parse(chars[..digits.Length]);
            }

            var date = input.BirthDate;
            var birthDate = new DateOnly(Number(date[..4]), Number(date[5..7]), Number(date[8..10]));
            var code = input.SecurityCode;
            for (var i = 0; i < code.Length; i++)
            {
                chars[i] = (char)code[i];
            }

            var notation = input.Notation == NumberBNotation.Western ? BirthDateNotation.Western : BirthDateNotation.JapaneseEra;
            return VerificationNumberB.Create(birthDate, input.ExpiryYear, chars[..code.Length], notation);
        }
        catch (InvalidCredentialFormatException e)
        {
            throw new ReaderServiceException(ErrorCode.InvalidInput, "numberB: " + e.Message);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new ReaderServiceException(ErrorCode.InvalidInput, "numberB: birthDate is not a calendar date.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(chars));
        }
    }

    private static int Number(ReadOnlySpan<byte> ascii)
    {
        var value = 0;
        foreach (var b in ascii)
        {
            value = (value * 10) + (b - '0');
        }

        return value;
    }
}
