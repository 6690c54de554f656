using ReaderKit.Contracts;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;
using ReaderKit.Rpc.Tests.Fakes;

namespace ReaderKit.Rpc.Tests;

public sealed class TapAndEventTests
{
    private static NumberBInput GoodNumberB() => NumberBInput.FromParts(new DateOnly(1980, 2, 17), 2031, "1234");

    [Fact]
    public async Task Notifications_carry_per_connection_sequence_numbers_and_timestamps()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        var sub = await client.CallAsync<SubscribeRequest, SubscribeResult>(RpcMethods.EventsSubscribe, new SubscribeRequest(["card.*", "reader.mode"]));
        Assert.Equal(0, sub.Seq);
        Assert.Equal(["card.*", "reader.mode"], sub.Topics);
        server.Service.SetCardPresent(true);
        server.Service.Emit(new TapProgressEvent("t", TapSteps.CardPresent)); // not subscribed: not sent, no seq spent
        server.Service.SetMode(ReaderModes.Offline);
        server.Service.SetCardPresent(false);
        var events = new List<ReaderEvent>();
        while (events.Count < 3)
        {
            var next = await client.ReadAsync() ?? throw new IOException("closed");
            events.Add(RpcCodec.ReadEvent(next.Envelope.Method!, next.Body)!);
        }

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Seq));
        Assert.IsType<CardPresentEvent>(events[0]);
        Assert.Equal(ReaderModes.Offline, Assert.IsType<ReaderModeEvent>(events[1]).Mode);
        Assert.IsType<CardRemovedEvent>(events[2]);
        Assert.All(events, e => Assert.True(e.TsMs > 0));
    }

    [Fact]
    public async Task An_unknown_topic_is_InvalidParams()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        var (error, _) = await client.ResponseAsync(await client.SendAsync(RpcMethods.EventsSubscribe, new SubscribeRequest(["card.inserted"])));
        Assert.Equal("InvalidParams", error!.Name);
    }

    [Fact]
    public async Task The_server_zeroes_numberB_once_the_service_has_taken_the_tap()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        using var numberB = GoodNumberB();
        var started = await client.CallAsync<TapStartRequest, TapStarted>(RpcMethods.TapStart, new TapStartRequest(numberB, new TapOptions()));
        Assert.StartsWith("tap-", started.TapId, StringComparison.Ordinal);
        var seen = Assert.Single(server.Service.SeenNumberB);
        Assert.True(seen.IsDisposed);
    }

    [Fact]
    public async Task Personal_fields_reach_only_the_starter_and_only_those_it_asked_for()
    {
        await using var server = await TestServer.StartAsync();
        await using var starter = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await starter.HelloAsync(name: "kiosk");
        await using var watcher = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await watcher.HelloAsync(name: "watcher");
        await starter.CallAsync<SubscribeRequest, SubscribeResult>(RpcMethods.EventsSubscribe, new SubscribeRequest(["tap.result"]));
        await watcher.CallAsync<SubscribeRequest, SubscribeResult>(RpcMethods.EventsSubscribe, new SubscribeRequest(["tap.result"]));
        using var numberB = GoodNumberB();
        var started = await starter.CallAsync<TapStartRequest, TapStarted>(RpcMethods.TapStart, new TapStartRequest(numberB, new TapOptions { Fields = [PersonalField.Name, PersonalField.Photo] }));

        var mine = await NextResultAsync(starter);
        Assert.Equal(VerdictKind.Accepted, mine.Verdict);
        Assert.Equal("山田 太郎", mine.Fields!.Name);
        Assert.Equal(FakeReaderService.ChipPhoto, mine.Fields.Photo);
        Assert.Null(mine.Fields.Address);
        Assert.Null(mine.Fields.BirthDate);

        var theirs = await NextResultAsync(watcher);
        Assert.Equal(VerdictKind.Accepted, theirs.Verdict);
        Assert.Null(theirs.Fields);

        var polled = await watcher.CallAsync<TapResultRequest, TapResultReply>(RpcMethods.TapGetResult, new TapResultRequest(started.TapId));
        Assert.Equal(TapStates.Done, polled.State);
        Assert.Null(polled.Result!.Fields);
        var own = await starter.CallAsync<TapResultRequest, TapResultReply>(RpcMethods.TapGetResult, new TapResultRequest(started.TapId));
        Assert.Equal("山田 太郎", own.Result!.Fields!.Name);
    }

    [Fact]
    public async Task An_unknown_field_name_is_refused_before_the_tap_starts()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        using var numberB = GoodNumberB();
        var (error, _) = await client.ResponseAsync(await client.SendAsync(RpcMethods.TapStart, new TapStartRequest(numberB, new TapOptions { Fields = ["myNumber"] })));
        Assert.Equal("InvalidParams", error!.Name);
        Assert.Equal(0, server.Service.TapsStarted);
    }

    [Fact]
    public async Task The_lease_keeps_other_callers_from_starting_a_tap_until_released()
    {
        await using var server = await TestServer.StartAsync();
        await using var holder = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await holder.HelloAsync(name: "reception");
        await using var other = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await other.HelloAsync(name: "pharmacy-pc");
        var grant = await holder.CallAsync<LeaseRequest, LeaseGrant>(RpcMethods.ReaderAcquireLease, new LeaseRequest(30_000));
        Assert.Equal("reception", grant.Holder);

        using (var numberB = GoodNumberB())
        {
            var (error, _) = await other.ResponseAsync(await other.SendAsync(RpcMethods.TapStart, new TapStartRequest(numberB, new TapOptions())));
            Assert.Equal((int)ErrorCode.LeaseHeld, error!.Code);
            Assert.Equal("reception", error.Data!["holder"]);
        }

        var (held, _) = await other.ResponseAsync(await other.SendAsync(RpcMethods.ReaderAcquireLease, new LeaseRequest()));
        Assert.Equal("LeaseHeld", held!.Name);
        var status = await other.CallAsync<Empty, ReaderStatus>(RpcMethods.ReaderGetStatus, Empty.Instance);
        Assert.Equal("reception", status.LeaseHolder);

        var released = await holder.CallAsync<LeaseReleaseRequest, Done>(RpcMethods.ReaderReleaseLease, new LeaseReleaseRequest(grant.LeaseId));
        Assert.True(released.Value);
        using var again = GoodNumberB();
        await other.CallAsync<TapStartRequest, TapStarted>(RpcMethods.TapStart, new TapStartRequest(again, new TapOptions()));
    }

    [Fact]
    public async Task Only_the_starter_may_cancel_a_tap_and_a_cancelled_tap_ends_Cancelled()
    {
        await using var server = await TestServer.StartAsync();
        var held = server.Service.HoldAt(TapSteps.CardFaceRead);
        await using var starter = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await starter.HelloAsync(name: "kiosk");
        await using var other = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await other.HelloAsync(name: "other");
        using var numberB = GoodNumberB();
        var started = await starter.CallAsync<TapStartRequest, TapStarted>(RpcMethods.TapStart, new TapStartRequest(numberB, new TapOptions()));
        await held.WaitAsync(TimeSpan.FromSeconds(20));

        var (refused, _) = await other.ResponseAsync(await other.SendAsync(RpcMethods.TapCancel, new TapRef(started.TapId)));
        Assert.Equal("Unauthorized", refused!.Name);
        var cancelled = await starter.CallAsync<TapRef, Done>(RpcMethods.TapCancel, new TapRef(started.TapId));
        Assert.True(cancelled.Value);
        var reply = await starter.CallAsync<TapResultRequest, TapResultReply>(RpcMethods.TapGetResult, new TapResultRequest(started.TapId, 20_000));
        Assert.Equal(VerdictKind.Cancelled, reply.Result!.Verdict);
        Assert.Equal("Cancelled", reply.Result.Error!.Name);
    }

    [Fact]
    public async Task A_second_tap_while_one_runs_is_ReaderBusy()
    {
        await using var server = await TestServer.StartAsync();
        var held = server.Service.HoldAt(TapSteps.CredentialChecked);
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        using var first = GoodNumberB();
        await client.CallAsync<TapStartRequest, TapStarted>(RpcMethods.TapStart, new TapStartRequest(first, new TapOptions()));
        await held.WaitAsync(TimeSpan.FromSeconds(20));
        using var second = GoodNumberB();
        var (error, _) = await client.ResponseAsync(await client.SendAsync(RpcMethods.TapStart, new TapStartRequest(second, new TapOptions())));
        Assert.Equal("ReaderBusy", error!.Name);
        Assert.True(second.IsDisposed == false);
        server.Service.Release();
    }

    [Fact]
    public async Task A_long_poll_can_be_cancelled_with_the_cancel_notification()
    {
        await using var server = await TestServer.StartAsync();
        var held = server.Service.HoldAt(TapSteps.CredentialChecked);
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        using var numberB = GoodNumberB();
        var started = await client.CallAsync<TapStartRequest, TapStarted>(RpcMethods.TapStart, new TapStartRequest(numberB, new TapOptions()));
        await held.WaitAsync(TimeSpan.FromSeconds(20));
        var poll = await client.SendAsync(RpcMethods.TapGetResult, new TapResultRequest(started.TapId, 30_000));
        var cancel = new System.Buffers.ArrayBufferWriter<byte>();
        RpcCodec.WriteNotification(cancel, RpcMethods.CancelRequest, new CancelRequestParams(poll));
        await client.SendRawAsync(cancel.WrittenSpan.ToArray());
        var (error, _) = await client.ResponseAsync(poll);
        Assert.Equal((int)ErrorCode.Cancelled, error!.Code);
        server.Service.Release();
    }

    [Fact]
    public async Task Journal_query_export_and_reconciliation_go_through_to_the_service()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawRpcClient.ConnectUnixAsync(server.SocketPath);
        await client.HelloAsync();
        for (var i = 0; i < 3; i++)
        {
            using var numberB = GoodNumberB();
            var started = await client.CallAsync<TapStartRequest, TapStarted>(RpcMethods.TapStart, new TapStartRequest(numberB, new TapOptions()));
            await client.CallAsync<TapResultRequest, TapResultReply>(RpcMethods.TapGetResult, new TapResultRequest(started.TapId, 20_000));
        }

        var page = await client.CallAsync<JournalQuery, JournalPage>(RpcMethods.JournalQuery, new JournalQuery { Limit = 2 });
        Assert.Equal(2, page.Records.Count);
        Assert.NotNull(page.NextCursor);
        var export = await client.CallAsync<JournalExportRequest, JournalExportChunk>(RpcMethods.JournalExport, new JournalExportRequest("csv"));
        Assert.StartsWith("id,tsMs,verdict", System.Text.Encoding.UTF8.GetString(export.Data), StringComparison.Ordinal);
        var marked = await client.CallAsync<MarkReconciledRequest, MarkReconciledResult>(RpcMethods.JournalMarkReconciled, new MarkReconciledRequest(["j1", "j2", "nope"]));
        Assert.Equal(2, marked.Marked);
        var (bad, _) = await client.ResponseAsync(await client.SendAsync(RpcMethods.JournalQuery, new JournalQuery { Limit = 100_000 }));
        Assert.Equal("InvalidParams", bad!.Name);
    }

    private static async Task<TapResult> NextResultAsync(RawRpcClient client)
    {
        while (true)
        {
            var next = await client.ReadAsync() ?? throw new IOException("closed");
            if (next.Envelope.Method == RpcNotifications.TapResult)
            {
                return ((TapResultEvent)RpcCodec.ReadEvent(next.Envelope.Method, next.Body)!).Result;
            }
        }
    }
}
