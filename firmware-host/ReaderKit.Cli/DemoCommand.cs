using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using ReaderKit.Cli.Reporting;
using ReaderKit.Contracts;
using ReaderKit.Host;
using ReaderKit.Host.Composition;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Paperwork;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;
using ReaderKit.Sdk;
using ReaderKit.Simulation;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Cli;

/// <summary>
/// <c>readerkit demo [--persona NAME] [--presentation live|print|screen|other-person] [--link i2c|spi|hsu] [--json]</c>: the
/// README's main job. Starts <c>readerkit-host</c> in simulation in this process (the same host builder and
/// composition the service uses, with the simulated world: PN532 emulator behind the production link, virtual card,
/// virtual camera), connects with the .NET SDK over the host's Unix socket exactly as an integrator would, and runs
/// full offline verifications: by default the genuine card with its holder live at the camera (expected ACCEPT), a
/// clone (expected NotGenuine), the genuine card with a printed photo held up and with a tablet replaying a video of the
/// holder (both expected FaceNotAccepted). Prints
/// progress and each verdict; exit 0 only when every verdict is the expected one, 1 when one is not, 3 when the
/// simulated host could not run, 2 for bad input.
/// <c>--outage [--out-dir DIR]</c> runs the outage round trip instead: the simulated site is offline (its TCP
/// reachability probe targets a local port nothing listens on, so the host's own outage monitor turns the mode offline),
/// the journal keeps name, address and birth date, the genuine card with its holder live is tapped, the
/// self-declaration form is requested through the SDK (<c>tap.printForm</c>) and written to DIR (default: a new
/// temporary directory), and the reconciliation export (<c>journal.export</c>, offline only) must list the tap's record
/// with the form's receipt hash. Exit 0 only when all of that holds.
/// </summary>
internal sealed class DemoCommand : ICliCommand
{
    private static readonly TimeSpan TapWait = TimeSpan.FromMinutes(3);

    public Command Build()
    {
        var persona = new Option<string>("--persona") { Description = "The genuine card's persona (see the simulator's `personas`).", DefaultValueFactory = _ => PersonaCatalog.DefaultName };
        var presentation = new Option<string?>("--presentation") { Description = "Run one tap of the persona's card with this scene at the camera: live, print, waved-print, screen (a tablet replaying a video of the holder) or other-person (default: the standard cases)." };
        var link = new Option<string>("--link") { Description = "The emulated PN532 link: i2c, spi or hsu.", DefaultValueFactory = _ => "spi" };
        var json = new Option<bool>("--json") { Description = "Print a JSON report instead of text." };
        var outage = new Option<bool>("--outage") { Description = "Outage round trip: the site offline, a genuine live tap, the self-declaration form and receipt slip PDFs through the SDK, and the offline-only export listing its record." };
        var outDir = new Option<string?>("--out-dir") { Description = "Where each tap's result card PNG (and with --outage the form PDF) is written (default: a new temporary directory, kept)." };
        var command = new Command("demo", "Full offline verification on simulated hardware: the host in simulation, driven through the SDK (genuine → ACCEPT, clone → NotGenuine, printed photo and screen replay → face not accepted).");
        command.Options.Add(persona);
        command.Options.Add(presentation);
        command.Options.Add(link);
        command.Options.Add(json);
        command.Options.Add(outage);
        command.Options.Add(outDir);
        command.SetAction((parse, ct) => parse.GetValue(outage)
            ? RunOutageAsync(parse.GetValue(persona)!, parse.GetValue(link)!, parse.GetValue(outDir), Console.Out, Console.Error, ct)
            : RunAsync(parse.GetValue(persona)!, parse.GetValue(presentation), parse.GetValue(link)!, parse.GetValue(json), parse.GetValue(outDir), Console.Out, Console.Error, ct));
        return command;
    }

