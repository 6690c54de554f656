namespace ReaderKit.Rpc;

/// <summary>Which listener a connection came in on.</summary>
public enum RpcTransport
{
    /// <summary>The Unix domain socket (file permissions decide who connects).</summary>
    UnixSocket,

    /// <summary>TCP with TLS 1.3 (a client token is always required).</summary>
    Tls,
}
