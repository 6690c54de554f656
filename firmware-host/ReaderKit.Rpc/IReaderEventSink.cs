using ReaderKit.Protocol.Events;

namespace ReaderKit.Rpc;

/// <summary>Receives reader events from <see cref="IReaderService"/>.</summary>
public interface IReaderEventSink
{
    /// <summary>
    /// One event (with <c>TsMs</c> set, <c>Seq</c> 0). Called on the service's thread, possibly the reader loop: it must
    /// not block and must not throw. The server's sink only copies the event into bounded per-connection queues.
    /// </summary>
    void OnEvent(ReaderEvent readerEvent);
}
