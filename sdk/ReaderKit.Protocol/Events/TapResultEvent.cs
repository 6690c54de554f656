using ReaderKit.Protocol.Messages;

namespace ReaderKit.Protocol.Events;

/// <summary>
/// <c>tap.result</c> <c>{tapId, result, seq, tsMs}</c>: the tap finished. Personal fields are included only in the
/// copy sent to the connection whose client started the tap and asked for them.
/// </summary>
public sealed record TapResultEvent(string TapId, TapResult Result) : ReaderEvent
{
    /// <inheritdoc/>
    public override string Method => RpcNotifications.TapResult;
}
