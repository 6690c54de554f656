using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Framing;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Rpc.Tests.Fakes;

/// <summary>A bare MessagePack-RPC client for abuse tests: sends any bytes, reads whole messages.</summary>
internal sealed class RawRpcClient : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly MessageStreamReader _reader;
    private uint _nextId;

    private RawRpcClient(Stream stream)
    {
        _stream = stream;
        _reader = new MessageStreamReader(stream, 8 * 1024 * 1024, 64);
    }

    public static async Task<RawRpcClient> ConnectUnixAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        return new RawRpcClient(new NetworkStream(socket, ownsSocket: true));
    }

    /// <summary>TLS that accepts any server certificate (the abuse tests pin nothing; the SDK tests check pinning).</summary>
    public static async Task<RawRpcClient> ConnectTlsAsync(System.Net.IPEndPoint endPoint)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint);
        var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true));
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "readerkit-device",
            EnabledSslProtocols = SslProtocols.Tls13,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        return new RawRpcClient(ssl);
    }

    public Task SendRawAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    public async Task<uint> SendAsync<T>(string method, T parameters)
    {
        var id = ++_nextId;
        var buffer = new ArrayBufferWriter<byte>();
        RpcCodec.WriteRequest(buffer, id, method, parameters);
        await _stream.WriteAsync(buffer.WrittenMemory);
        return id;
    }

    /// <summary>The next message's envelope with its body copied; null when the server closed the connection.</summary>
    public async Task<(RpcEnvelope Envelope, byte[] Body)?> ReadAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            var message = await _reader.ReadAsync(cts.Token);
            if (message is null)
            {
                return null;
            }

            var envelope = RpcCodec.Parse(message.Value);
            return (envelope, envelope.Body.ToArray());
        }
        catch (Exception e) when (e is IOException or SocketException or FramingException or ObjectDisposedException)
        {
            return null;
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException("No message in time.", e);
        }
    }

    /// <summary>Reads until the response to <paramref name="id"/>, skipping notifications; returns (error or null, result body).</summary>
    public async Task<(RpcError? Error, byte[] Body)> ResponseAsync(uint id)
    {
        while (true)
        {
            var next = await ReadAsync() ?? throw new IOException("The server closed the connection.");
            if (next.Envelope.Kind == RpcMessageKind.Response && next.Envelope.Id == id)
            {
                return next.Envelope.IsError ? (ProtocolSerializer.Deserialize<RpcError>(next.Body), []) : (null, next.Body);
            }
        }
    }

    public async Task<T> CallAsync<TParams, T>(string method, TParams parameters)
    {
        var (error, body) = await ResponseAsync(await SendAsync(method, parameters));
        return error is null ? ProtocolSerializer.Deserialize<T>(body) : throw new InvalidOperationException($"{error.Name}: {error.Message}");
    }

    public Task<HelloResult> HelloAsync(string? token = null, string name = "raw") =>
        CallAsync<HelloRequest, HelloResult>(RpcMethods.SessionHello, new HelloRequest("readerkit/1.0", new ClientInfo(name, "1"), token));

    /// <summary>True once the server has closed the connection (reads end), within the timeout.</summary>
    public async Task<bool> IsClosedByServerAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                var next = await ReadAsync(deadline - DateTime.UtcNow);
                if (next is null)
                {
                    return true;
                }
            }
        }
        catch (TimeoutException)
        {
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
    }
}
