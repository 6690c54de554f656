using ReaderKit.Contracts;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;
using ReaderKit.Rpc.Tests.Fakes;

namespace ReaderKit.Sdk.Tests;

public sealed class ClientTests
{
    internal static ReaderKitClientOptions Unix(TestServer server, string name = "kiosk") =>
        new() { Endpoint = ReaderKitEndpoint.Unix(server.SocketPath), ClientName = name, ReconnectMinDelay = TimeSpan.FromMilliseconds(50), ReconnectMaxDelay = TimeSpan.FromMilliseconds(500) };

    internal static ReaderKitClientOptions Tls(TestServer server, string? token, string? fingerprint = null) =>
        new()
        {
            Endpoint = ReaderKitEndpoint.Tls("127.0.0.1", server.TlsEndPoint.Port, fingerprint ?? server.Identity.Fingerprint),
            Token = token,
            ClientName = "pharmacy-pc",
            AutoReconnect = false,
        };

    internal static NumberBInput GoodNumberB() => NumberBInput.FromParts(new DateOnly(1980, 2, 17), 2031, "1234");

    [Fact]
    public async Task A_full_tap_over_the_unix_socket_with_progress_prompts_and_the_requested_fields()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await ReaderKitClient.ConnectAsync(Unix(server));
        Assert.Equal("readerkit/1.0", client.Server.Protocol);
        await client.SubscribeAsync(["tap.*", "face.prompt"]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = CollectUntilResultAsync(client, cts.Token);
        using var numberB = GoodNumberB();
        var started = await client.StartTapAsync(numberB, new TapOptions { Face = true, Fields = [PersonalField.Name, PersonalField.BirthDate, PersonalField.Photo] }, "req-1", cts.Token);
        var result = await client.WaitForTapResultAsync(started.TapId, cts.Token);

        Assert.Equal(VerdictKind.Accepted, result.Verdict);
        Assert.Null(result.Error);
        Assert.Equal("req-1", result.RequestId);
        Assert.Equal("matched", result.Face!.Decision);
        Assert.Equal("1980-02-17", result.Fields!.BirthDate);
        Assert.Null(result.Fields.Address);
        Assert.Contains(result.Checks, c => c.Name == "surface.challenge" && c.Status == CheckLineStatus.Pass);

        var seen = await events;
        var steps = seen.OfType<TapProgressEvent>().Select(e => e.Step).ToList();
        Assert.Equal([TapSteps.CardPresent, TapSteps.CredentialChecked, TapSteps.CardFaceRead, TapSteps.SignaturesChecked, TapSteps.ChipChallenge, TapSteps.FaceCaptured, TapSteps.FaceMatched], steps);
        Assert.Equal([FacePromptKinds.Blink, FacePromptKinds.TurnLeft], seen.OfType<FacePromptEvent>().Select(e => e.Kind));
        Assert.Equal(2, seen.OfType<FacePromptEvent>().First().Count);
        var seqs = seen.Select(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.DoesNotContain(seen, e => e is EventGapEvent);
    }

    [Fact]
    public async Task A_full_tap_over_tls_with_the_pinned_certificate_and_a_token()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await ReaderKitClient.ConnectAsync(Tls(server, server.Token));
        using var numberB = NumberBInput.FromDigits("55021720311234");
        var result = await client.TapAsync(numberB, new TapOptions { Fields = [PersonalField.Address] });
        Assert.Equal(VerdictKind.Accepted, result.Verdict);
        Assert.Equal("東京都千代田区千代田1-1", result.Fields!.Address);
        var info = await client.GetDeviceInfoAsync();
        Assert.Equal(server.Identity.Fingerprint, info.CertificateFingerprint);
        Assert.Equal("surface", Assert.Single((await client.GetTrustInfoAsync()).Anchors).Role);
    }

