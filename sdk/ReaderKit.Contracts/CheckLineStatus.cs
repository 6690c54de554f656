using System.Globalization;

namespace ReaderKit.Contracts;

/// <summary>The status of one check, as every report prints it.</summary>
public enum CheckLineStatus
{
    /// <summary>Ran and passed.</summary>
    Pass,

    /// <summary>Ran and failed.</summary>
    Fail,

    /// <summary>Did not run (input missing, not configured, or a prerequisite failed); the reason says which.</summary>
    Skip,

    /// <summary>Ran; an advisory finding that does not decide the verdict (e.g. JPKI root generation unknown).</summary>
    Warn,
}
