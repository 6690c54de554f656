namespace ReaderKit.Host.Journal;

/// <summary>The reconciliation export formats.</summary>
public enum JournalExportFormat
{
    /// <summary>One JSON object per line (UTF-8), every field including each check's reason and the timings.</summary>
    Jsonl,

    /// <summary>RFC 4180 CSV (UTF-8, header row); checks as <c>STATUS name</c> joined by <c>; </c>.</summary>
    Csv,
}
