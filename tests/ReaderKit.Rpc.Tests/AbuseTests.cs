using System.Net.Sockets;
using ReaderKit.Contracts;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;
using ReaderKit.Rpc.Tests.Fakes;

namespace ReaderKit.Rpc.Tests;

/// <summary>Each abuse closes or refuses the offending connection while a bystander connection keeps being served.</summary>
public sealed class AbuseTests
{
    private static async Task AssertBystanderServedAsync(RawRpcClient bystander)
    {
        var status = await bystander.CallAsync<Empty, ReaderStatus>(RpcMethods.ReaderGetStatus, Empty.Instance);
        Assert.True(status.ReaderOk);
    }

    private static async Task<RawRpcClient> BystanderAsync(TestServer server)
    {
        var bystander = await RawRpcClient.ConnectTlsAsync(server.TlsEndPoint);
        await bystander.HelloAsync(server.Token, "bystander");
        return bystander;
    }

    [Fact]
    public async Task An_oversized_frame_closes_that_connection_only()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystander = await BystanderAsync(server);
        await using var attacker = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await attacker.HelloAsync();

        // A request whose method is a str32 claiming 1 GiB, then filler: refused from the header, before buffering it.
        byte[] header = [0x94, 0x00, 0x01, 0xdb, 0x40, 0x00, 0x00, 0x00];
        await attacker.SendRawAsync(header);
        try
        {
            for (var i = 0; i < 16; i++)
            {
                await attacker.SendRawAsync(new byte[8192]);
            }
        }
        catch (IOException)
        {
            // The server may already have closed it.
        }

