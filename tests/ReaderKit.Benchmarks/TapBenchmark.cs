using System.Globalization;
using System.Text.Json;
using ReaderKit.Benchmarks.Pn532;
using ReaderKit.Emulation.Pn532;
using ReaderKit.Face.Camera;
using ReaderKit.Nfc;
using ReaderKit.Tap;
using ReaderKit.Tap.Faces;
using ReaderKit.Trust;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Benchmarks;

/// <summary>
/// <c>tap [--json] [--link NAME] [--sequential] [--repeat N]</c>: one whole tap through <see cref="CardTap"/> on the paced
/// emulator (the default persona's virtual card with a real chip photo) and the virtual camera (the persona's live frames
/// replayed at 30 fps), face models warmed first. Per link it runs the sequential baseline (face step after the card) and
/// then, unless <c>--sequential</c>, the overlapped tap. Reports the per-step timeline, the total and the critical path:
/// the card's own floor for the same APDUs (link bytes + RF + card time from the emulator's model), or the baseline's face
/// capture if that is longer (it needs no card), plus the baseline's face match (it needs the chip photo).
/// Links: spi, i2c400 (default both), i2c100, hsu, and pcsc: the same tap through ReaderKit.Pcsc → a private pcscd
/// (<c>PcscdSandbox</c>) → vsmartcard's vpcd → the virtual card on loopback. PC/SC has no modelled card floor (the card's time
/// there is vpcd's socket round trips plus the virtual card), so its critical path and floor are reported as n/a.
/// </summary>
internal sealed class TapBenchmark : IBenchmarkWorkload
{
    private const int CameraFps = 30;

    private const int PcscIndex = -2;

    private static readonly (string Name, int Index)[] LinkNames = [("spi", 2), ("i2c400", 1), ("i2c100", 0), ("hsu", 5), ("pcsc", PcscIndex)];

    private static Tests.Shared.Pcsc.PcscdSandbox? pcscd;
    private static VirtualCard.Vpcd.VpcdCardServer? vpcdServer;

    public string Name => "tap";

