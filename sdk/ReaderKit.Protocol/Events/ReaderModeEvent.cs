namespace ReaderKit.Protocol.Events;

/// <summary><c>reader.mode</c> <c>{mode, reason?, seq, tsMs}</c>: the site went online or offline (<c>ReaderModes</c>).</summary>
public sealed record ReaderModeEvent(string Mode, string? Reason = null) : ReaderEvent
{
    /// <inheritdoc/>
    public override string Method => RpcNotifications.ReaderMode;
}