    /// <summary>The cases a run taps, in order.</summary>
    internal static IReadOnlyList<DemoCase> Cases(string persona, string? presentation) => presentation switch
    {
        null =>
        [
            new($"Genuine card, its holder at the kiosk ({persona})", persona, "live", VerdictKind.Accepted),
            new("A cloned card: validly signed data replayed by another chip", "clone", "live", VerdictKind.NotGenuine),
            new($"Genuine card, but a printed photo held in front of the camera ({persona})", persona, "print", VerdictKind.FaceNotAccepted),
            new($"Genuine card, but a tablet replaying a video of the holder ({persona})", persona, "screen", VerdictKind.FaceNotAccepted),
        ],
        "live" => [new($"Genuine card, its holder at the kiosk ({persona})", persona, "live", VerdictKind.Accepted)],
        "print" => [new($"Genuine card, a printed photo at the camera ({persona})", persona, "print", VerdictKind.FaceNotAccepted)],
        "screen" => [new($"Genuine card, a tablet replaying a video of the holder at the camera ({persona})", persona, "screen", VerdictKind.FaceNotAccepted)],
        "other-person" => [new($"Genuine card, someone else at the camera ({persona})", persona, "other-person", VerdictKind.FaceNotAccepted)],
        _ => throw new ArgumentException($"Unknown --presentation '{presentation}': use live, print, screen or other-person."),
    };

