namespace ReaderKit.Protocol.Messages;

/// <summary><c>session.hello</c> params: <c>{protocol:"readerkit/1.0", client:{name, version}, token?}</c>.</summary>
/// <param name="Protocol">The version the client speaks, e.g. <c>readerkit/1.0</c>.</param>
/// <param name="Client">The calling application.</param>
/// <param name="Token">The client token issued at pairing; required on TLS, optional on the Unix socket. Never logged.</param>
public sealed record HelloRequest(string Protocol, ClientInfo Client, string? Token = null)
{
    /// <summary>Redacts the token.</summary>
    public override string ToString() => $"HelloRequest {{ Protocol = {Protocol}, Client = {Client}, Token = {(Token is null ? "none" : "***")} }}";
}
