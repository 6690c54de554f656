namespace ReaderKit.Host.Tools;

/// <summary>Exit codes of the host-side verbs (<c>journal</c>, <c>status</c>, <c>doctor</c>) of the <c>readerkit</c> tool.</summary>
public static class ToolExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary><c>status</c>: the host runs but reports faults; <c>doctor</c>: a WARN line.</summary>
    public const int Warning = 1;

    /// <summary>Bad arguments or configuration; <c>doctor</c>: a FAIL line.</summary>
    public const int InvalidInput = 2;

    /// <summary>The journal, the key file or the running host is unavailable.</summary>
    public const int Unavailable = 3;
}
