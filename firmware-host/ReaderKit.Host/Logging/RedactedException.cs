namespace ReaderKit.Host.Logging;

/// <summary>An exception as a log sink sees it: the original's type name, message and stack, redacted.</summary>
public sealed class RedactedException : Exception
{
    private readonly string _text;

    /// <summary>Wraps <paramref name="original"/>; its text (type, message, inner exceptions, stack) is redacted once.</summary>
    public RedactedException(Exception original, SecretRedactor redactor)
        : base(redactor?.Redact(original?.Message) ?? "")
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(redactor);
        _text = redactor.Redact(original.ToString());
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
    }

    public RedactedException()
    {
        _text = "";
        OriginalType = "";
    }

    public RedactedException(string message)
        : base(message)
    {
        _text = message;
        OriginalType = "";
    }

    public RedactedException(string message, Exception inner)
        : base(message, inner)
    {
        _text = message;
        OriginalType = "";
    }

    /// <summary>The wrapped exception's type name.</summary>
    public string OriginalType { get; }

    /// <summary>The redacted text of the original exception (what sinks print).</summary>
    public override string ToString() => _text;
}
