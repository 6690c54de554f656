using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using ReaderKit.Contracts;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;
using ReaderKit.Rpc.Tests.Fakes;

namespace ReaderKit.Rpc.Tests;

/// <summary>Transport rules of PROTOCOL.md sections 1 and 10: socket permissions, TLS 1.3 only, a reader that never waits on a client.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task The_unix_socket_gets_the_configured_mode_0660_by_default()
    {
        await using var server = await TestServer.StartAsync();
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
            File.GetUnixFileMode(server.SocketPath));
    }

    [Fact]
    public async Task The_unix_socket_mode_follows_the_options()
    {
        await using var server = await TestServer.StartAsync(o => o.UnixSocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(server.SocketPath));
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        Assert.Equal("readerkit/1.0", (await client.HelloAsync()).Protocol);
    }

    [Fact]
    public async Task A_tls_1_2_client_is_refused_at_the_handshake_and_tls_1_3_clients_are_still_served()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.TlsEndPoint);
        await using var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var handshake = ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "readerkit-device",
#pragma warning disable SYSLIB0039, CA5398 // TLS 1.2 on purpose: the server must refuse it.
            EnabledSslProtocols = SslProtocols.Tls12,
#pragma warning restore SYSLIB0039, CA5398
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        }, cts.Token);
        await Assert.ThrowsAnyAsync<Exception>(() => handshake);

        await using var ok = await RawRpcClient.ConnectTlsAsync(server.TlsEndPoint);
        Assert.Equal("readerkit/1.0", (await ok.HelloAsync(server.Token)).Protocol);
    }

    /// <summary>
    /// PROTOCOL.md 10: with more than <c>maxInFlight</c> requests outstanding the server stops reading that connection,
    /// so a ping sent behind three long-polls (limit 2) is answered only after one of them ends; with room in flight
    /// (limit 8) it is answered at once. (A request that completes at once never takes a slot.)
    /// </summary>
    [Theory]
    [InlineData(2, true)]
    [InlineData(8, false)]
    public async Task Requests_beyond_max_in_flight_wait_in_the_socket_until_one_completes(int maxInFlight, bool pingWaits)
    {
        await using var server = await TestServer.StartAsync(o => o.MaxInFlight = maxInFlight);
        var held = server.Service.HoldAt(TapSteps.CredentialChecked);
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        using var numberB = NumberBInput.FromParts(new DateOnly(1980, 2, 17), 2031, "1234");
        var started = await client.CallAsync<TapStartRequest, TapStarted>(RpcMethods.TapStart, new TapStartRequest(numberB, new TapOptions()));
        await held.WaitAsync(TimeSpan.FromSeconds(20));

        var polls = new[]
        {
            await client.SendAsync(RpcMethods.TapGetResult, new TapResultRequest(started.TapId, 1500)),
            await client.SendAsync(RpcMethods.TapGetResult, new TapResultRequest(started.TapId, 1500)),
            await client.SendAsync(RpcMethods.TapGetResult, new TapResultRequest(started.TapId, 1500)),
        };
        var ping = await client.SendAsync(RpcMethods.SessionPing, Empty.Instance);
        var order = new List<uint>();
        while (order.Count < 4)
        {
            var next = await client.ReadAsync(TimeSpan.FromSeconds(30)) ?? throw new IOException("closed");
            if (next.Envelope.Kind == RpcMessageKind.Response)
            {
                order.Add(next.Envelope.Id);
            }
        }

        server.Service.Release();
        Assert.True(pingWaits ? order.IndexOf(ping) > 0 : order[0] == ping, $"responses in the order {string.Join(", ", order)} (ping {ping})");
        Assert.Equal(polls.Order(), order.Where(id => id != ping).Order());
    }

    /// <summary>
    /// Every timeout that would close the slow client is switched off, so only the bounded per-connection queue stands
    /// between the reader and a client that never reads: each Emit (the reader loop's call) must still return at once,
    /// the other subscriber keeps getting events, and the slow client later sees the drops as a jump in seq.
    /// </summary>
    [Fact]
    public async Task A_client_that_never_reads_never_stalls_the_reader_even_with_every_timeout_off()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.NotificationQueueLength = 4;
            o.SlowClientTimeout = TimeSpan.FromHours(1);
            o.WriteTimeout = TimeSpan.FromHours(1);
        });
        await using var slow = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await slow.HelloAsync(name: "slow");
        await slow.CallAsync<SubscribeRequest, SubscribeResult>(RpcMethods.EventsSubscribe, new SubscribeRequest(["tap.result"]));
        await using var watcher = await RawRpcClient.ConnectTlsAsync(server.TlsEndPoint);
        await watcher.HelloAsync(server.Token, "watcher");
        await watcher.CallAsync<SubscribeRequest, SubscribeResult>(RpcMethods.EventsSubscribe, new SubscribeRequest(["tap.result"]));

        // ~40 KB per result: a few of them fill the slow client's socket buffers, then its queue of 4.
        var big = new TapResult("tap-x", VerdictKind.Accepted) { Checks = Enumerable.Range(0, 400).Select(i => new CheckLine("c" + i, CheckLineStatus.Pass, new string('x', 100))).ToList() };
        const int Flood = 300;
        var slowest = TimeSpan.Zero;
        var emitter = Task.Run(() =>
        {
            for (var i = 0; i < Flood; i++)
            {
                var watch = Stopwatch.StartNew();
                server.Service.Emit(new TapResultEvent("tap-" + i, big with { TapId = "tap-" + i }));
                if (watch.Elapsed > slowest)
                {
                    slowest = watch.Elapsed;
                }
            }
        });
        // A blocking Emit would hang here for ever (no timeout closes the slow client): fail instead.
        await emitter.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"one Emit took {slowest.TotalMilliseconds:F0} ms");
        Assert.Equal(2, server.Server.ConnectionCount); // nothing closed the slow client: the reader simply did not wait

        // The watcher drains what it got, then receives a final event emitted after the flood.
        var watcherSaw = new List<string>();
        var drain = Task.Run(async () =>
        {
            while (true)
            {
                var next = await watcher.ReadAsync(TimeSpan.FromSeconds(30)) ?? throw new IOException("watcher closed");
                var tapId = ((TapResultEvent)RpcCodec.ReadEvent(next.Envelope.Method!, next.Body)!).TapId;
                watcherSaw.Add(tapId);
                if (tapId == "tap-final")
                {
                    return;
                }
            }
        });
        await Task.Delay(500);
        server.Service.Emit(new TapResultEvent("tap-final", new TapResult("tap-final", VerdictKind.Accepted)));
        await drain.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("tap-final", watcherSaw[^1]);

        // The slow client starts reading: what it gets ends with a seq that counts every notification meant for it.
        var seqs = new List<long>();
        while (true)
        {
            var next = await slow.ReadAsync(TimeSpan.FromSeconds(30)) ?? throw new IOException("slow client closed");
            var e = RpcCodec.ReadEvent(next.Envelope.Method!, next.Body)!;
            seqs.Add(e.Seq);
            if (e is TapResultEvent { TapId: "tap-final" })
            {
                break;
            }
        }

        Assert.Equal(Flood + 1, seqs[^1]);
        Assert.True(seqs.Count < Flood + 1, "nothing was dropped: the test did not fill the slow client's queue");
        Assert.Contains(seqs.Zip(seqs.Skip(1)), p => p.Second - p.First > 1);
    }
}
