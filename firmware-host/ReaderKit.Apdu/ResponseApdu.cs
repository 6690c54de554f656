namespace ReaderKit.Apdu;

/// <summary>An ISO/IEC 7816-4 response APDU: response data followed by the status word.</summary>
public sealed class ResponseApdu
{
    public ResponseApdu(ReadOnlyMemory<byte> data, StatusWord statusWord)
    {
        Data = data;
        StatusWord = statusWord;
    }

    public ReadOnlyMemory<byte> Data { get; }

    public StatusWord StatusWord { get; }

    /// <exception cref="MalformedApduException">Fewer than two bytes (no status word).</exception>
    public static ResponseApdu Parse(ReadOnlySpan<byte> response)
    {
        if (response.Length < 2)
        {
            throw new MalformedApduException($"A response APDU needs at least SW1 SW2, got {response.Length} byte(s).");
        }

        return new ResponseApdu(response[..^2].ToArray(), new StatusWord(response[^2], response[^1]));
    }

    public byte[] ToArray()
    {
        var buffer = new byte[Data.Length + 2];
        Data.Span.CopyTo(buffer);
        buffer[^2] = StatusWord.Sw1;
        buffer[^1] = StatusWord.Sw2;
        return buffer;
    }

    /// <summary>Throws <see cref="CardStatusException"/> unless the status word is 9000.</summary>
    public ResponseApdu EnsureSuccess(CommandApdu command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return StatusWord.IsSuccess ? this : throw new CardStatusException(command.Ins, StatusWord);
    }

    public override string ToString() => $"{Data.Length} byte(s), SW={StatusWord}";
}
