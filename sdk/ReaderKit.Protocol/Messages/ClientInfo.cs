namespace ReaderKit.Protocol.Messages;

/// <summary>Who is calling: <c>{name, version}</c> in <c>session.hello</c>; shown in logs and as the lease holder.</summary>
public sealed record ClientInfo(string Name, string Version);
