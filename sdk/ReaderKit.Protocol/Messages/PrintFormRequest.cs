namespace ReaderKit.Protocol.Messages;

/// <summary>
/// <c>tap.printForm</c> params: <c>{tapId, kind?, slipWidthMm?}</c> — the outage paperwork of a finished tap:
/// <c>kind</c> <c>form</c> (default: the A4 self-declaration form) or <c>slip</c> (the verification receipt for a 58 or
/// 80 mm printer; <c>slipWidthMm</c> absent takes the host's setting).
/// </summary>
public sealed record PrintFormRequest(string TapId)
{
    /// <summary>The A4 self-declaration form.</summary>
    public const string FormKind = "form";

    /// <summary>The thermal receipt slip.</summary>
    public const string SlipKind = "slip";

    /// <summary><c>form</c> (default) or <c>slip</c>.</summary>
    public string Kind { get; init; } = FormKind;

    /// <summary>58 or 80; null takes the host's configured width (slips only).</summary>
    public int? SlipWidthMm { get; init; }
}