    public async Task<int> RunAsync(string[] args)
    {
        var json = args.Contains("--json");
        var sequential = args.Contains("--sequential");
        var linkIndex = Array.IndexOf(args, "--link");
        var filter = linkIndex >= 0 && linkIndex + 1 < args.Length ? args[linkIndex + 1] : null;
        var repeatIndex = Array.IndexOf(args, "--repeat");
        var repeat = repeatIndex >= 0 && repeatIndex + 1 < args.Length && int.TryParse(args[repeatIndex + 1], CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 1;
        var links = LinkNames.Where(l => filter is null ? l.Name is "spi" or "i2c400" : l.Name == filter).ToList();
        if (links.Count == 0)
        {
            Console.Error.WriteLine("tap: --link must be one of " + string.Join(", ", LinkNames.Select(l => l.Name)));
            return 2;
        }

        var persona = PersonaCatalog.Default;
        var cameraDir = Directory.CreateTempSubdirectory("readerkit-tap-bench-").FullName;
        try
        {
            LiveCamera.WriteFrames(cameraDir, persona, 48, LivePresentation.Live);
            using var face = new LiveFaceCheck();
            face.Warm();
            var photos = new ChipPhotoFactory();

            // Unmeasured taps on the instant emulator: JIT and first-use costs are not the tap's.
            await RunOnceAsync(("warm-up", -1), persona, photos, face, cameraDir, overlap: false).ConfigureAwait(false);
            await RunOnceAsync(("warm-up", -1), persona, photos, face, cameraDir, overlap: true).ConfigureAwait(false);

            async Task<TapRow> MedianAsync((string Name, int Index) link, bool overlap)
            {
                var runs = new List<TapRow>();
                for (var i = 0; i < repeat; i++)
                {
                    runs.Add(await RunOnceAsync(link, persona, photos, face, cameraDir, overlap).ConfigureAwait(false));
                }

                return runs.OrderBy(x => x.Seconds).ElementAt((runs.Count - 1) / 2);
            }

            var rows = new List<TapRow>();
            await using var pcsc = links.Any(l => l.Index == PcscIndex) ? await PcscWorld.StartAsync(persona, photos).ConfigureAwait(false) : null;
            foreach (var link in links)
            {
                // The baseline first: its face capture and match ran on their own, so they are the face's own cost, which
                // the critical path of both rows uses (an overlapped run's face spans include contention with the card).
                var baseline = await MedianAsync(link, false).ConfigureAwait(false);
                rows.Add(baseline);
                if (!sequential)
                {
                    var overlapped = await MedianAsync(link, true).ConfigureAwait(false);
                    rows.Add(overlapped with { CriticalPath = baseline.CriticalPath, FaceCapture = baseline.FaceCapture, FaceMatch = baseline.FaceMatch });
                }
            }

            Print(rows, json);
            return rows.All(x => x.Accepted) ? 0 : 1;
        }
        finally
        {
            Directory.Delete(cameraDir, recursive: true);
        }
    }

    private static async Task<TapRow> RunOnceAsync((string Name, int Index) link, Persona persona, ChipPhotoFactory photos, LiveFaceCheck face, string cameraDir, bool overlap)
    {
        if (link.Index == PcscIndex)
        {
            return await RunPcscOnceAsync(persona, photos, face, cameraDir, overlap).ConfigureAwait(false);
        }

        var setup = link.Index < 0 ? null : Pn532Scenarios.Links[link.Index];
        var timing = setup?.Timing ?? Pn532Timing.Instant;
        var emulator = new Pn532Emulator(new Pn532EmulatorOptions { Timing = timing });
        var card = new RecordingTypeBCard(VirtualMyNumberCard.Create(persona, photos));
        emulator.Field.Insert(card);
        var factory = new EmulatedLinks(setup, emulator);
        var options = new CardTapOptions
        {
            Trust = new TrustOptions { TrustStore = TrustStore.Production.WithJson(TestPki.Default.ExportTrustJson(), "TestPki.Default"), AllowTestAnchors = true },
            OverlapFaceWithCard = overlap,
            CardPollInterval = TimeSpan.FromMilliseconds(20),
        };
        var tap = new CardTap(options, factory, new ReplayCamera(cameraDir), face);
        using var numberB = Card.Credentials.VerificationNumberB.Create(persona.Holder.DateOfBirth, persona.ExpiryDate.Year, persona.SecurityCode);
        var verdict = await tap.RunAsync(new TapRequest { NumberB = numberB }).ConfigureAwait(false);
        if (!verdict.IsAccepted)
        {
            Console.Error.WriteLine($"tap on {link.Name}: {verdict.Kind} {verdict.Error}: {verdict.Message}");
        }

        double Span(string name) => verdict.Timings.Where(t => t.Name == name).Sum(t => t.Duration.TotalSeconds);
        var floor = card.Floor(timing).TotalSeconds;
        var capture = Span("face.capture");
        var match = Span("face.match");
        return new TapRow(
            link.Name,
            overlap ? "overlapped" : "sequential",
            verdict.Total.TotalSeconds,
            Math.Max(floor, capture) + match,
            floor,
            capture,
            match,
            Span("face.photo-wait"),
            verdict.IsAccepted,
            verdict.Timings);
    }

    /// <summary>One tap over PC/SC (vpcd): a fresh card of the persona in the sandbox's reader.</summary>
    private static async Task<TapRow> RunPcscOnceAsync(Persona persona, ChipPhotoFactory photos, LiveFaceCheck face, string cameraDir, bool overlap)
    {
        vpcdServer!.Card = VirtualMyNumberCard.Create(persona, photos);
        var options = new CardTapOptions
        {
            Trust = new TrustOptions { TrustStore = TrustStore.Production.WithJson(TestPki.Default.ExportTrustJson(), "TestPki.Default"), AllowTestAnchors = true },
            OverlapFaceWithCard = overlap,
            CardPollInterval = TimeSpan.FromMilliseconds(20),
        };
        var tap = new CardTap(options, new Tap.Devices.PcscCardLinkFactory(pcscd!.ReaderName), new ReplayCamera(cameraDir), face);
        using var numberB = Card.Credentials.VerificationNumberB.Create(persona.Holder.DateOfBirth, persona.ExpiryDate.Year, persona.SecurityCode);
        var verdict = await tap.RunAsync(new TapRequest { NumberB = numberB }).ConfigureAwait(false);
        if (!verdict.IsAccepted)
        {
            Console.Error.WriteLine($"tap on pcsc: {verdict.Kind} {verdict.Error}: {verdict.Message}");
        }

        double Span(string name) => verdict.Timings.Where(t => t.Name == name).Sum(t => t.Duration.TotalSeconds);
        return new TapRow("pcsc", overlap ? "overlapped" : "sequential", verdict.Total.TotalSeconds, double.NaN, double.NaN,
            Span("face.capture"), Span("face.match"), Span("face.photo-wait"), verdict.IsAccepted, verdict.Timings);
    }

    private static object? Num(double value) => double.IsNaN(value) ? null : Math.Round(value, 4);

    private static string Text(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static void Print(List<TapRow> rows, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(rows.Select(x => new Dictionary<string, object>
            {
                ["link"] = x.Link,
                ["mode"] = x.Mode,
                ["seconds"] = Math.Round(x.Seconds, 4),
                ["critical_path_seconds"] = Num(x.CriticalPath)!,
                ["card_floor_seconds"] = Num(x.CardFloor)!,
                ["face_capture_seconds"] = Math.Round(x.FaceCapture, 4),
                ["face_match_seconds"] = Math.Round(x.FaceMatch, 4),
                ["accepted"] = x.Accepted,
                ["steps"] = x.Steps.Select(s => new Dictionary<string, object>
                {
                    ["name"] = s.Name,
                    ["start"] = Math.Round(s.Offset.TotalSeconds, 4),
                    ["seconds"] = Math.Round(s.Duration.TotalSeconds, 4),
                }).ToList(),
            }), new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        foreach (var x in rows)
        {
            Console.WriteLine($"{x.Link} ({x.Mode}):");
            foreach (var s in x.Steps)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {s.Offset.TotalSeconds,7:0.000} +{s.Duration.TotalSeconds,6:0.000}  {s.Name}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| link | mode | seconds | critical path s | × critical | card floor s | face capture s | face match s | photo wait s |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var x in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {x.Link} | {x.Mode} | {x.Seconds:0.000} | {Text(x.CriticalPath)} | {(double.IsNaN(x.CriticalPath) ? "n/a" : (x.Seconds / x.CriticalPath).ToString("0.00", CultureInfo.InvariantCulture))} | {Text(x.CardFloor)} | {x.FaceCapture:0.000} | {x.FaceMatch:0.000} | {x.PhotoWait:0.000} |"));
        }
    }

    private sealed record TapRow(string Link, string Mode, double Seconds, double CriticalPath, double CardFloor, double FaceCapture, double FaceMatch, double PhotoWait, bool Accepted, IReadOnlyList<TapTiming> Steps);

    /// <summary>The benchmark's emulated links behind the tap's link factory (instant I2C for the warm-up).</summary>
    private sealed class EmulatedLinks(Pn532LinkSetup? setup, Pn532Emulator emulator) : IPn532LinkFactory
    {
        public string Description => setup?.Name ?? "instant I2C";

        public IPn532Link Open()
        {
            var handle = setup?.CreateOurs(emulator) ?? new Pn532LinkHandle(new Pn532I2cLink(new Pn532I2cAttachment(emulator)));
            return new OwningLink(handle);
        }
    }

    /// <summary>Disposes the link's extras (pty, GPIO controller) with it.</summary>
    private sealed class OwningLink(Pn532LinkHandle handle) : IPn532Link
    {
        public string Name => handle.Link.Name;

        public TimeSpan ByteTime => handle.Link.ByteTime;

        public Task WakeUpAsync(CancellationToken cancellationToken) => handle.Link.WakeUpAsync(cancellationToken);

        public Task WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) => handle.Link.WriteAsync(frame, cancellationToken);

        public Task<byte[]> ReadFrameAsync(int sizeHint, CancellationToken cancellationToken) => handle.Link.ReadFrameAsync(sizeHint, cancellationToken);

        public void DiscardInput() => handle.Link.DiscardInput();

        public void Dispose()
        {
            handle.Link.Dispose();
            handle.Dispose();
        }
    }

    /// <summary>A private pcscd with vpcd's reader served by the persona's card on loopback, for the pcsc rows.</summary>
    private sealed class PcscWorld : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private System.Net.Sockets.TcpListener? _slot0;
        private System.Net.Sockets.TcpListener? _slot1;
        private Task? _serving;

        public static async Task<PcscWorld> StartAsync(Persona persona, ChipPhotoFactory photos)
        {
            var world = new PcscWorld();
            (world._slot0, world._slot1) = Tests.Shared.Pcsc.PcscdSandbox.ListenOnLoopbackPair();
            vpcdServer = new VirtualCard.Vpcd.VpcdCardServer(VirtualMyNumberCard.Create(persona, photos));
            var spare = new VirtualCard.Vpcd.VpcdCardServer(VirtualMyNumberCard.Create(persona, photos));
            world._serving = Task.WhenAll(vpcdServer.ListenAsync(world._slot0, world._stop.Token), spare.ListenAsync(world._slot1, world._stop.Token));
            pcscd = Tests.Shared.Pcsc.PcscdSandbox.Start(((System.Net.IPEndPoint)world._slot0.LocalEndpoint).Port, TimeSpan.FromSeconds(30), "ReaderKit Bench");
            pcscd.UseForThisProcess();
            using var context = Pcsc.PcscContext.Establish();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!context.ListReaders().Contains(pcscd.ReaderName) && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100).ConfigureAwait(false);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await context.WaitForCardAsync(pcscd.ReaderName, TimeSpan.FromMilliseconds(100), wait.Token).ConfigureAwait(false);
            return world;
        }

        public async ValueTask DisposeAsync()
        {
            pcscd?.Dispose();
            await _stop.CancelAsync().ConfigureAwait(false);
            _slot0?.Stop();
            _slot1?.Stop();
            if (_serving is not null)
            {
                await _serving.ConfigureAwait(false);
            }

            _stop.Dispose();
        }
    }

    /// <summary>The virtual camera's frames replayed at the kiosk camera's frame rate (looped; late frames dropped as a real camera would).</summary>
    private sealed class ReplayCamera(string directory) : IFrameSourceFactory
    {
        public string Description => "virtual camera @ 30 fps";

        public IFrameSource Open() => FileSequenceFrameSource.FromDirectory(directory, CameraFps, loop: true);
    }
}
