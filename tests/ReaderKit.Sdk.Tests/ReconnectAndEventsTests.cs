using System.Buffers;
using System.Net.Sockets;
using ReaderKit.Contracts;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Framing;
using ReaderKit.Protocol.Messages;
using ReaderKit.Rpc.Tests.Fakes;

namespace ReaderKit.Sdk.Tests;

public sealed class ReconnectAndEventsTests
{
    [Fact]
    public async Task A_connection_lost_during_a_tap_reconnects_re_subscribes_keeps_the_lease_and_still_gets_the_result()
    {
        await using var server = await TestServer.StartAsync();
        var held = server.Service.HoldAt(TapSteps.ChipChallenge);
        await using var client = await ReaderKitClient.ConnectAsync(ClientTests.Unix(server));
        var lease = await client.AcquireLeaseAsync(TimeSpan.FromSeconds(60));
        await client.SubscribeAsync(["tap.*"]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = new List<ReaderEvent>();
        var reconnected = new TaskCompletionSource();
        var collector = Task.Run(async () =>
        {
            await foreach (var e in client.ReadEventsAsync(cts.Token))
            {
                lock (events)
                {
                    events.Add(e);
                }

                if (e is EventGapEvent { Reason: GapReason.Reconnected })
                {
                    reconnected.TrySetResult();
                }

                if (e is TapResultEvent)
                {
                    return;
                }
            }
        });
        using var numberB = ClientTests.GoodNumberB();
        var started = await client.StartTapAsync(numberB, new TapOptions { Fields = [PersonalField.Name] }, null, cts.Token);
        await held.WaitAsync(cts.Token);

        server.Server.DropConnections();
        await reconnected.Task.WaitAsync(cts.Token);
        Assert.Equal(lease.LeaseId, client.LeaseId);
        Assert.Equal("kiosk", (await client.GetStatusAsync(cts.Token)).LeaseHolder);

        var waiting = client.WaitForTapResultAsync(started.TapId, cts.Token);
        server.Service.Release();
        var result = await waiting;
        Assert.Equal(VerdictKind.Accepted, result.Verdict);
        Assert.Equal("山田 太郎", result.Fields!.Name);
        await collector.WaitAsync(cts.Token);
        lock (events)
        {
            // The progress after the reconnect arrives on the new connection (seq restarts at 1), then the result.
            Assert.Contains(events, e => e is TapResultEvent);
            Assert.Single(events.OfType<EventGapEvent>());
        }
    }

    [Fact]
    public async Task Calls_in_flight_when_the_connection_drops_fail_with_a_connection_exception()
    {
        await using var server = await TestServer.StartAsync();
        var held = server.Service.HoldAt(TapSteps.CardPresent);
        await using var client = await ReaderKitClient.ConnectAsync(ClientTests.Unix(server));
        using var numberB = ClientTests.GoodNumberB();
        var started = await client.StartTapAsync(numberB);
        await held.WaitAsync(TimeSpan.FromSeconds(20));
        var poll = client.GetTapResultAsync(started.TapId, TimeSpan.FromSeconds(20));
        await Task.Delay(100);
        server.Server.DropConnections();
        await Assert.ThrowsAsync<ReaderKitConnectionException>(() => poll);
        server.Service.Release();
        Assert.Equal(VerdictKind.Accepted, (await client.WaitForTapResultAsync(started.TapId)).Verdict);
    }

    [Fact]
    public async Task Two_clients_watch_every_event_while_a_third_holds_the_lease_and_taps()
    {
        await using var server = await TestServer.StartAsync();
        await using var kiosk = await ReaderKitClient.ConnectAsync(ClientTests.Unix(server, "kiosk"));
        await using var watcherA = await ReaderKitClient.ConnectAsync(ClientTests.Unix(server, "dashboard"));
        await using var watcherB = await ReaderKitClient.ConnectAsync(ClientTests.Tls(server, server.Token));
        await kiosk.AcquireLeaseAsync(TimeSpan.FromSeconds(60));
        await watcherA.SubscribeAsync(["*"]);
        await watcherB.SubscribeAsync(["*"]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var a = Collect(watcherA, cts.Token);
        var b = Collect(watcherB, cts.Token);

        server.Service.SetCardPresent(true);
        using (var numberB = ClientTests.GoodNumberB())
        {
            var refused = await Assert.ThrowsAsync<ReaderKitSessionException>(() => watcherA.StartTapAsync(numberB));
            Assert.Equal(ErrorCode.LeaseHeld, refused.Code);
        }

        using var kioskNumberB = ClientTests.GoodNumberB();
        var result = await kiosk.TapAsync(kioskNumberB, new TapOptions { Fields = [PersonalField.Name] }, cts.Token);
        Assert.Equal("山田 太郎", result.Fields!.Name);
        server.Service.SetCardPresent(false);

        foreach (var seen in new[] { await a, await b })
        {
            Assert.IsType<CardPresentEvent>(seen[0]);
            Assert.IsType<CardRemovedEvent>(seen[^1]);
            var tapResult = Assert.Single(seen.OfType<TapResultEvent>());
            Assert.Equal(VerdictKind.Accepted, tapResult.Result.Verdict);
            Assert.Null(tapResult.Result.Fields);
            Assert.Equal(5, seen.OfType<TapProgressEvent>().Count());
            Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i), seen.Select(e => e.Seq));
        }

        static async Task<List<ReaderEvent>> Collect(ReaderKitClient client, CancellationToken token)
        {
            var list = new List<ReaderEvent>();
            await foreach (var e in client.ReadEventsAsync(token))
            {
                list.Add(e);
                if (e is CardRemovedEvent)
                {
                    return list;
                }
            }

            return list;
        }
    }

