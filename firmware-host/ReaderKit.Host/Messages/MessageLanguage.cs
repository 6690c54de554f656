namespace ReaderKit.Host.Messages;

/// <summary>The languages the message catalogue carries.</summary>
public enum MessageLanguage
{
    /// <summary>Japanese (<c>ja</c>).</summary>
    Japanese,

    /// <summary>English (<c>en</c>).</summary>
    English,
}