    internal static async Task<int> RunAsync(string persona, string? presentation, string link, bool json, string? outDir, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        IReadOnlyList<DemoCase> cases;
        try
        {
            if (!PersonaCatalog.TryGet(persona, out _))
            {
                throw new ArgumentException($"Unknown persona '{persona}'; known: {string.Join(", ", SimulatedReaderWorld.Personas)}.");
            }

            if (!SimulatedWorldOptions.Links.Contains(link, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Unknown --link '{link}': use i2c, spi or hsu.");
            }

            cases = Cases(persona, presentation);
        }
        catch (ArgumentException e)
        {
            await errors.WriteLineAsync("demo: " + e.Message).ConfigureAwait(false);
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("readerkit-demo-");
        try
        {
            var cards = outDir is null ? Directory.CreateTempSubdirectory("readerkit-demo-cards-") : Directory.CreateDirectory(outDir);
            using var world = new SimulatedReaderWorld(new SimulatedWorldOptions { Persona = persona, Link = link, CardInFieldAtStart = false });
            using var host = await BuildHostAsync([.. HostArguments(work.FullName, persona, link), .. CardFieldArguments], world, errors).ConfigureAwait(false);
            if (host is null)
            {
                return 3;
            }

            await host.StartAsync(ct).ConfigureAwait(false);
            try
            {
                await using var client = await ConnectAsync(work, ct).ConfigureAwait(false);
                var device = await client.GetDeviceInfoAsync(ct).ConfigureAwait(false);
                if (!json)
                {
                    await output.WriteLineAsync($"readerkit demo: host '{device.DeviceId}' ({device.Model}, link {device.ReaderLink}, {device.ServerVersion}) on {Path.Combine(work.FullName, "rpc.sock")}").ConfigureAwait(false);
                }

                await client.SubscribeAsync(["tap.progress", "face.prompt"], ct).ConfigureAwait(false);
                using var printing = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var progress = DemoProgress.Create(output, json);
                var printer = json ? Task.CompletedTask : PrintProgressAsync(client, progress, printing.Token);
                var outcomes = new List<(DemoCase Case, TapResult? Result, string? Failure)>();
                var cardPaths = new List<string?>();
                foreach (var c in cases)
                {
                    if (!json)
                    {
                        await output.WriteLineAsync().ConfigureAwait(false);
                        await output.WriteLineAsync("=== " + c.Title).ConfigureAwait(false);
                    }

                    var outcome = await TapAsync(world, client, c, json ? null : output, progress, CardFields, ct).ConfigureAwait(false);
                    outcomes.Add(outcome);
                    string? cardPath = null;
                    if (outcome.Item2 is { } tapResult)
                    {
                        cardPath = Path.Combine(cards.FullName, CardFileName(outcomes.Count, c));
                        await WriteOwnerOnlyAsync(cardPath, ResultCardRenderer.RenderPng(ResultCard.From(c.Title, tapResult)), ct).ConfigureAwait(false);
                        if (!json)
                        {
                            await output.WriteLineAsync($"result card: {cardPath}").ConfigureAwait(false);
                        }
                    }

                    cardPaths.Add(cardPath);
                }

                await printing.CancelAsync().ConfigureAwait(false);
                await printer.ConfigureAwait(false);
                var ok = outcomes.All(o => o.Result?.Verdict == o.Case.Expected);
                if (json)
                {
                    await output.WriteLineAsync(Report(outcomes, cardPaths, ok).ToJsonString(new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
                }
                else
                {
                    await output.WriteLineAsync().ConfigureAwait(false);
                    await output.WriteLineAsync(ok ? "demo: every verdict is the expected one." : "demo: a verdict was not the expected one.").ConfigureAwait(false);
                }

                return ok ? 0 : 1;
            }
            finally
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await host.StopAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is ReaderKitException or ReaderKitConnectionException or IOException or InvalidOperationException or TimeoutException)
        {
            await errors.WriteLineAsync($"demo: the simulated host failed: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return 3;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// <c>demo --outage</c>: the genuine live tap with the site offline, its form and receipt-slip PDFs through the SDK written
    /// to <paramref name="outDir"/>, and the offline-only export checked to list its record and receipt hash.
    /// </summary>
    internal static async Task<int> RunOutageAsync(string persona, string link, string? outDir, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (!PersonaCatalog.TryGet(persona, out _) || !SimulatedWorldOptions.Links.Contains(link, StringComparer.Ordinal))
        {
            await errors.WriteLineAsync($"demo: unknown persona '{persona}' or link '{link}'.").ConfigureAwait(false);
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("readerkit-demo-");
        try
        {
            var target = outDir is null ? Directory.CreateTempSubdirectory("readerkit-outage-") : Directory.CreateDirectory(outDir);
            using var world = new SimulatedReaderWorld(new SimulatedWorldOptions { Persona = persona, Link = link, CardInFieldAtStart = false });
            using var host = await BuildHostAsync([.. HostArguments(work.FullName, persona, link), .. OutageArguments(ClosedLocalPort())], world, errors).ConfigureAwait(false);
            if (host is null)
            {
                return 3;
            }

            await host.StartAsync(ct).ConfigureAwait(false);
            try
            {
                await using var client = await ConnectAsync(work, ct).ConfigureAwait(false);
                await output.WriteLineAsync("readerkit demo --outage: waiting for the host's outage monitor to report the site offline").ConfigureAwait(false);
                var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
                string mode;
                while ((mode = (await client.GetStatusAsync(ct).ConfigureAwait(false)).Mode) != ReaderModes.Offline && DateTime.UtcNow < until)
                {
                    await Task.Delay(100, ct).ConfigureAwait(false);
                }

                if (mode != ReaderModes.Offline)
                {
                    await errors.WriteLineAsync($"demo: the host did not turn offline (mode {mode}).").ConfigureAwait(false);
                    return 1;
                }

                await output.WriteLineAsync("host mode: offline").ConfigureAwait(false);
                var c = new DemoCase($"Genuine card, its holder at the kiosk, site offline ({persona})", persona, "live", VerdictKind.Accepted);
                await output.WriteLineAsync("=== " + c.Title).ConfigureAwait(false);
                var (_, result, failure) = await TapAsync(world, client, c, output, DemoProgress.Plain(output), OutageFields, ct).ConfigureAwait(false);
                if (result is null || result.Verdict != VerdictKind.Accepted || result.RecordId is null || !JournalRecordId.TryParse(result.RecordId, out var recordId))
                {
                    await errors.WriteLineAsync($"demo: the outage tap did not end in ACCEPT with a journal record ({failure ?? result?.Verdict.ToString()}).").ConfigureAwait(false);
                    return 1;
                }

                if (result.Mode != ReaderModes.Offline)
                {
                    await errors.WriteLineAsync($"demo: the tap ran in mode {result.Mode}, not offline.").ConfigureAwait(false);
                    return 1;
                }

                var form = await client.PrintFormAsync(result.TapId, cancellationToken: ct).ConfigureAwait(false);
                if (form.RecordId != result.RecordId)
                {
                    await errors.WriteLineAsync($"demo: the form names record {form.RecordId}, the tap {result.RecordId}.").ConfigureAwait(false);
                    return 1;
                }

                var path = Path.Combine(target.FullName, OutagePaperwork.FileName(recordId));
                await WriteOwnerOnlyAsync(path, form.Pdf, ct).ConfigureAwait(false);
                await output.WriteLineAsync($"form: {path}").ConfigureAwait(false);
                await output.WriteLineAsync($"record: {form.RecordId} (receipt hash {form.ReceiptHash})").ConfigureAwait(false);

                // The verification receipt slip of the same record, for the thermal printer (the host's configured roll width).
                var slip = await client.PrintFormAsync(result.TapId, PrintFormRequest.SlipKind, cancellationToken: ct).ConfigureAwait(false);
                if (slip.RecordId != form.RecordId || slip.ReceiptHash != form.ReceiptHash)
                {
                    await errors.WriteLineAsync($"demo: the slip names record {slip.RecordId}, the form {form.RecordId}.").ConfigureAwait(false);
                    return 1;
                }

                var slipPath = Path.Combine(target.FullName, OutagePaperwork.FileName(recordId, slip: true));
                await WriteOwnerOnlyAsync(slipPath, slip.Pdf, ct).ConfigureAwait(false);
                await output.WriteLineAsync($"slip: {slipPath}").ConfigureAwait(false);

                using var export = new MemoryStream();
                await foreach (var chunk in client.ExportJournalAsync(new JournalExportRequest("jsonl") { OfflineOnly = true }, ct).ConfigureAwait(false))
                {
                    export.Write(chunk);
                }

                var listed = Encoding.UTF8.GetString(export.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Any(line => line.Contains(form.RecordId, StringComparison.Ordinal) && line.Contains(form.ReceiptHash, StringComparison.Ordinal));
                await output.WriteLineAsync(listed
                    ? "reconciliation: the offline-only journal export lists the record with the form's receipt hash."
                    : "reconciliation: the offline-only journal export does NOT list the record with the form's receipt hash.").ConfigureAwait(false);
                return listed ? 0 : 1;
            }
            finally
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await host.StopAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is ReaderKitException or ReaderKitConnectionException or IOException or InvalidOperationException or TimeoutException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"demo: the outage run failed: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return 3;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The personal fields the outage form pre-fills: kept by the journal and released to the demo's client.</summary>
    internal static readonly string[] OutageFields = [PersonalField.Name, PersonalField.Address, PersonalField.BirthDate];

    /// <summary>
    /// The outage settings: a TCP reachability probe at <paramref name="closedPort"/> on the loopback (nothing listens:
    /// the first failed probe turns the mode offline, as a real outage does), and the journal keeping the form's fields.
    /// </summary>
    internal static string[] OutageArguments(int closedPort) =>
    [
        "--Outage:ProbeKind=tcp", $"--Outage:ProbeAddress=127.0.0.1:{closedPort.ToString(CultureInfo.InvariantCulture)}", "--Outage:ProbeInterval=00:00:01",
        "--Outage:ProbeTimeout=00:00:00.500", "--Outage:FailuresToOffline=1",
        .. OutageFields.SelectMany((f, i) => new[] { $"--Journal:KeepPersonalFields:{i}={f}", $"--Rpc:ReleaseFields:{i}={f}" }),
    ];

    /// <summary>
    /// readerkit-host over the simulated world with <paramref name="args"/>, exactly as the service composes it; null (after
    /// one line on <paramref name="errors"/>) when its configuration does not validate.
    /// </summary>
    private static async Task<IHost?> BuildHostAsync(string[] args, SimulatedReaderWorld world, TextWriter errors)
    {
        var builder = ReaderHost.CreateBuilder(args, _ => null);
        HostComposition.Compose(builder, world);
        var host = builder.Build();
        var failures = ReaderHost.ValidateAll(host.Services);
        if (failures.Count == 0)
        {
            return host;
        }

        host.Dispose();
        await errors.WriteLineAsync("demo: the simulated host's configuration is invalid: " + string.Join("; ", failures)).ConfigureAwait(false);
        return null;
    }

    /// <summary>The demo's SDK client on the simulated host's Unix socket in <paramref name="work"/>.</summary>
    private static Task<ReaderKitClient> ConnectAsync(DirectoryInfo work, CancellationToken ct) =>
        ReaderKitClient.ConnectAsync(new ReaderKitClientOptions
        {
            Endpoint = ReaderKitEndpoint.Unix(Path.Combine(work.FullName, "rpc.sock")),
            ClientName = "readerkit-demo",
            CallTimeout = TimeSpan.FromSeconds(60),
        }, ct);

    private static int ClosedLocalPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task WriteOwnerOnlyAsync(string path, byte[] bytes, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new FileStream(path, options);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(bytes, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The simulated host's settings: everything in the run's own temporary directory.</summary>
    internal static string[] HostArguments(string dir, string persona, string link) =>
    [
        "--Reader:DeviceId=demo", "--Reader:Simulation:Enabled=true", $"--Reader:Simulation:Persona={persona}", $"--Reader:Simulation:Link={link}",
        "--Reader:Simulation:AutoTap=false", "--Reader:Language=en", "--Reader:PollInterval=00:00:00.100",
        // The virtual kiosk camera renders every frame in software (slower than a real camera's 15 fps on a loaded
        // machine): the challenge steps get the longest deadline the face library allows.
        "--Reader:FaceStepTimeout=00:00:30",
        $"--Reader:StatusFile={Path.Combine(dir, "status.json")}", $"--Journal:Path={Path.Combine(dir, "journal.db")}",
        $"--Journal:KeyFile={Path.Combine(dir, "device-keys.json")}", $"--Rpc:UnixSocket={Path.Combine(dir, "rpc.sock")}", "--Rpc:UnixSocketMode=0600",
        "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft=Warning",
    ];

    /// <summary>
    /// What the demo's client asks each tap for, to draw its result card: the verified chip photo and the best live frame
    /// (released by the demo host's <c>Rpc:ReleaseFields</c>; never journaled).
    /// </summary>
    internal static readonly string[] CardFields = [PersonalField.Photo, PersonalField.LiveFrame];

    /// <summary>The demo host releases <see cref="CardFields"/> to its client (indices after the outage run's fields).</summary>
    internal static string[] CardFieldArguments => [.. CardFields.Select((f, i) => $"--Rpc:ReleaseFields:{(10 + i).ToString(CultureInfo.InvariantCulture)}={f}")];

    /// <summary>The result card's file name for the <paramref name="index"/>-th tap (1-based).</summary>
    internal static string CardFileName(int index, DemoCase c) => string.Create(CultureInfo.InvariantCulture, $"result-card-{index}-{c.Card}-{c.Presentation}.png");

    private static async Task<(DemoCase, TapResult?, string?)> TapAsync(SimulatedReaderWorld world, ReaderKitClient client, DemoCase c, TextWriter? output, DemoProgress progress, IReadOnlyList<string> fields, CancellationToken ct)
    {
        var persona = PersonaCatalog.Get(c.Card);
        world.Present(c.Card, c.Presentation);
        output?.WriteLine($"simulator: card '{c.Card}' on the reader ({world.Link}); camera sees {world.CameraScene}");
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TapWait);

            // 照合番号B as the kiosk's card-face scanner reads it: birth date, expiry year, security code.
            using var numberB = NumberBInput.FromParts(persona.Holder.DateOfBirth, persona.ExpiryDate.Year, persona.SecurityCode,
                persona.Holder.IsForeignResident ? NumberBNotation.Western : NumberBNotation.JapaneseEra);
            var result = await progress.TapAsync(() => client.TapAsync(numberB, new TapOptions { Fields = fields }, deadline.Token)).ConfigureAwait(false);
            if (output is not null)
            {
                await PrintResultAsync(output, progress, c, result).ConfigureAwait(false);
            }

            return (c, result, null);
        }
        catch (Exception e) when (e is ReaderKitException or OperationCanceledException)
        {
            output?.WriteLine($"tap failed: {e.Message}");
            return (c, null, e.Message);
        }
        finally
        {
            world.RemoveCard();
            await WaitIdleAsync(client, ct).ConfigureAwait(false);
        }
    }

    private static async Task WaitIdleAsync(ReaderKitClient client, CancellationToken ct)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < until && (await client.GetStatusAsync(ct).ConfigureAwait(false)).State != ReaderStates.Idle)
        {
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    private static async Task PrintProgressAsync(ReaderKitClient client, DemoProgress progress, CancellationToken ct)
    {
        try
        {
            await foreach (var e in client.ReadEventsAsync(ct).ConfigureAwait(false))
            {
                switch (e)
                {
                    case TapProgressEvent p:
                        progress.Step(p.Step);
                        break;
                    case FacePromptEvent f:
                        progress.Prompt(f.Kind);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task PrintResultAsync(TextWriter output, DemoProgress progress, DemoCase c, TapResult r)
    {
        foreach (var check in r.Checks)
        {
            await output.WriteLineAsync($"  {check.Status.ToString().ToUpperInvariant(),-4} {check.Name}: {check.Reason}").ConfigureAwait(false);
        }

        var face = r.Face is { } f ? string.Create(CultureInfo.InvariantCulture, $", face {f.Decision}{(f.Score is { } s ? $" {s:0.000} vs {f.Threshold:0.000}" : "")}") : "";
        var verdict = r.Error is { } e ? $"{r.Verdict} ({e.Name})" : r.Verdict.ToString();
        progress.Verdict($"verdict: {verdict}{face}; mode {r.Mode}; journal record {r.RecordId ?? "-"}", r.Verdict == c.Expected);
        await output.WriteLineAsync(r.Verdict == c.Expected ? $"as expected ({c.Expected})" : $"UNEXPECTED: expected {c.Expected}").ConfigureAwait(false);
    }

    private static JsonObject Report(List<(DemoCase Case, TapResult? Result, string? Failure)> outcomes, List<string?> cardPaths, bool ok)
    {
        var taps = new JsonArray();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var (c, r, failure) = outcomes[i];
            var checks = new JsonArray();
            foreach (var check in r?.Checks ?? [])
            {
                checks.Add(new JsonObject { ["name"] = check.Name, ["status"] = check.Status.ToString().ToUpperInvariant(), ["reason"] = check.Reason });
            }

            taps.Add(new JsonObject
            {
                ["title"] = c.Title,
                ["card"] = c.Card,
                ["presentation"] = c.Presentation,
                ["expected"] = c.Expected.ToString(),
                ["verdict"] = r?.Verdict.ToString(),
                ["error"] = r?.Error?.Name,
                ["recordId"] = r?.RecordId,
                ["face"] = r?.Face is { } f ? new JsonObject { ["decision"] = f.Decision, ["score"] = f.Score, ["threshold"] = f.Threshold } : null,
                ["checks"] = checks,
                ["failure"] = failure,
                ["resultCard"] = cardPaths[i],
                ["ok"] = r?.Verdict == c.Expected,
            });
        }

        return new JsonObject { ["ok"] = ok, ["taps"] = taps };
    }

    /// <summary>One demo tap: which card, what the camera sees, and the verdict that proves the reader right.</summary>
    internal sealed record DemoCase(string Title, string Card, string Presentation, VerdictKind Expected);
}