    [Fact]
    public async Task A_jump_in_seq_is_surfaced_as_a_gap_before_the_event()
    {
        var path = Path.Combine(Path.GetTempPath(), "rk-gap-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var serve = Task.Run(async () =>
        {
            using var socket = await listener.AcceptAsync();
            await using var stream = new NetworkStream(socket);
            using var reader = new MessageStreamReader(stream);
            var output = new ArrayBufferWriter<byte>();
            for (var i = 0; i < 2; i++)
            {
                var message = await reader.ReadAsync(CancellationToken.None);
                var envelope = RpcCodec.Parse(message!.Value);
                if (envelope.Method == RpcMethods.SessionHello)
                {
                    RpcCodec.WriteResponse(output, envelope.Id, new HelloResult("readerkit/1.0", "scripted", [], new ServerLimits(65536, 32, 8, 256, 0, 5000), "1"));
                }
                else
                {
                    RpcCodec.WriteResponse(output, envelope.Id, new SubscribeResult(["card.*"], 0));
                }

                await stream.WriteAsync(output.WrittenMemory);
                output.Clear();
            }

            foreach (var seq in new long[] { 1, 2, 5 })
            {
                RpcCodec.WriteEvent(output, new CardPresentEvent("nfc0") { Seq = seq, TsMs = 1 });
            }

            await stream.WriteAsync(output.WrittenMemory);
            await Task.Delay(2000);
        });

        await using var client = await ReaderKitClient.ConnectAsync(new ReaderKitClientOptions { Endpoint = ReaderKitEndpoint.Unix(path), AutoReconnect = false });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<ReaderEvent>();
        var reading = Task.Run(async () =>
        {
            await foreach (var e in client.ReadEventsAsync(cts.Token))
            {
                seen.Add(e);
                if (seen.Count == 4)
                {
                    return;
                }
            }
        });
        await Task.Delay(50);
        await client.SubscribeAsync(["card.*"], cts.Token);
        await reading.WaitAsync(cts.Token);
        Assert.Equal([1L, 2L], seen.Take(2).Select(e => e.Seq));
        var gap = Assert.IsType<EventGapEvent>(seen[2]);
        Assert.Equal((GapReason.SequenceJump, 3L, 5L), (gap.Reason, gap.ExpectedSeq, gap.ReceivedSeq));
        Assert.Equal(5, seen[3].Seq);
        File.Delete(path);
        await serve;
    }
}
