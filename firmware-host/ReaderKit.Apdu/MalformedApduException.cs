namespace ReaderKit.Apdu;

/// <summary>Bytes that do not form a valid command or response APDU.</summary>
public sealed class MalformedApduException : CardException
{
    public MalformedApduException(string message)
        : base(message)
    {
    }
}
