using System.Globalization;

namespace ReaderKit.Contracts;

/// <summary>
/// One check in the one format every surface uses: <c>PASS name: reason</c> in text, <c>{name, status, reason}</c>
/// in JSON, RPC and the journal. Names are stable identifiers such as <c>surface.cvc</c> or <c>face.pad.parallax</c>.
/// </summary>
public sealed record CheckLine(string Name, CheckLineStatus Status, string Reason)
{
    /// <summary>The upper-case status word: PASS, FAIL, SKIP or WARN.</summary>
    public string StatusWord => Status switch
    {
        CheckLineStatus.Pass => "PASS",
        CheckLineStatus.Fail => "FAIL",
        CheckLineStatus.Skip => "SKIP",
        _ => "WARN",
    };

    /// <summary>Parses a status word (PASS/FAIL/SKIP/WARN, case-insensitive).</summary>
    public static CheckLineStatus ParseStatus(string word) => word.ToUpperInvariant() switch
    {
        "PASS" => CheckLineStatus.Pass,
        "FAIL" => CheckLineStatus.Fail,
        "SKIP" => CheckLineStatus.Skip,
        "WARN" => CheckLineStatus.Warn,
        _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Unknown check status '{word}'.")),
    };

    /// <summary>The text form: <c>PASS surface.cvc: reason</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{StatusWord,-4} {Name}: {Reason}");
}
