namespace ReaderKit.Protocol.Messages;

/// <summary><c>session.hello</c> result: <c>{protocol, server, capabilities[], limits{…}, sessionId}</c>.</summary>
/// <param name="Protocol">The negotiated version (same major, lower of the two minors).</param>
/// <param name="Server">Server product and version, e.g. <c>ReaderKit.Host/1.0.0</c>.</param>
/// <param name="Capabilities">Feature names (<see cref="ServerCapabilities"/>).</param>
/// <param name="Limits">The limits this server enforces.</param>
/// <param name="SessionId">This connection's id, for support logs.</param>
public sealed record HelloResult(string Protocol, string Server, IReadOnlyList<string> Capabilities, ServerLimits Limits, string SessionId);
