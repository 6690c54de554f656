namespace ReaderKit.Host.Diagnostics;

/// <summary>One line of <c>readerkit doctor</c>: <c>OK|WARN|FAIL name: detail</c>, and the fix when not OK.</summary>
/// <param name="Name">A stable check name, e.g. <c>reader.link</c>, <c>journal.health</c>.</param>
/// <param name="Status">The outcome.</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">What to do about it (null when OK).</param>
public sealed record DoctorLine(string Name, DoctorStatus Status, string Detail, string? Fix = null)
{
    /// <summary>OK, WARN or FAIL.</summary>
    public string StatusWord => Status switch
    {
        DoctorStatus.Ok => "OK",
        DoctorStatus.Warn => "WARN",
        _ => "FAIL",
    };

    /// <inheritdoc />
    public override string ToString() => Fix is null ? $"{StatusWord,-4} {Name}: {Detail}" : $"{StatusWord,-4} {Name}: {Detail}\n     fix: {Fix}";
}
