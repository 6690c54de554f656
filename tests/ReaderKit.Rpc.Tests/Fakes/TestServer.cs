using System.Net;
using ReaderKit.Rpc.Security;

namespace ReaderKit.Rpc.Tests.Fakes;

/// <summary>An RPC server over a <see cref="FakeReaderService"/>: a Unix socket in a temporary directory and TLS on 127.0.0.1 (any port).</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(string directory, FakeReaderService service, RpcServer server, DeviceIdentity identity, ClientTokenStore tokens, string token)
    {
        Directory = directory;
        Service = service;
        Server = server;
        Identity = identity;
        Tokens = tokens;
        Token = token;
    }

    public string Directory { get; }

    public FakeReaderService Service { get; }

    public RpcServer Server { get; }

    public DeviceIdentity Identity { get; }

    public ClientTokenStore Tokens { get; }

    /// <summary>A valid token for client "test-client".</summary>
    public string Token { get; }

    public string SocketPath => Path.Combine(Directory, "rpc.sock");

    public IPEndPoint TlsEndPoint => Server.TlsEndPoint!;

    public static async Task<TestServer> StartAsync(Action<RpcServerOptions>? configure = null, FakeReaderService? service = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "rk-rpc-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var identity = DeviceIdentity.LoadOrCreate(Path.Combine(directory, "state"));
        var tokens = ClientTokenStore.Open(Path.Combine(directory, "state"));
        var token = tokens.Issue("test-client");
        var options = new RpcServerOptions
        {
            UnixSocketPath = Path.Combine(directory, "rpc.sock"),
            TlsEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            HelloTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        service ??= new FakeReaderService();
        var server = new RpcServer(service, options, identity, tokens);
        await server.StartAsync();
        return new TestServer(directory, service, server, identity, tokens, token);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Identity.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
