namespace ReaderKit.Protocol.Messages;

/// <summary>The limits a server enforces, advertised in the <c>session.hello</c> reply.</summary>
/// <param name="MaxMessageBytes">Largest inbound message; a larger one closes the connection.</param>
/// <param name="MaxDepth">Deepest container nesting in one message; deeper closes the connection.</param>
/// <param name="MaxInFlight">Requests one connection may have outstanding; the server stops reading beyond it.</param>
/// <param name="NotificationQueue">Notifications queued per connection before the server drops (a <c>seq</c> gap).</param>
/// <param name="RequestsPerSecond">Sustained request rate per connection; beyond it requests fail with <c>RateLimited</c> (0 = unlimited).</param>
/// <param name="HelloTimeoutMs">Time allowed from connect (and TLS handshake) to a successful <c>session.hello</c>.</param>
public sealed record ServerLimits(int MaxMessageBytes, int MaxDepth, int MaxInFlight, int NotificationQueue, int RequestsPerSecond, int HelloTimeoutMs);
