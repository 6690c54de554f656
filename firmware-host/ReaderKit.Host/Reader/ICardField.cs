namespace ReaderKit.Host.Reader;

/// <summary>The reader's RF field as the loop sees it between taps: is a card there, and let it go.</summary>
public interface ICardField
{
    /// <summary>One short poll (bounded by the link's own timeouts): true when a Type B card answers.</summary>
    Task<bool> IsCardPresentAsync(CancellationToken cancellationToken);

    /// <summary>Deselects the card and drops any session state; never throws for a card that has already gone.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
