using System.Security.Cryptography;
using System.Text.Json;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Rpc.FolderExchange;

/// <summary>
/// Parses one inbox request: <c>{"requestId"?, "numberB": {"birthDate","expiryYear","securityCode","notation"?} |
/// {"digits"}, "options"?: {"fields"[], "face", "requireFace", "text", "jpki", "staffAssisted", "timeoutMs"}}</c>.
/// The secret parts are copied from the file bytes into stack buffers (no string) and zeroed.
/// </summary>
internal static class FolderRequest
{
    public static bool IsSafeId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && id[0] != '.';

    /// <exception cref="FormatException">The file is not a valid request (message names the key, never a value).</exception>
    public static (string? RequestId, TapStartRequest Request) Parse(ReadOnlySpan<byte> json)
    {
        Span<byte> birth = stackalloc byte[10];
        Span<byte> code = stackalloc byte[4];
        Span<byte> digits = stackalloc byte[NumberBInput.DigitsLength];
        int birthLength = -1, codeLength = -1, digitsLength = -1;
        int? year = null;
        var notation = NumberBNotation.JapaneseEra;
        string? requestId = null;
        var options = new TapOptions();
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..]; // Windows tools often write a UTF-8 byte order mark
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            Expect(ref reader, JsonTokenType.StartObject, "request");
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var key = reader.GetString();
                reader.Read();
                switch (key)
                {
                    case "requestId":
                        requestId = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new FormatException("requestId must be a string.");
                        break;
                    case "numberB":
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw new FormatException("numberB must be an object.");
                        }

                        while (Next(ref reader) == JsonTokenType.PropertyName)
                        {
                            var part = reader.GetString();
                            reader.Read();
                            switch (part)
                            {
                                case "birthDate": birthLength = CopySecret(ref reader, birth, part); break;
                                case "securityCode": codeLength = CopySecret(ref reader, code, part); break;
                                case "digits": digitsLength = CopySecret(ref reader, digits, part); break;
                                case "expiryYear":
                                    year = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var y) ? y : throw new FormatException("numberB.expiryYear must be a number.");
                                    break;
                                case "notation":
                                    notation = reader.GetString() switch
                                    {
                                        "western" => NumberBNotation.Western,
                                        "era" or null => NumberBNotation.JapaneseEra,
                                        _ => throw new FormatException("numberB.notation must be era or western."),
                                    };
                                    break;
                                default:
                                    reader.Skip();
                                    break;
                            }
                        }

                        break;
                    case "options":
                        options = ParseOptions(ref reader);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            NumberBInput numberB;
            try
            {
                numberB = digitsLength >= 0
                    ? NumberBInput.FromDigits(digits[..digitsLength])
                    : birthLength >= 0 && codeLength >= 0 && year is not null
                        ? NumberBInput.FromParts(birth[..birthLength], year.Value, code[..codeLength], notation)
                        : throw new FormatException("numberB needs digits, or birthDate, expiryYear and securityCode.");
            }
            catch (ArgumentException e)
            {
                throw new FormatException("numberB: " + e.Message.Split(" (", 2)[0], e);
            }

            return (requestId, new TapStartRequest(numberB, options, null, requestId));
        }
        catch (JsonException e)
        {
            throw new FormatException("The request is not valid JSON.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(birth);
            CryptographicOperations.ZeroMemory(code);
            CryptographicOperations.ZeroMemory(digits);
        }
    }

    private static TapOptions ParseOptions(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("options must be an object.");
        }

        var options = new TapOptions();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            reader.Read();
            options = key switch
            {
                "fields" => options with { Fields = Strings(ref reader) },
                "face" => options with { Face = reader.GetBoolean() },
                "requireFace" => options with { RequireFace = reader.GetBoolean() },
                "text" => options with { Text = reader.GetBoolean() },
                "jpki" => options with { Jpki = reader.GetBoolean() },
                "staffAssisted" => options with { StaffAssisted = reader.GetBoolean() },
                "timeoutMs" => options with { TimeoutMs = reader.GetInt32() },
                _ => SkipValue(ref reader, options),
            };
        }

        return options;
    }

    private static TapOptions SkipValue(ref Utf8JsonReader reader, TapOptions options)
    {
        reader.Skip();
        return options;
    }

    private static List<string> Strings(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new FormatException("options.fields must be an array.");
        }

        var list = new List<string>();
        while (Next(ref reader) == JsonTokenType.String)
        {
            list.Add(reader.GetString()!);
        }

        return list;
    }

    private static int CopySecret(ref Utf8JsonReader reader, scoped Span<byte> target, string? key)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > target.Length)
        {
            throw new FormatException($"numberB.{key} has the wrong shape.");
        }

        reader.ValueSpan.CopyTo(target);
        return reader.ValueSpan.Length;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) => reader.Read() ? reader.TokenType : throw new FormatException("The request ends early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new FormatException($"The {what} must be a JSON object.");
        }
    }
}
