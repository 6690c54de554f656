namespace ReaderKit.Host.Diagnostics;

/// <summary>The outcome of one doctor check.</summary>
public enum DoctorStatus
{
    /// <summary>Fine.</summary>
    Ok,

    /// <summary>Works, but needs attention soon (or could not be checked).</summary>
    Warn,

    /// <summary>Broken: the reader cannot verify correctly until it is fixed.</summary>
    Fail,
}
