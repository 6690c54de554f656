using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using ReaderKit.Contracts;
using ReaderKit.Host;
using ReaderKit.Host.Composition;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;
using ReaderKit.Sdk;
using ReaderKit.Simulation;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Cli;

/// <summary>
/// <c>readerkit demo [--persona NAME] [--presentation live|print|other-person] [--link i2c|spi|hsu] [--json]</c>: the
/// README's main job. Starts <c>readerkit-host</c> in simulation in this process (the same host builder and
/// composition the service uses, with the simulated world: PN532 emulator behind the production link, virtual card,
/// virtual camera), connects with the .NET SDK over the host's Unix socket exactly as an integrator would, and runs
/// full offline verifications: by default the genuine card with its holder live at the camera (expected ACCEPT), a
/// clone (expected NotGenuine), and the genuine card with a printed photo held up (expected FaceNotAccepted). Prints
/// progress and each verdict; exit 0 only when every verdict is the expected one, 1 when one is not, 3 when the
/// simulated host could not run, 2 for bad input.
/// </summary>
internal sealed class DemoCommand : ICliCommand
{
    private static readonly TimeSpan TapWait = TimeSpan.FromMinutes(3);

    public Command Build()
    {
        var persona = new Option<string>("--persona") { Description = "The genuine card's persona (see the simulator's `personas`).", DefaultValueFactory = _ => PersonaCatalog.DefaultName };
        var presentation = new Option<string?>("--presentation") { Description = "Run one tap of the persona's card with this scene at the camera: live, print or other-person (default: the three standard cases)." };
        var link = new Option<string>("--link") { Description = "The emulated PN532 link: i2c, spi or hsu.", DefaultValueFactory = _ => "spi" };
        var json = new Option<bool>("--json") { Description = "Print a JSON report instead of text." };
        var command = new Command("demo", "Full offline verification on simulated hardware: the host in simulation, driven through the SDK (genuine → ACCEPT, clone → NotGenuine, printed photo → face not accepted).");
        command.Options.Add(persona);
        command.Options.Add(presentation);
        command.Options.Add(link);
        command.Options.Add(json);
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(persona)!, parse.GetValue(presentation), parse.GetValue(link)!, parse.GetValue(json), Console.Out, Console.Error, ct));
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
        ],
        "live" => [new($"Genuine card, its holder at the kiosk ({persona})", persona, "live", VerdictKind.Accepted)],
        "print" => [new($"Genuine card, a printed photo at the camera ({persona})", persona, "print", VerdictKind.FaceNotAccepted)],
        "other-person" => [new($"Genuine card, someone else at the camera ({persona})", persona, "other-person", VerdictKind.FaceNotAccepted)],
        _ => throw new ArgumentException($"Unknown --presentation '{presentation}': use live, print or other-person."),
    };

    internal static async Task<int> RunAsync(string persona, string? presentation, string link, bool json, TextWriter output, TextWriter errors, CancellationToken ct)
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
            using var world = new SimulatedReaderWorld(new SimulatedWorldOptions { Persona = persona, Link = link, CardInFieldAtStart = false });
            var builder = ReaderHost.CreateBuilder(HostArguments(work.FullName, persona, link), _ => null);
            HostComposition.Compose(builder, world);
            using var host = builder.Build();
            var failures = ReaderHost.ValidateAll(host.Services);
            if (failures.Count > 0)
            {
                await errors.WriteLineAsync("demo: the simulated host's configuration is invalid: " + string.Join("; ", failures)).ConfigureAwait(false);
                return 3;
            }

            await host.StartAsync(ct).ConfigureAwait(false);
            try
            {
                await using var client = await ReaderKitClient.ConnectAsync(new ReaderKitClientOptions
                {
                    Endpoint = ReaderKitEndpoint.Unix(Path.Combine(work.FullName, "rpc.sock")),
                    ClientName = "readerkit-demo",
                    CallTimeout = TimeSpan.FromSeconds(60),
                }, ct).ConfigureAwait(false);
                var device = await client.GetDeviceInfoAsync(ct).ConfigureAwait(false);
                if (!json)
                {
                    await output.WriteLineAsync($"readerkit demo: host '{device.DeviceId}' ({device.Model}, link {device.ReaderLink}, {device.ServerVersion}) on {Path.Combine(work.FullName, "rpc.sock")}").ConfigureAwait(false);
                }

                await client.SubscribeAsync(["tap.progress", "face.prompt"], ct).ConfigureAwait(false);
                using var printing = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var printer = json ? Task.CompletedTask : PrintProgressAsync(client, output, printing.Token);
                var outcomes = new List<(DemoCase Case, TapResult? Result, string? Failure)>();
                foreach (var c in cases)
                {
                    if (!json)
                    {
                        await output.WriteLineAsync().ConfigureAwait(false);
                        await output.WriteLineAsync("=== " + c.Title).ConfigureAwait(false);
                    }

                    outcomes.Add(await TapAsync(world, client, c, json ? null : output, ct).ConfigureAwait(false));
                }

                await printing.CancelAsync().ConfigureAwait(false);
                await printer.ConfigureAwait(false);
                var ok = outcomes.All(o => o.Result?.Verdict == o.Case.Expected);
                if (json)
                {
                    await output.WriteLineAsync(Report(outcomes, ok).ToJsonString(new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
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

    /// <summary>The simulated host's settings: everything in the run's own temporary directory.</summary>
    internal static string[] HostArguments(string dir, string persona, string link) =>
    [
        "--Reader:DeviceId=demo", "--Reader:Simulation:Enabled=true", $"--Reader:Simulation:Persona={persona}", $"--Reader:Simulation:Link={link}",
        "--Reader:Simulation:AutoTap=false", "--Reader:Language=en", "--Reader:PollInterval=00:00:00.100",
        $"--Reader:StatusFile={Path.Combine(dir, "status.json")}", $"--Journal:Path={Path.Combine(dir, "journal.db")}",
        $"--Journal:KeyFile={Path.Combine(dir, "device-keys.json")}", $"--Rpc:UnixSocket={Path.Combine(dir, "rpc.sock")}", "--Rpc:UnixSocketMode=0600",
        "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft=Warning",
    ];

    private static async Task<(DemoCase, TapResult?, string?)> TapAsync(SimulatedReaderWorld world, ReaderKitClient client, DemoCase c, TextWriter? output, CancellationToken ct)
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
            var result = await client.TapAsync(numberB, new TapOptions(), deadline.Token).ConfigureAwait(false);
            if (output is not null)
            {
                await PrintResultAsync(output, c, result).ConfigureAwait(false);
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

    private static async Task PrintProgressAsync(ReaderKitClient client, TextWriter output, CancellationToken ct)
    {
        try
        {
            await foreach (var e in client.ReadEventsAsync(ct).ConfigureAwait(false))
            {
                switch (e)
                {
                    case TapProgressEvent p:
                        await output.WriteLineAsync($"  … {p.Step}").ConfigureAwait(false);
                        break;
                    case FacePromptEvent f:
                        await output.WriteLineAsync($"  prompt: {f.Kind}").ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task PrintResultAsync(TextWriter output, DemoCase c, TapResult r)
    {
        foreach (var check in r.Checks)
        {
            await output.WriteLineAsync($"  {check.Status.ToString().ToUpperInvariant(),-4} {check.Name}: {check.Reason}").ConfigureAwait(false);
        }

        var face = r.Face is { } f ? string.Create(CultureInfo.InvariantCulture, $", face {f.Decision}{(f.Score is { } s ? $" {s:0.000} vs {f.Threshold:0.000}" : "")}") : "";
        var verdict = r.Error is { } e ? $"{r.Verdict} ({e.Name})" : r.Verdict.ToString();
        await output.WriteLineAsync($"verdict: {verdict}{face}; mode {r.Mode}; journal record {r.RecordId ?? "-"}").ConfigureAwait(false);
        await output.WriteLineAsync(r.Verdict == c.Expected ? $"as expected ({c.Expected})" : $"UNEXPECTED: expected {c.Expected}").ConfigureAwait(false);
    }

    private static JsonObject Report(List<(DemoCase Case, TapResult? Result, string? Failure)> outcomes, bool ok)
    {
        var taps = new JsonArray();
        foreach (var (c, r, failure) in outcomes)
        {
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
                ["ok"] = r?.Verdict == c.Expected,
            });
        }

        return new JsonObject { ["ok"] = ok, ["taps"] = taps };
    }

    /// <summary>One demo tap: which card, what the camera sees, and the verdict that proves the reader right.</summary>
    internal sealed record DemoCase(string Title, string Card, string Presentation, VerdictKind Expected);
}
