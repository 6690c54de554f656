namespace ReaderKit.Protocol.Events;

/// <summary><c>card.present</c> <c>{reader, seq, tsMs}</c>: a card came into the field of <paramref name="Reader"/>.</summary>
public sealed record CardPresentEvent(string Reader) : ReaderEvent
{
    /// <inheritdoc/>
    public override string Method => RpcNotifications.CardPresent;
}
