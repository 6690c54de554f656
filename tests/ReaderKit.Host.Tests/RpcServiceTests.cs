using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ReaderKit.Card.Credentials;
using ReaderKit.Contracts;
using ReaderKit.Host.Messages;
using ReaderKit.Host.Reader;
using ReaderKit.Host.Rpc;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;
using ReaderKit.Rpc.Security;
using ReaderKit.Sdk;
using HostVerdict = ReaderKit.Host.Reader.TapVerdict;
using TapOptions = ReaderKit.Protocol.Messages.TapOptions;

namespace ReaderKit.Host.Tests;

/// <summary>The host serving the SDK: the real <see cref="ReaderKitClient"/> over the host's Unix socket, a fake field and a scripted runner behind the state machine.</summary>
public sealed class RpcServiceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static Func<TapRequest, IProgress<TapProgress>, CancellationToken, Task<HostVerdict>> AcceptAfterAllSteps(List<VerificationNumberB>? seen = null, List<int>? expiry = null) =>
        async (request, progress, _) =>
        {
            seen?.Add(request.NumberB);
            expiry?.Add(request.NumberB.ExpiryYear);
            await Verdicts.ReportAll(progress);
            return Verdicts.Accepted();
        };

    [Fact]
    public async Task An_accepted_tap_through_the_sdk_carries_its_journal_record_id_progress_and_face_prompts()
    {
        await using var rig = await RpcHostRig.StartAsync();
        rig.Runner.Script = AcceptAfterAllSteps();
        await using var client = await rig.ConnectAsync();
        var log = RpcHostRig.Collect(client);
        await client.SubscribeAsync(["*"]);
        rig.Field.Present = true;

        using var numberB = RpcHostRig.NumberB();
        var result = await client.TapAsync(numberB).WaitAsync(Wait);

        Assert.Equal(VerdictKind.Accepted, result.Verdict);
        Assert.Null(result.Error);
        Assert.Equal("matched", result.Face!.Decision);
        Assert.Equal(0.71, result.Face.Score);
        Assert.Equal("test CA 0101", result.Anchor);
        Assert.Null(result.Fields); // nothing asked for
        Assert.Equal(1200, result.TimingsMs["total"]);
        var latest = rig.Journal.Latest()!;
        Assert.Equal(latest.Id.ToString(), result.RecordId);

        var page = await client.QueryJournalAsync(new JournalQuery());
        var record = Assert.Single(page.Records);
        Assert.Equal(result.RecordId, record.Id);
        Assert.Equal(VerdictKind.Accepted, record.Verdict);
        Assert.NotNull(record.CardKey);

        await RpcHostRig.Until(() => log.Events.OfType<TapResultEvent>().Any(), "the tap.result notification");
        var events = log.Events;
        var steps = events.OfType<TapProgressEvent>().Where(e => e.TapId == result.TapId).Select(e => e.Step).ToList();
        Assert.Equal([TapSteps.CardPresent, TapSteps.CredentialChecked, TapSteps.CardFaceRead, TapSteps.SignaturesChecked, TapSteps.ChipChallenge, TapSteps.FaceCaptured, TapSteps.FaceMatched], steps);
        var prompt = Assert.Single(events.OfType<FacePromptEvent>());
        Assert.Equal((result.TapId, FacePromptKinds.LookAtCamera, 0), (prompt.TapId, prompt.Kind, prompt.Index));
        Assert.Contains(events, e => e is CardPresentEvent { Reader: "rpc-1" });
        var resultEvent = Assert.Single(events.OfType<TapResultEvent>());
        Assert.Equal(result.RecordId, resultEvent.Result.RecordId);
        var resultIndex = events.ToList().IndexOf(resultEvent);
        Assert.DoesNotContain(events.Skip(resultIndex + 1), e => e is TapProgressEvent or FacePromptEvent);
    }

    [Fact]
    public async Task Number_b_reaches_the_runner_intact_and_is_zeroed_after_the_tap_and_never_journaled()
    {
        await using var rig = await RpcHostRig.StartAsync();
        var seen = new List<VerificationNumberB>();
        var expiry = new List<int>();
        rig.Runner.Script = AcceptAfterAllSteps(seen, expiry);
        await using var client = await rig.ConnectAsync();
        rig.Field.Present = true;

        using (var numberB = NumberBInput.FromParts(new DateOnly(1980, 2, 17), 2031, "4821"))
        {
            Assert.Equal(VerdictKind.Accepted, (await client.TapAsync(numberB).WaitAsync(Wait)).Verdict);
        }

        Assert.Equal([2031], expiry);
        var held = Assert.Single(seen);
        Assert.Throws<ObjectDisposedException>(() => held.ExpiryYear);
        rig.Journal.Checkpoint();
        var bytes = await File.ReadAllBytesAsync(rig.Dir.File("j.db"));
        Assert.False(Fixtures.ContainsText(bytes, RpcHostRig.Digits));
    }

    [Fact]
    public async Task Back_to_back_taps_keep_going_across_the_reader_lease_expiry()
    {
        // The service leases the reader from the state machine, which extends the lease at every tap. A service that
        // re-acquired on its own stale expiry was refused its own reader (LeaseHeld) from one second before that expiry
        // until the extension ran out — every tap in that window failed (found by the 1 000-tap host benchmark).
        await using var rig = await RpcHostRig.StartAsync("--Reader:LeaseDuration=00:00:01.500");
        rig.Runner.Script = AcceptAfterAllSteps();
        await using var client = await rig.ConnectAsync();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(4);
        var taps = 0;
        while (DateTime.UtcNow < until || taps < 4)
        {
            rig.Field.Present = true;
            using var numberB = RpcHostRig.NumberB();
            var result = await client.TapAsync(numberB).WaitAsync(Wait);
            Assert.True(result.Verdict == VerdictKind.Accepted, $"tap {taps}: {result.Verdict} {result.Error}");
            taps++;
            rig.Field.Present = false;
            await RpcHostRig.Until(() => rig.Machine.State == ReaderState.Idle, "idle");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_second_client_can_neither_take_the_lease_nor_start_nor_cancel_the_holders_tap()
    {
        await using var rig = await RpcHostRig.StartAsync();
        rig.Runner.Script = AcceptAfterAllSteps();
        await using var holder = await rig.ConnectAsync("kiosk");
        await using var other = await rig.ConnectAsync("pharmacy");
        await holder.AcquireLeaseAsync(TimeSpan.FromMinutes(1));

        using (var nb = RpcHostRig.NumberB())
        {
            var refused = await Assert.ThrowsAsync<ReaderKitSessionException>(() => other.StartTapAsync(nb));
            Assert.Equal(ErrorCode.LeaseHeld, refused.Code);
        }

        var lease = await Assert.ThrowsAsync<ReaderKitSessionException>(() => other.AcquireLeaseAsync());
        Assert.Equal(ErrorCode.LeaseHeld, lease.Code);
        Assert.Equal("kiosk", (await other.GetStatusAsync()).LeaseHolder);

        using var first = RpcHostRig.NumberB();
        var started = await holder.StartTapAsync(first); // no card yet: the tap waits for one
        using (var second = RpcHostRig.NumberB())
        {
            var busy = await Assert.ThrowsAsync<ReaderKitReaderException>(() => holder.StartTapAsync(second));
            Assert.Equal(ErrorCode.ReaderBusy, busy.Code);
        }

        await Assert.ThrowsAnyAsync<ReaderKitException>(() => other.CancelTapAsync(started.TapId));
        Assert.Equal(started.TapId, (await holder.GetStatusAsync()).CurrentTapId);
        rig.Field.Present = true;
        var result = await holder.WaitForTapResultAsync(started.TapId).WaitAsync(Wait);
        Assert.Equal(VerdictKind.Accepted, result.Verdict);
    }

    public static TheoryData<string> Stages() => ["waitingForCard", "reading", "face", "awaitingStaff"];

    [Theory]
    [MemberData(nameof(Stages))]
    public async Task Cancel_at_every_state_ends_the_tap_once_as_cancelled_releases_the_card_and_zeroes_number_b(string stage)
    {
        await using var rig = await RpcHostRig.StartAsync();
        var seen = new List<VerificationNumberB>();
        rig.Runner.Script = async (request, progress, ct) =>
        {
            seen.Add(request.NumberB);
            progress.Report(new TapProgress(ProgressStep.CardPresent));
            if (stage == "face")
            {
                progress.Report(new TapProgress(ProgressStep.FaceCaptured, PromptKind.Blink, 0, 3));
            }

            if (stage == "awaitingStaff")
            {
                return Verdicts.Accepted() with { Face = Reader.FaceOutcome.NotRun, FaceScore = null };
            }

            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("not reached");
        };
        await using var client = await rig.ConnectAsync();
        var log = RpcHostRig.Collect(client);
        await client.SubscribeAsync(["tap.*", "face.*"]);
        rig.Field.Present = stage != "waitingForCard";
        using var numberB = RpcHostRig.NumberB();
        var started = await client.StartTapAsync(numberB, new TapOptions { StaffAssisted = stage == "awaitingStaff" });
        var expected = stage switch
        {
            "reading" => ReaderState.Reading,
            "face" => ReaderState.Face,
            "awaitingStaff" => ReaderState.AwaitingStaff,
            _ => ReaderState.Idle,
        };
        await RpcHostRig.Until(() => rig.Machine.State == expected && (stage == "waitingForCard" || seen.Count == 1), stage);

        Assert.True(await client.CancelTapAsync(started.TapId));
        var result = await client.WaitForTapResultAsync(started.TapId).WaitAsync(Wait);

        Assert.Equal(VerdictKind.Cancelled, result.Verdict);
        Assert.Equal(ErrorCodes.NameOf(ErrorCode.Cancelled), result.Error!.Name);
        await RpcHostRig.Until(() => log.Events.OfType<TapResultEvent>().Any(), "tap.result");
        await Task.Delay(300);
        Assert.Single(log.Events.OfType<TapResultEvent>(), e => e.TapId == started.TapId);
        Assert.False(await client.CancelTapAsync(started.TapId)); // already finished
        if (stage == "face")
        {
            var prompt = Assert.Single(log.Events.OfType<FacePromptEvent>());
            Assert.Equal((FacePromptKinds.Blink, 0, 3), (prompt.Kind, prompt.Index, prompt.Count));
        }

        if (stage != "waitingForCard")
        {
            Assert.True(rig.Field.Releases >= 1);
            Assert.Throws<ObjectDisposedException>(() => Assert.Single(seen).ExpiryYear);
            Assert.NotNull(result.RecordId); // a card was tapped: the cancelled tap is journaled
        }
        else
        {
            Assert.Null(result.RecordId);
            Assert.Empty(seen);
        }
    }

    [Fact]
    public async Task Journal_query_pages_filters_reconciled_exports_in_chunks_and_marks_records()
    {
        await using var rig = await RpcHostRig.StartAsync();
        rig.Runner.Script = AcceptAfterAllSteps();
        await using var client = await rig.ConnectAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            rig.Field.Present = true;
            using var nb = RpcHostRig.NumberB();
            ids.Add((await client.TapAsync(nb).WaitAsync(Wait)).RecordId!);
            rig.Field.Present = false;
            await RpcHostRig.Until(() => rig.Machine.State == ReaderState.Idle, "idle");
        }

        var first = await client.QueryJournalAsync(new JournalQuery { Limit = 2 });
        Assert.Equal(ids[..2], first.Records.Select(r => r.Id));
        var second = await client.QueryJournalAsync(new JournalQuery { Limit = 2, Cursor = first.NextCursor });
        Assert.Equal([ids[2]], second.Records.Select(r => r.Id));
        Assert.Null(second.NextCursor);

        Assert.Equal(1, await client.MarkReconciledAsync([ids[1]]));
        Assert.Equal([ids[1]], (await client.QueryJournalAsync(new JournalQuery { Reconciled = true })).Records.Select(r => r.Id));
        Assert.Equal([ids[0], ids[2]], (await client.QueryJournalAsync(new JournalQuery { Reconciled = false })).Records.Select(r => r.Id));
        var bad = await Assert.ThrowsAnyAsync<ReaderKitException>(() => client.MarkReconciledAsync(["not-an-id"]));
        Assert.Equal(ErrorCode.InvalidInput, bad.Code);

        using var export = new MemoryStream();
        var chunks = 0;
        await foreach (var chunk in client.ExportJournalAsync(new JournalExportRequest("jsonl") { MaxBytes = 1024 }))
        {
            export.Write(chunk);
            chunks++;
        }

        var lines = Encoding.UTF8.GetString(export.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.True(chunks > 1, "a 1 KiB chunk limit splits three records");
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains(ids[i], lines[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Personal_fields_are_refused_unless_released_and_then_only_the_asked_ones_reach_only_the_starter()
    {
        await using (var closed = await RpcHostRig.StartAsync())
        {
            await using var c = await closed.ConnectAsync();
            using var nb = RpcHostRig.NumberB();
            var refused = await Assert.ThrowsAnyAsync<ReaderKitException>(() => c.StartTapAsync(nb, new TapOptions { Fields = [PersonalField.Name] }));
            Assert.Equal(ErrorCode.InvalidInput, refused.Code);
        }

        await using var rig = await RpcHostRig.StartAsync("--Rpc:ReleaseFields:0=name", "--Rpc:ReleaseFields:1=photo");
        rig.Runner.Script = AcceptAfterAllSteps();
        await using var starter = await rig.ConnectAsync("starter");
        await using var watcher = await rig.ConnectAsync("watcher");
        var watched = RpcHostRig.Collect(watcher);
        await watcher.SubscribeAsync(["tap.result"]);
        rig.Field.Present = true;
        using var numberB = RpcHostRig.NumberB();
        var result = await starter.TapAsync(numberB, new TapOptions { Fields = [PersonalField.Name] }).WaitAsync(Wait);

        Assert.Equal("山田 太郎", result.Fields!.Name);
        Assert.Null(result.Fields.Address);
        Assert.Null(result.Fields.BirthDate);
        Assert.Null(result.Fields.Photo);
        await RpcHostRig.Until(() => watched.Events.OfType<TapResultEvent>().Any(), "the watcher's tap.result");
        Assert.Null(watched.Events.OfType<TapResultEvent>().Single().Result.Fields);
    }

    [Fact]
    public async Task The_sex_is_returned_as_printed_only_to_a_caller_that_asked_for_it()
    {
        await using var rig = await RpcHostRig.StartAsync("--Rpc:ReleaseFields:0=name", "--Rpc:ReleaseFields:1=sex");
        rig.Runner.Script = async (_, progress, _) =>
        {
            await Verdicts.ReportAll(progress);
            var accepted = Verdicts.Accepted();
            return accepted with { Personal = accepted.Personal! with { Sex = ReaderKit.Card.Records.Sex.Female } };
        };
        await using var client = await rig.ConnectAsync();
        var results = new List<PersonalFields?>();
        foreach (var fields in new[] { PersonalField.Sex, PersonalField.Name })
        {
            rig.Field.Present = true;
            using var numberB = RpcHostRig.NumberB();
            results.Add((await client.TapAsync(numberB, new TapOptions { Fields = [fields] }).WaitAsync(Wait)).Fields);
            rig.Field.Present = false;
            await RpcHostRig.Until(() => rig.Machine.State == ReaderState.Idle, "idle");
        }

        Assert.Equal("女", results[0]!.Sex);
        Assert.Null(results[0]!.Name);
        Assert.Equal("山田 太郎", results[1]!.Name);
        Assert.Null(results[1]!.Sex);
    }

    [Fact]
    public async Task Status_device_and_trust_info_describe_the_host()
    {
        await using var rig = await RpcHostRig.StartAsync();
        await using var client = await rig.ConnectAsync();
        var status = await client.GetStatusAsync();
        Assert.Equal((ReaderStates.Idle, ReaderModes.Unknown, false, true), (status.State, status.Mode, status.CardPresent, status.ReaderOk));
        Assert.Null(status.CurrentTapId);
        var device = await client.GetDeviceInfoAsync();
        Assert.Equal("rpc-1", device.DeviceId);
        Assert.StartsWith("readerkit-host/", device.ServerVersion, StringComparison.Ordinal);
        var trust = await client.GetTrustInfoAsync();
        Assert.Equal("built-in", trust.Source);
        Assert.NotEmpty(trust.Anchors);
        Assert.Contains(trust.Anchors, a => a.Role == "cvcIssuer");
    }

    [Fact]
    public async Task A_host_without_a_tap_runner_reports_unavailable_and_refuses_taps()
    {
        await using var rig = await RpcHostRig.StartAsync(wired: false);
        await using var client = await rig.ConnectAsync();
        var status = await client.GetStatusAsync();
        Assert.Equal((ReaderStates.Unavailable, false), (status.State, status.ReaderOk));
        Assert.Contains(ReaderLoopService.NotWiredFault, status.Detail, StringComparison.Ordinal);
        using var nb = RpcHostRig.NumberB();
        var refused = await Assert.ThrowsAsync<ReaderKitReaderException>(() => client.StartTapAsync(nb));
        Assert.Equal(ErrorCode.ReaderUnavailable, refused.Code);
    }

    [Fact]
    public async Task The_tls_listener_serves_a_paired_client_that_pins_the_device_certificate()
    {
        using var state = new TempDir();
        var pairing = DevicePairing.Pair(state.Path, "pharmacy-pc");
        await using var rig = await RpcHostRig.StartAsync("--Rpc:TlsPort=0", "--Rpc:TlsAddress=127.0.0.1", $"--Rpc:StateDirectory={state.Path}");
        rig.Runner.Script = AcceptAfterAllSteps();
        var port = rig.Host.Services.GetRequiredService<RpcHostedService>().Server!.TlsEndPoint!.Port;
        await using var client = await ReaderKitClient.ConnectAsync(new ReaderKitClientOptions
        {
            Endpoint = ReaderKitEndpoint.Tls("127.0.0.1", port, pairing.Fingerprint),
            Token = pairing.Token,
            ClientName = "pharmacy-pc",
        });
        rig.Field.Present = true;
        using var nb = RpcHostRig.NumberB();
        var result = await client.TapAsync(nb).WaitAsync(Wait);
        Assert.Equal(VerdictKind.Accepted, result.Verdict);
        Assert.Equal(pairing.Fingerprint, (await client.GetDeviceInfoAsync()).CertificateFingerprint);

        await Assert.ThrowsAnyAsync<Exception>(() => ReaderKitClient.ConnectAsync(new ReaderKitClientOptions
        {
            Endpoint = ReaderKitEndpoint.Tls("127.0.0.1", port, pairing.Fingerprint),
            Token = "rk1.wrong",
            AutoReconnect = false,
        }));
    }

    [Fact]
    public async Task The_folder_exchange_turns_an_inbox_request_into_an_outbox_result()
    {
        using var folders = new TempDir();
        var inbox = Directory.CreateDirectory(folders.File("in")).FullName;
        var outbox = Directory.CreateDirectory(folders.File("out")).FullName;
        await using var rig = await RpcHostRig.StartAsync($"--Rpc:FolderExchange:Inbox={inbox}", $"--Rpc:FolderExchange:Outbox={outbox}", "--Rpc:FolderExchange:PollInterval=00:00:00.100");
        rig.Runner.Script = AcceptAfterAllSteps();
        rig.Field.Present = true;
        await File.WriteAllTextAsync(Path.Combine(inbox, "A-1.json.tmp"), "{\"requestId\":\"A-1\",\"numberB\":{\"digits\":\"" + RpcHostRig.Digits + "\"}}");
        File.Move(Path.Combine(inbox, "A-1.json.tmp"), Path.Combine(inbox, "A-1.json"));

        await RpcHostRig.Until(() => File.Exists(Path.Combine(outbox, "A-1.json")), "the outbox result");
        var json = await File.ReadAllTextAsync(Path.Combine(outbox, "A-1.json"));
        Assert.Contains("\"verdict\": \"Accepted\"", json.Replace("\":\"", "\": \"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(RpcHostRig.Digits, json, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(inbox));
    }
}
