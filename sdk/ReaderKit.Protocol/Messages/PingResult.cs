namespace ReaderKit.Protocol.Messages;

/// <summary><c>session.ping</c> result: <c>{tsMs}</c>, the server's clock in Unix milliseconds.</summary>
public sealed record PingResult(long TsMs);
