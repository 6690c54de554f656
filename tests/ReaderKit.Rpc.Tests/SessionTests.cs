using ReaderKit.Contracts;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Messages;
using ReaderKit.Rpc.Tests.Fakes;

namespace ReaderKit.Rpc.Tests;

public sealed class SessionTests
{
    [Fact]
    public async Task A_request_before_hello_is_refused_with_HelloRequired()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        var (error, _) = await client.ResponseAsync(await client.SendAsync(RpcMethods.ReaderGetStatus, Empty.Instance));
        Assert.Equal((int)ErrorCode.HelloRequired, error!.Code);
        Assert.Equal("HelloRequired", error.Name);
    }

    [Fact]
    public async Task Hello_on_the_unix_socket_needs_no_token_and_negotiates_the_minor_down()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        var hello = await client.CallAsync<HelloRequest, HelloResult>(RpcMethods.SessionHello, new HelloRequest("readerkit/1.7", new ClientInfo("kiosk", "2.0")));
        Assert.Equal("readerkit/1.0", hello.Protocol);
        Assert.Contains(ServerCapabilities.Tap, hello.Capabilities);
        Assert.Equal(ProtocolLimits.DefaultMaxMessageBytes, hello.Limits.MaxMessageBytes);
        var status = await client.CallAsync<Empty, ReaderStatus>(RpcMethods.ReaderGetStatus, Empty.Instance);
        Assert.True(status.ReaderOk);
    }

    [Fact]
    public async Task Another_major_is_refused_with_the_supported_list_and_the_connection_stays_usable()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        var (error, _) = await client.ResponseAsync(await client.SendAsync(RpcMethods.SessionHello, new HelloRequest("readerkit/2.0", new ClientInfo("x", "1"))));
        Assert.Equal("UnsupportedProtocol", error!.Name);
        Assert.Equal(["readerkit/1.0"], Assert.IsType<List<string>>(error.Data!["supported"]));
        await client.HelloAsync();
    }

    [Fact]
    public async Task A_second_hello_is_an_invalid_request()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        var (error, _) = await client.ResponseAsync(await client.SendAsync(RpcMethods.SessionHello, new HelloRequest("readerkit/1.0", new ClientInfo("x", "1"))));
        Assert.Equal("InvalidRequest", error!.Name);
    }

    [Fact]
    public async Task Tls_with_the_right_token_is_served()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectTlsAsync(server.TlsEndPoint);
        await client.HelloAsync(server.Token);
        var info = await client.CallAsync<Empty, DeviceInfo>(RpcMethods.DeviceGetInfo, Empty.Instance);
        Assert.Equal(server.Identity.Fingerprint, info.CertificateFingerprint);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("rk1.not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("garbage")]
    public async Task Tls_without_a_valid_token_is_refused_with_Unauthorized_and_closed(string? token)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectTlsAsync(server.TlsEndPoint);
        var (error, _) = await client.ResponseAsync(await client.SendAsync(RpcMethods.SessionHello, new HelloRequest("readerkit/1.0", new ClientInfo("x", "1"), token)));
        Assert.Equal((int)ErrorCode.Unauthorized, error!.Code);
        Assert.True(await client.IsClosedByServerAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_unix_socket_can_require_a_token_too()
    {
        await using var server = await TestServer.StartAsync(o => o.RequireTokenOnUnixSocket = true);
        await using (var anonymous = await RawRpcClient.ConnectUnixAsync(server.SocketPath))
        {
            var (error, _) = await anonymous.ResponseAsync(await anonymous.SendAsync(RpcMethods.SessionHello, new HelloRequest("readerkit/1.0", new ClientInfo("x", "1"))));
            Assert.Equal("Unauthorized", error!.Name);
        }

        await using var paired = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await paired.HelloAsync(server.Token);
    }

    [Fact]
    public async Task An_unknown_method_is_MethodNotFound_and_the_connection_stays_open()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        var (error, _) = await client.ResponseAsync(await client.SendAsync("card.format", Empty.Instance));
        Assert.Equal((int)ErrorCode.MethodNotFound, error!.Code);
        Assert.Equal("MethodNotFound", error.Name);
        await client.CallAsync<Empty, PingResult>(RpcMethods.SessionPing, Empty.Instance);
    }

    [Fact]
    public async Task Mistyped_params_are_InvalidParams_naming_the_key_not_the_value()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();

        // tap.start with a 5-digit security code: refused, and the digits are not echoed.
        var bytes = Hex.Decode("94 00 07 a9 7461702e7374617274 91 81 a7 6e756d62657242 83 a9 626972746844617465 aa 313938302d30322d3137 aa 657870697279596561 72 cd07ef ac 7365637572697479436f6465 a5 3938373635");
        await client.SendRawAsync(bytes);
        var (error, _) = await client.ResponseAsync(7);
        Assert.Equal("InvalidParams", error!.Name);
        Assert.DoesNotContain("98765", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Service.TapsStarted);
    }

    [Fact]
    public async Task An_unexpected_service_failure_is_InternalError_with_nothing_of_the_exception_on_the_wire()
    {
        await using var server = await TestServer.StartAsync();
        server.Service.ThrowOnJournal = true;
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        var (error, _) = await client.ResponseAsync(await client.SendAsync(RpcMethods.JournalQuery, new JournalQuery()));
        Assert.Equal("InternalError", error!.Name);
        Assert.DoesNotContain("InvalidOperationException", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_answers_with_the_server_clock()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ping = await client.CallAsync<Empty, PingResult>(RpcMethods.SessionPing, Empty.Instance);
        Assert.InRange(ping.TsMs, before - 5000, before + 60_000);
    }
}
