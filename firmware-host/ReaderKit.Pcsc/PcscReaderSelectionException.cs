using ReaderKit.Apdu;

namespace ReaderKit.Pcsc;

/// <summary>
/// The reader name given does not pick exactly one PC/SC reader: none is connected, none matches, or several match. The
/// message lists the readers pcscd knows. <see cref="CardTransportException.Failure"/> is
/// <see cref="CardTransportFailure.ReaderUnavailable"/> (<c>ErrorCode.ReaderUnavailable</c>).
/// </summary>
public sealed class PcscReaderSelectionException : CardTransportException
{
    public PcscReaderSelectionException(string? filter, IReadOnlyList<string> available, IReadOnlyList<string> matching)
        : base(CardTransportFailure.ReaderUnavailable, Describe(filter, available, matching))
    {
        Filter = filter;
        Available = available;
        Matching = matching;
    }

    /// <summary>The name (substring) asked for, or null for "the only reader".</summary>
    public string? Filter { get; }

    /// <summary>Every reader pcscd listed.</summary>
    public IReadOnlyList<string> Available { get; }

    /// <summary>The readers that matched (none or several).</summary>
    public IReadOnlyList<string> Matching { get; }

    /// <summary>True when several readers matched.</summary>
    public bool IsAmbiguous => Matching.Count > 1;

    private static string Describe(string? filter, IReadOnlyList<string> available, IReadOnlyList<string> matching)
    {
        var list = available.Count == 0 ? "none" : string.Join(", ", available.Select(r => $"'{r}'"));
        if (available.Count == 0)
        {
            return "No PC/SC reader is connected (pcscd lists none): plug in a CCID contactless reader.";
        }

        return matching.Count > 1
            ? filter is null
                ? $"Several PC/SC readers are connected; choose one with --reader / Reader:PcscReader. Available: {list}."
                : $"The reader name '{filter}' matches {matching.Count} PC/SC readers; give a longer part of the name. Available: {list}."
            : $"No PC/SC reader name contains '{filter}'. Available: {list}.";
    }
}
