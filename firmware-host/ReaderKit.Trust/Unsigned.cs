namespace ReaderKit.Trust;

/// <summary>A value read from the card that no signature covers (expiry DF29, municipality code, common AP).</summary>
public sealed record Unsigned<T>(T Value, string Source)
{
    /// <summary>Always false: reported so callers cannot mistake it for authenticated data.</summary>
    public bool IsSigned => false;
}