        Assert.True(await attacker.IsClosedByServerAsync(TimeSpan.FromSeconds(10)));
        await AssertBystanderServedAsync(bystander);
    }

    [Fact]
    public async Task A_complete_message_over_the_limit_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxMessageBytes = 4096);
        await using var bystander = await BystanderAsync(server);
        await using var attacker = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await attacker.HelloAsync();
        var topics = Enumerable.Range(0, 600).Select(_ => "card.present").ToList();
        await attacker.SendAsync(RpcMethods.EventsSubscribe, new SubscribeRequest(topics));
        Assert.True(await attacker.IsClosedByServerAsync(TimeSpan.FromSeconds(10)));
        await AssertBystanderServedAsync(bystander);
    }

    [Fact]
    public async Task A_truncated_frame_ends_that_connection_and_nothing_else()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystander = await BystanderAsync(server);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(server.SocketPath));
        await socket.SendAsync(Hex.Decode("94 00 01 ac 73657373696f6e2e68656c"));
        socket.Shutdown(SocketShutdown.Send);
        var buffer = new byte[64];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token));
        socket.Dispose();
        await AssertBystanderServedAsync(bystander);
    }

    [Fact]
    public async Task Deep_nesting_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystander = await BystanderAsync(server);
        await using var attacker = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await attacker.HelloAsync();
        var nested = new byte[4 + 100_000];
        Hex.Decode("94 00 02 a4 78787878").CopyTo(nested, 0);
        Array.Fill(nested, (byte)0x91, 8, nested.Length - 8);
        await attacker.SendRawAsync(nested.AsSpan(0, nested.Length - 4).ToArray());
        Assert.True(await attacker.IsClosedByServerAsync(TimeSpan.FromSeconds(10)));
        await AssertBystanderServedAsync(bystander);
    }

    [Fact]
    public async Task A_message_that_is_not_an_rpc_envelope_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync();
        await using var attacker = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await attacker.SendRawAsync(Hex.Decode("81 a1 61 01"));
        Assert.True(await attacker.IsClosedByServerAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_never_used_format_byte_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync();
        await using var attacker = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await attacker.SendRawAsync([0x94, 0x00, 0x01, 0xc1]);
        Assert.True(await attacker.IsClosedByServerAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Silence_after_connect_is_closed_at_the_hello_deadline()
    {
        await using var server = await TestServer.StartAsync(o => o.HelloTimeout = TimeSpan.FromMilliseconds(300));
        await using var idle = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        Assert.True(await idle.IsClosedByServerAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_closed_on_accept()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxConnections = 2);
        await using var a = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await a.HelloAsync(name: "a");
        await using var b = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await b.HelloAsync(name: "b");
        await using var c = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        Assert.True(await c.IsClosedByServerAsync(TimeSpan.FromSeconds(10)));
        await a.CallAsync<Empty, PingResult>(RpcMethods.SessionPing, Empty.Instance);
    }

    [Fact]
    public async Task A_request_flood_is_answered_with_RateLimited_while_others_are_served()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.RequestsPerSecond = 50;
            o.RequestBurst = 20;
            o.RateLimitCloseThreshold = 100_000;
        });
        await using var bystander = await BystanderAsync(server);
        await using var flooder = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await flooder.HelloAsync();
        const int Requests = 400;
        var send = Task.Run(async () =>
        {
            for (var i = 0; i < Requests; i++)
            {
                await flooder.SendAsync(RpcMethods.SessionPing, Empty.Instance);
            }
        });
        int ok = 0, limited = 0;
        for (var i = 0; i < Requests; i++)
        {
            var next = await flooder.ReadAsync() ?? throw new IOException("closed");
            if (next.Envelope.IsError)
            {
                Assert.Equal((int)ErrorCode.RateLimited, ProtocolSerializer.Deserialize<RpcError>(next.Body).Code);
                limited++;
            }
            else
            {
                ok++;
            }
        }

        await send;
        Assert.True(limited > Requests / 2, $"{limited} of {Requests} rate-limited");
        Assert.True(ok >= 19, $"{ok} served"); // the burst of 20, less the token hello took
        await AssertBystanderServedAsync(bystander);
    }

    [Fact]
    public async Task A_sustained_flood_past_the_threshold_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.RequestsPerSecond = 10;
            o.RequestBurst = 5;
            o.RateLimitCloseThreshold = 50;
        });
        await using var bystander = await BystanderAsync(server);
        await using var flooder = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await flooder.HelloAsync();
        var pipelined = new System.Buffers.ArrayBufferWriter<byte>();
        for (uint i = 1; i <= 2000; i++)
        {
            RpcCodec.WriteRequest(pipelined, i, RpcMethods.SessionPing, Empty.Instance);
        }

        try
        {
            await flooder.SendRawAsync(pipelined.WrittenSpan.ToArray());
        }
        catch (IOException)
        {
        }

        Assert.True(await flooder.IsClosedByServerAsync(TimeSpan.FromSeconds(15)));
        await AssertBystanderServedAsync(bystander);
    }

    [Fact]
    public async Task A_client_that_never_reads_its_notifications_is_closed_and_never_stalls_the_reader()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.NotificationQueueLength = 4;
            o.SlowClientTimeout = TimeSpan.FromMilliseconds(200);
        });
        await using var bystander = await BystanderAsync(server);
        await using var slow = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await slow.HelloAsync(name: "slow");
        await slow.CallAsync<SubscribeRequest, SubscribeResult>(RpcMethods.EventsSubscribe, new SubscribeRequest(["*"]));

        // Big results fill the socket buffers; the reader keeps emitting and each Emit returns at once.
        var big = new TapResult("tap-x", VerdictKind.Accepted) { Checks = Enumerable.Range(0, 400).Select(i => new CheckLine("c" + i, CheckLineStatus.Pass, new string('x', 100))).ToList() };
        var emitter = Task.Run(async () =>
        {
            for (var i = 0; i < 400 && server.Server.ConnectionCount > 1; i++)
            {
                server.Service.Emit(new TapResultEvent("tap-x", big));
                await Task.Delay(5);
            }
        });
        await emitter.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(await WaitUntilAsync(() => server.Server.ConnectionCount == 1, TimeSpan.FromSeconds(20)), "the slow client was not closed");
        await AssertBystanderServedAsync(bystander);
    }

    [Fact]
    public async Task A_write_stuck_past_the_write_timeout_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.WriteTimeout = TimeSpan.FromMilliseconds(300);
            o.SlowClientTimeout = TimeSpan.FromHours(1);
            o.NotificationQueueLength = 65536;
        });
        await using var bystander = await BystanderAsync(server);
        await using var stuck = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await stuck.HelloAsync(name: "stuck");
        await stuck.CallAsync<SubscribeRequest, SubscribeResult>(RpcMethods.EventsSubscribe, new SubscribeRequest(["tap.result"]));
        var big = new TapResult("tap-x", VerdictKind.Accepted) { Checks = Enumerable.Range(0, 400).Select(i => new CheckLine("c" + i, CheckLineStatus.Pass, new string('x', 100))).ToList() };
        for (var i = 0; i < 400 && server.Server.ConnectionCount > 1; i++)
        {
            server.Service.Emit(new TapResultEvent("tap-x", big));
            await Task.Delay(5);
        }

        Assert.True(await WaitUntilAsync(() => server.Server.ConnectionCount == 1, TimeSpan.FromSeconds(20)), "the stuck writer was not closed");
        await AssertBystanderServedAsync(bystander);
    }

    [Fact]
    public async Task A_tcp_connection_that_never_starts_tls_is_closed_at_the_hello_deadline()
    {
        await using var server = await TestServer.StartAsync(o => o.HelloTimeout = TimeSpan.FromMilliseconds(300));
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.TlsEndPoint);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var read = await socket.ReceiveAsync(new byte[16], SocketFlags.None, cts.Token);
        Assert.Equal(0, read);
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return condition();
    }
}
