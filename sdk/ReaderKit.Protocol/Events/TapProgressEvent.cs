namespace ReaderKit.Protocol.Events;

/// <summary><c>tap.progress</c> <c>{tapId, step, seq, tsMs}</c>: the tap reached <paramref name="Step"/> (<c>TapSteps</c>).</summary>
public sealed record TapProgressEvent(string TapId, string Step) : ReaderEvent
{
    /// <inheritdoc/>
    public override string Method => RpcNotifications.TapProgress;
}
