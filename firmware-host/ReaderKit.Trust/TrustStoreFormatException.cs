namespace ReaderKit.Trust;

/// <summary>
/// The trust JSON file is unreadable, malformed, in the old role-less format, or conflicts with a known anchor. The message is
/// one line naming the file, the entry and what to fix; it never contains key material.
/// </summary>
public sealed class TrustStoreFormatException : Exception
{
    public TrustStoreFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
