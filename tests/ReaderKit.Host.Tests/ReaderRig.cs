using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReaderKit.Card.Credentials;
using ReaderKit.Contracts;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Gpio;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Logging;
using ReaderKit.Host.Messages;
using ReaderKit.Host.Reader;
using ReaderKit.Host.Status;
using ReaderKit.Host.Systemd;

namespace ReaderKit.Host.Tests;

/// <summary>The card field as a switch the test flips; counts releases.</summary>
internal sealed class FakeField : ICardField
{
    private int _releases;

    public volatile bool Present;

    public volatile bool Broken;

    public int Releases => Volatile.Read(ref _releases);

    public Task<bool> IsCardPresentAsync(CancellationToken cancellationToken) =>
        Broken ? throw new IOException("PN532 did not ACK") : Task.FromResult(Present);

    public Task ReleaseAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _releases);
        return Task.CompletedTask;
    }
}

/// <summary>A tap runner whose behaviour each test scripts.</summary>
internal sealed class ScriptedRunner : ITapRunner
{
    public Func<TapRequest, IProgress<TapProgress>, CancellationToken, Task<TapVerdict>> Script { get; set; } =
        (_, _, _) => Task.FromResult(Verdicts.Accepted());

    public List<TapRequest> Requests { get; } = [];

    public Task<TapVerdict> RunAsync(TapRequest request, IProgress<TapProgress> progress, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        return Script(request, progress, cancellationToken);
    }
}

internal static class Verdicts
{
    public static readonly byte[] Photo = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 1, 2, 3, 4];

    public static TapVerdict Accepted() => new()
    {
        Kind = VerdictKind.Accepted,
        Error = ErrorCode.Ok,
        CardVerified = true,
        Face = FaceOutcome.Matched,
        FaceScore = 0.71,
        FaceThreshold = 0.6,
        TrustAnchor = "test CA 0101",
        CardIdentity = new byte[] { 1, 2, 3, 4 },
        Checks = [new("surface.cvc", CheckLineStatus.Pass, "ok"), new("face.match", CheckLineStatus.Pass, "0.71 >= 0.60")],
        Timings = new Dictionary<string, TimeSpan> { ["total"] = TimeSpan.FromMilliseconds(1200) },
        Personal = new PersonalData("山田 太郎", "東京都", new DateOnly(1980, 2, 17), Photo),
    };

    public static TapVerdict CardVerifiedButFace(FaceOutcome face, ErrorCode error, string check = "face.match") => Accepted() with
    {
        Kind = VerdictKind.FaceNotAccepted,
        Error = error,
        Face = face,
        Checks = [new("surface.cvc", CheckLineStatus.Pass, "ok"), new(check, CheckLineStatus.Fail, "refused")],
    };

    public static TapVerdict Failed(VerdictKind kind, ErrorCode error) => new()
    {
        Kind = kind,
        Error = error,
        Checks = [new("tap", CheckLineStatus.Fail, ErrorCodes.NameOf(error))],
    };

    public static async Task ReportAll(IProgress<TapProgress> progress, int upTo = 7)
    {
        foreach (var step in Enum.GetValues<ProgressStep>().Take(upTo))
        {
            progress.Report(new TapProgress(step, step == ProgressStep.FaceCaptured ? PromptKind.LookAtCamera : null));
            await Task.Yield();
        }
    }
}

/// <summary>A state machine on fakes, with a real journal in a temp directory and an event log.</summary>
internal sealed class ReaderRig : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ReaderEventHub.Subscription _subscription;
    private readonly List<ReaderEvent> _events = [];
    private readonly Task _collector;
    private readonly DeviceKeyRing _keys;

    public ReaderRig(ReaderOptions? options = null, string[]? keep = null, ILoggerFactory? logs = null, SecretRedactor? redactor = null)
    {
        Options = options ?? Fixtures.ReaderOptions();
        Redactor = redactor ?? new SecretRedactor();
        _keys = DeviceKeyRing.OpenOrCreate(_dir.File("keys.json"), TimeProvider.System);
        Journal = TapJournal.Open(_dir.File("journal.db"), _keys, TimeProvider.System, "reader-test", keep ?? [], Redactor);
        var gpio = new HostGpio(new SystemGpioControllerFactory(), Fixtures.Options(new IndicatorOptions()), Fixtures.Options(new Configuration.OutageOptions()));
        Health = new HostHealth(new StatusIndicator(gpio, Fixtures.Options(new IndicatorOptions()), TimeProvider.System));
        Heartbeat = new WatchdogHeartbeat(new SystemdNotifier(_ => null), TimeProvider.System);
        var journalOptions = new JournalOptions();
        foreach (var k in keep ?? [])
        {
            journalOptions.KeepPersonalFields.Add(k);
        }

        Machine = new ReaderStateMachine(Runner, Field, Journal, Health, new StatusIndicator(gpio, Fixtures.Options(new IndicatorOptions()), TimeProvider.System), Heartbeat,
            Hub, Redactor, Fixtures.Options(Options), Fixtures.Options(journalOptions), TimeProvider.System,
            logs?.CreateLogger<ReaderStateMachine>() ?? NullLogger<ReaderStateMachine>.Instance);
        _subscription = Hub.Subscribe(10_000);
        _collector = Task.Run(async () =>
        {
            await foreach (var e in _subscription.Reader.ReadAllAsync())
            {
                lock (_events)
                {
                    _events.Add(e);
                }
            }
        });
        Loop = Task.Run(() => Machine.RunAsync(_stop.Token));
    }

    public ReaderOptions Options { get; }

    public SecretRedactor Redactor { get; }

    public FakeField Field { get; } = new();

    public ScriptedRunner Runner { get; } = new();

    public ReaderEventHub Hub { get; } = new();

    public TapJournal Journal { get; }

    public HostHealth Health { get; }

    public WatchdogHeartbeat Heartbeat { get; }

    public ReaderStateMachine Machine { get; }

    public Task Loop { get; }

    public string JournalPath => _dir.File("journal.db");

    public IReadOnlyList<ReaderEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<ReaderState> States => [.. Events.Where(e => e.Kind == ReaderEventKind.StateChanged).Select(e => e.State)];

    public static VerificationNumberB NumberB() => VerificationNumberB.Parse("55021720314821");

    public async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}; state {Machine.State}; states {string.Join(",", States)}");
            }

            await Task.Delay(10);
        }
    }

    public Task UntilState(ReaderState state) => Until(() => Machine.State == state, state.ToString());

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Loop;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            Loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
        }

        _subscription.Dispose();
        _collector.Wait(TimeSpan.FromSeconds(5));
        Journal.Dispose();
        _keys.Dispose();
        _stop.Dispose();
        _dir.Dispose();
    }
}
