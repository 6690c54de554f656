namespace ReaderKit.Protocol.Events;

/// <summary><c>card.removed</c> <c>{reader, seq, tsMs}</c>: the card left the field.</summary>
public sealed record CardRemovedEvent(string Reader) : ReaderEvent
{
    /// <inheritdoc/>
    public override string Method => RpcNotifications.CardRemoved;
}
