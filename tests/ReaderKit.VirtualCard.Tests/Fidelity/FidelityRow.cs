using ReaderKit.VirtualCard.Profiles;

namespace ReaderKit.VirtualCard.Tests.Fidelity;

/// <summary>
/// One row of the fidelity table: a behaviour of the real card, the APDU that shows it, what a real card answers, where that is
/// published, what the virtual card answers, and the check that pins it. A real answer starting with <c>[U]</c> is not
/// established by any public source (the check then pins the virtual card's chosen answer, so a change is visible).
/// </summary>
/// <param name="Id">Stable id (<c>MF13</c>); the test name and README row refer to it.</param>
/// <param name="Area">Where on the card.</param>
/// <param name="Behaviour">One line.</param>
/// <param name="Apdu">The APDU(s), as sent.</param>
/// <param name="Real">The real card's answer, or <c>[U] …</c>.</param>
/// <param name="Source">Public source(s) for the real answer.</param>
/// <param name="Check">The check, run through a <see cref="FidelityScript"/> on a fresh card.</param>
internal sealed record FidelityRow(string Id, string Area, string Behaviour, string Apdu, string Real, string Source, Func<FidelityScript, Task> Check)
{
    /// <summary>The persona whose card the row runs on (its own card profile applies).</summary>
    public string Persona { get; init; } = "yamada-taro";

    /// <summary>A run-time card profile replacing the persona's (ATR, challenge rule, …); null = the persona's.</summary>
    public CardProfile? Profile { get; init; }

    /// <summary>The virtual card's answer when it is not the real one (only [U] rows); null = same as the real card.</summary>
    public string? Virtual { get; init; }

    /// <summary>True when no public source establishes the real answer.</summary>
    public bool IsUnknown => Real.StartsWith("[U]", StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Id;
}
