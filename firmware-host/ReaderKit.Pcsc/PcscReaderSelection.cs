namespace ReaderKit.Pcsc;

/// <summary>Picks one reader from pcscd's list by name.</summary>
public static class PcscReaderSelection
{
    /// <summary>
    /// The reader <paramref name="filter"/> names: an exact (case-insensitive) match wins; otherwise the one reader whose name
    /// contains it (case-insensitive). A null or blank filter picks the only reader.
    /// </summary>
    /// <exception cref="PcscReaderSelectionException">No reader, no match, or several matches.</exception>
    public static string Select(IReadOnlyList<string> readers, string? filter)
    {
        ArgumentNullException.ThrowIfNull(readers);
        var wanted = string.IsNullOrWhiteSpace(filter) ? null : filter.Trim();
        if (wanted is not null && readers.FirstOrDefault(r => string.Equals(r, wanted, StringComparison.OrdinalIgnoreCase)) is { } exact)
        {
            return exact;
        }

        var matching = wanted is null ? readers : readers.Where(r => r.Contains(wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        return matching.Count == 1 ? matching[0] : throw new PcscReaderSelectionException(wanted, readers, matching);
    }
}
