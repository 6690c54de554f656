namespace ReaderKit.Card.Credentials;

/// <summary>
/// When to refuse presenting a credential. The remaining tries are always queried first with an empty
/// VERIFY; the value is sent only when more than <see cref="Floor"/> tries remain.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Default: refuse when 2 or fewer tries remain (an OCR misread must never block a card).</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>Refuse at or below this many remaining tries (0 = only refuse a blocked credential).</summary>
    public int Floor
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Floor), value, "The floor cannot be negative.");
    } = 2;
}