    [Fact]
    public async Task A_wrong_security_code_is_a_credential_refusal_result_not_an_exception()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await ReaderKitClient.ConnectAsync(Unix(server));
        using var numberB = NumberBInput.FromParts(new DateOnly(1980, 2, 17), 2031, "9999");
        var result = await client.TapAsync(numberB);
        Assert.Equal(VerdictKind.CredentialRefused, result.Verdict);
        Assert.Equal(ErrorCode.CredentialRejected, result.Error!.ErrorCode);
        Assert.Equal(9, Assert.Single(result.Retries).RemainingAfter);
        Assert.Null(result.Fields);
    }

    [Fact]
    public async Task A_pin_mismatch_is_refused_before_any_byte_of_the_session()
    {
        await using var server = await TestServer.StartAsync();
        var wrong = new string('a', 64);
        var e = await Assert.ThrowsAsync<CertificatePinMismatchException>(() => ReaderKitClient.ConnectAsync(Tls(server, server.Token, wrong)));
        Assert.Equal(server.Identity.Fingerprint, e.PresentedFingerprint);

        // The host keeps serving everyone else.
        await using var other = await ReaderKitClient.ConnectAsync(Tls(server, server.Token, server.Identity.Fingerprint));
        Assert.True((await other.GetStatusAsync()).ReaderOk);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("rk1.wrong-token")]
    public async Task Tls_without_a_valid_token_throws_a_session_exception(string? token)
    {
        await using var server = await TestServer.StartAsync();
        var e = await Assert.ThrowsAsync<ReaderKitSessionException>(() => ReaderKitClient.ConnectAsync(Tls(server, token)));
        Assert.Equal(ErrorCode.Unauthorized, e.Code);
        Assert.Equal("Unauthorized", e.Name);
    }

    [Fact]
    public async Task Cancelling_a_held_tap_ends_it_Cancelled()
    {
        await using var server = await TestServer.StartAsync();
        var held = server.Service.HoldAt(TapSteps.SignaturesChecked);
        await using var client = await ReaderKitClient.ConnectAsync(Unix(server));
        using var numberB = GoodNumberB();
        var started = await client.StartTapAsync(numberB);
        await held.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(await client.CancelTapAsync(started.TapId));
        var result = await client.WaitForTapResultAsync(started.TapId);
        Assert.Equal(VerdictKind.Cancelled, result.Verdict);
        Assert.False(await client.CancelTapAsync(started.TapId));
    }

    [Fact]
    public async Task Cancelling_the_token_of_TapAsync_cancels_the_tap_on_the_host()
    {
        await using var server = await TestServer.StartAsync();
        var held = server.Service.HoldAt(TapSteps.CardFaceRead);
        await using var client = await ReaderKitClient.ConnectAsync(Unix(server));
        await client.SubscribeAsync(["tap.result"]);
        using var cts = new CancellationTokenSource();
        using var numberB = GoodNumberB();
        var tap = client.TapAsync(numberB, null, cts.Token);
        await held.WaitAsync(TimeSpan.FromSeconds(20));
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var resultEvent = CollectUntilResultAsync(client, wait.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tap);
        var seen = await resultEvent;
        Assert.Equal(VerdictKind.Cancelled, Assert.IsType<TapResultEvent>(seen[^1]).Result.Verdict);
    }

    [Fact]
    public async Task Host_errors_become_typed_exceptions_with_their_details()
    {
        await using var server = await TestServer.StartAsync();
        await using var holder = await ReaderKitClient.ConnectAsync(Unix(server, "reception"));
        await using var other = await ReaderKitClient.ConnectAsync(Unix(server, "pharmacy"));
        await holder.AcquireLeaseAsync(TimeSpan.FromSeconds(30));
        using var numberB = GoodNumberB();
        var e = await Assert.ThrowsAsync<ReaderKitSessionException>(() => other.StartTapAsync(numberB));
        Assert.Equal(ErrorCode.LeaseHeld, e.Code);
        Assert.Equal("reception", e.Details["holder"]);
        Assert.True(e.Retryable);
        var missing = await Assert.ThrowsAsync<ReaderKitStorageException>(() => other.GetTapResultAsync("tap-unknown"));
        Assert.Equal(ErrorCode.RecordNotFound, missing.Code);
    }

    [Fact]
    public async Task Journal_calls_page_and_export_in_chunks()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await ReaderKitClient.ConnectAsync(Unix(server));
        for (var i = 0; i < 4; i++)
        {
            using var numberB = GoodNumberB();
            await client.TapAsync(numberB);
        }

        var page = await client.QueryJournalAsync(new JournalQuery { Limit = 3 });
        Assert.Equal(3, page.Records.Count);
        var rest = await client.QueryJournalAsync(new JournalQuery { Limit = 3, Cursor = page.NextCursor });
        Assert.Single(rest.Records);
        var lines = new List<string>();
        await foreach (var chunk in client.ExportJournalAsync(new JournalExportRequest("jsonl") { MaxBytes = 1024 }))
        {
            lines.AddRange(System.Text.Encoding.UTF8.GetString(chunk).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.Equal(4, lines.Count);
        Assert.Equal(2, await client.MarkReconciledAsync(["j1", "j2"]));
        Assert.Equal(2, (await client.QueryJournalAsync(new JournalQuery { Reconciled = false })).Records.Count);
    }

    [Fact]
    public async Task Print_form_returns_the_pdf_of_a_finished_tap_and_typed_errors_otherwise()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await ReaderKitClient.ConnectAsync(Unix(server, "counter"));
        await using var other = await ReaderKitClient.ConnectAsync(Unix(server, "other"));
        using var numberB = GoodNumberB();
        var result = await client.TapAsync(numberB, new TapOptions { Fields = [PersonalField.Name] });

        var form = await client.PrintFormAsync(result.TapId);
        Assert.Equal("01JH-3K5M-8Q2R-7XZW", form.RecordId);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(form.Pdf), StringComparison.Ordinal);
        var slip = await client.PrintFormAsync(result.TapId, PrintFormRequest.SlipKind, 80);
        Assert.Equal(PrintFormRequest.SlipKind, slip.Kind);

        var denied = await Assert.ThrowsAsync<ReaderKitSessionException>(() => other.PrintFormAsync(result.TapId));
        Assert.Equal(ErrorCode.Unauthorized, denied.Code);
        var missing = await Assert.ThrowsAsync<ReaderKitStorageException>(() => client.PrintFormAsync("tap-unknown"));
        Assert.Equal(ErrorCode.RecordNotFound, missing.Code);
    }

    private static async Task<List<ReaderEvent>> CollectUntilResultAsync(ReaderKitClient client, CancellationToken token)
    {
        var list = new List<ReaderEvent>();
        await foreach (var e in client.ReadEventsAsync(token))
        {
            list.Add(e);
            if (e is TapResultEvent)
            {
                break;
            }
        }

        return list;
    }
}
