namespace ReaderKit.Card.Credentials;

/// <summary>
/// When to refuse presenting a credential. The remaining tries are always queried first with an empty VERIFY; the
/// value is sent only when the card reports a counter (<c>63Cx</c>) above the floor. An unknown counter refuses
/// (<see cref="RetryCounterUnknownException"/>), <c>9000</c> ("already verified") sends nothing.
/// </summary>
/// <remarks>
/// The floor is at least 1, so the last try is never spent by accident (an OCR misread, a mistyped digit, a link
/// fault). Spending it needs the separate, explicit <see cref="AllowLastTry"/>.
/// </remarks>
public sealed record RetryPolicy
{
    /// <summary>Default: refuse when 2 or fewer tries remain (an OCR misread must never block a card).</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>Refuse at or below this many remaining tries. At least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Below 1 (use <see cref="AllowLastTry"/> to spend the last try).</exception>
    public int Floor
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Floor), value, "The floor is at least 1; spending the last try needs AllowLastTry.");
    } = 2;

    /// <summary>
    /// Explicit permission to go down to the last try: the floor is not applied and only a blocked credential is
    /// refused. Meant for a holder at a staffed counter who knows the value is right; never for unattended use.
    /// </summary>
    public bool AllowLastTry { get; init; }

    /// <summary>The floor actually applied: <see cref="Floor"/>, or 0 with <see cref="AllowLastTry"/>.</summary>
    public int EffectiveFloor => AllowLastTry ? 0 : Floor;

    /// <summary>True when a value may be sent while <paramref name="remainingTries"/> tries remain.</summary>
    public bool Permits(int remainingTries) => remainingTries > EffectiveFloor;
}
