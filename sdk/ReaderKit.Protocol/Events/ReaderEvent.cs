namespace ReaderKit.Protocol.Events;

/// <summary>
/// A server-to-client notification. <see cref="Method"/> is its wire name; <see cref="Seq"/> is per connection
/// (1, 2, 3… — a jump means notifications were dropped or missed: re-read <c>reader.getStatus</c>); <see cref="TsMs"/>
/// is the host's clock in Unix milliseconds. The reader service raises events with <c>Seq</c> 0; the server stamps it.
/// </summary>
public abstract record ReaderEvent
{
    /// <summary>The notification name (<see cref="RpcNotifications"/>).</summary>
    public abstract string Method { get; }

    /// <summary>Per-connection sequence number; 0 before the server stamps it.</summary>
    public long Seq { get; init; }

    /// <summary>When it happened, Unix milliseconds.</summary>
    public long TsMs { get; init; }
}
