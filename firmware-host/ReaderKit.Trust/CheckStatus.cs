namespace ReaderKit.Trust;

/// <summary>
/// Result of one check. Same members in the same order as <c>ReaderKit.Contracts.CheckLineStatus</c>, so a report maps
/// one to the other by name (PASS, FAIL, SKIP, WARN).
/// </summary>
public enum CheckStatus
{
    /// <summary>The check ran and passed.</summary>
    Pass,

    /// <summary>The check ran and failed (the card or dump is rejected, or not valid in time for a validity check).</summary>
    Fail,

    /// <summary>The check's inputs were not available (not read, not configured, or a prerequisite failed).</summary>
    Skip,

    /// <summary>
    /// The check ran and found something worth telling (an unsigned value that disagrees, a JPKI root generation not held,
    /// an expired e-certificate, text attributes not bound to the chip). Advisory: it never decides genuineness or validity.
    /// </summary>
    Warn,
}
