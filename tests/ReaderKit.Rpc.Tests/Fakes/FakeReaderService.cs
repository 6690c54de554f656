using System.Globalization;
using System.Text;
using ReaderKit.Contracts;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;
using ReaderKit.Rpc;

namespace ReaderKit.Rpc.Tests.Fakes;

/// <summary>
/// A reader service that behaves like a tap: progress steps, face prompts, a result (Accepted for security code
/// "1234", CredentialRefused otherwise), cancellation, one tap at a time, and an in-memory journal. A test can hold a
/// tap at a step (<see cref="HoldAt"/>) and release it (<see cref="Release"/>) to act in the middle of a tap.
/// </summary>
internal sealed class FakeReaderService : IReaderService
{
    public static readonly byte[] ChipPhoto = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    private readonly Lock _gate = new();
    private readonly List<IReaderEventSink> _sinks = [];
    private readonly List<JournalRecord> _journal = [];
    private readonly TimeProvider _time;
    private TaskCompletionSource? _hold;
    private string? _holdStep;
    private string? _runningTap;
    private CancellationTokenSource? _runningCts;
    private bool _cardPresent;
    private string _mode = ReaderModes.Online;

    public FakeReaderService(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Delay between steps.</summary>
    public TimeSpan StepDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How many taps were started.</summary>
    public int TapsStarted { get; private set; }

    /// <summary>Was 照合番号B readable inside StartTapAsync (true) and zeroed by the server afterwards (checked by tests)?</summary>
    public List<NumberBInput> SeenNumberB { get; } = [];

    /// <summary>The last options a tap was started with.</summary>
    public TapOptions? LastOptions { get; private set; }

    public int SinkCount
    {
        get
        {
            lock (_gate)
            {
                return _sinks.Count;
            }
        }
    }

    public ReaderStatus GetStatus()
    {
        lock (_gate)
        {
            return new ReaderStatus(_runningTap is null ? (_cardPresent ? ReaderStates.CardPresent : ReaderStates.Idle) : ReaderStates.Reading, _mode, _cardPresent, true)
            {
                CameraOk = true,
                CurrentTapId = _runningTap,
            };
        }
    }

    public DeviceInfo GetDeviceInfo() => new("fake-0001", "ReaderKit fake", "1.0.0-test") { ReaderLink = "fake", ReaderFirmware = "PN532 1.6", CameraPresent = true, UptimeMs = 1234 };

    public TrustInfo GetTrustInfo() => new("built-in", [new TrustAnchorInfo("0001", "surface", "2036-01-01", false)], false);

    /// <summary>Holds the next tap when it reaches <paramref name="step"/> until <see cref="Release"/>.</summary>
    public Task HoldAt(string step)
    {
        lock (_gate)
        {
            _holdStep = step;
            _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            HeldReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return HeldReached.Task;
        }
    }

    public TaskCompletionSource HeldReached { get; private set; } = new();

    public void Release()
    {
        lock (_gate)
        {
            _hold?.TrySetResult();
        }
    }

    public ValueTask StartTapAsync(string tapId, TapStartRequest request, CancellationToken cancellationToken)
    {
        bool accepted;
        lock (_gate)
        {
            if (_runningTap is not null)
            {
                throw new ReaderServiceException(ErrorCode.ReaderBusy, "A tap is running.");
            }

            SeenNumberB.Add(request.NumberB);
            accepted = request.NumberB.IsPrebuilt
                ? request.NumberB.Digits.EndsWith("1234"u8)
                : request.NumberB.SecurityCode.SequenceEqual("1234"u8);
            _runningTap = tapId;
            _runningCts = new CancellationTokenSource();
            LastOptions = request.Options;
            TapsStarted++;
        }

        var token = _runningCts.Token;
        _ = Task.Run(() => RunTapAsync(tapId, request.Options, request.RequestId, accepted, token), CancellationToken.None);
        return ValueTask.CompletedTask;
    }

    public bool CancelTap(string tapId)
    {
        lock (_gate)
        {
            if (_runningTap != tapId)
            {
                return false;
            }

            _runningCts!.Cancel();
            return true;
        }
    }

    public IDisposable Subscribe(IReaderEventSink sink)
    {
        lock (_gate)
        {
            _sinks.Add(sink);
        }

        return new Unsubscriber(this, sink);
    }

    /// <summary>Makes journal queries fail with an unexpected exception (to check nothing of it reaches the wire).</summary>
    public bool ThrowOnJournal { get; set; }

    public ValueTask<JournalPage> QueryJournalAsync(JournalQuery query, CancellationToken cancellationToken)
    {
        if (ThrowOnJournal)
        {
            throw new InvalidOperationException("database file /var/lib/readerkit/journal.db is locked (SECRET-DETAIL)");
        }

        lock (_gate)
        {
            var start = query.Cursor is null ? 0 : int.Parse(query.Cursor, CultureInfo.InvariantCulture);
            var matching = _journal.Where(r => (!query.OfflineOnly || r.Mode == ReaderModes.Offline) && (query.Reconciled is null || r.Reconciled == query.Reconciled)).ToList();
            var page = matching.Skip(start).Take(query.Limit).ToList();
            var next = start + page.Count < matching.Count ? (start + page.Count).ToString(CultureInfo.InvariantCulture) : null;
            return ValueTask.FromResult(new JournalPage(page, next));
        }
    }

    public ValueTask<JournalExportChunk> ExportJournalAsync(JournalExportRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var start = request.Cursor is null ? 0 : int.Parse(request.Cursor, CultureInfo.InvariantCulture);
            var text = new StringBuilder();
            if (start == 0 && request.Format == "csv")
            {
                text.Append("id,tsMs,verdict,mode,reconciled\n");
            }

            var i = start;
            for (; i < _journal.Count && text.Length < request.MaxBytes / 2; i++)
            {
                var r = _journal[i];
                text.Append(request.Format == "csv"
                    ? string.Create(CultureInfo.InvariantCulture, $"{r.Id},{r.TsMs},{r.Verdict},{r.Mode},{r.Reconciled}\n")
                    : string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"{r.Id}\",\"tsMs\":{r.TsMs},\"verdict\":\"{r.Verdict}\",\"mode\":\"{r.Mode}\"}}\n"));
            }

            var done = i >= _journal.Count;
            return ValueTask.FromResult(new JournalExportChunk(Encoding.UTF8.GetBytes(text.ToString()), done ? null : i.ToString(CultureInfo.InvariantCulture), done));
        }
    }

    /// <summary>The last <c>tap.printForm</c> the server passed on, with the fields it allowed.</summary>
    public (PrintFormRequest Request, IReadOnlySet<string> Fields)? LastPrint { get; private set; }

    /// <summary>When set, paperwork is refused with this code (as the host does for a tap that did not verify).</summary>
    public ErrorCode? RefusePaperwork { get; set; }

    public ValueTask<PrintedForm> PrintFormAsync(PrintFormRequest request, IReadOnlySet<string> printFields, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            LastPrint = (request, printFields);
        }

        if (RefusePaperwork is { } code)
        {
            return ValueTask.FromException<PrintedForm>(new ReaderServiceException(code, "The tap did not verify; no paperwork is printed from it."));
        }

        var pdf = Encoding.UTF8.GetBytes($"%PDF-1.7 fake {request.Kind} {request.SlipWidthMm} {string.Join('+', printFields.Order(StringComparer.Ordinal))}");
        return ValueTask.FromResult(new PrintedForm(request.TapId, "01JH-3K5M-8Q2R-7XZW", request.Kind, pdf, "00112233445566778899aabbccddeeff"));
    }

    public ValueTask<int> MarkReconciledAsync(IReadOnlyList<string> recordIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var marked = 0;
            for (var i = 0; i < _journal.Count; i++)
            {
                if (!_journal[i].Reconciled && recordIds.Contains(_journal[i].Id))
                {
                    _journal[i] = _journal[i] with { Reconciled = true };
                    marked++;
                }
            }

            return ValueTask.FromResult(marked);
        }
    }

    public void SetCardPresent(bool present)
    {
        lock (_gate)
        {
            _cardPresent = present;
        }

        Emit(present ? new CardPresentEvent("nfc0") : new CardRemovedEvent("nfc0"));
    }

    public void SetMode(string mode)
    {
        lock (_gate)
        {
            _mode = mode;
        }

        Emit(new ReaderModeEvent(mode, "probe"));
    }

    /// <summary>Raises an event to every sink (stamped with the time), like the reader loop does.</summary>
    public void Emit(ReaderEvent readerEvent)
    {
        IReaderEventSink[] sinks;
        lock (_gate)
        {
            sinks = [.. _sinks];
        }

        var stamped = readerEvent with { TsMs = _time.GetUtcNow().ToUnixTimeMilliseconds() };
        foreach (var sink in sinks)
        {
            sink.OnEvent(stamped);
        }
    }

    private async Task RunTapAsync(string tapId, TapOptions options, string? requestId, bool accepted, CancellationToken token)
    {
        var started = _time.GetUtcNow();
        TapResult result;
        try
        {
            var steps = new List<string> { TapSteps.CardPresent, TapSteps.CredentialChecked };
            if (accepted)
            {
                steps.AddRange([TapSteps.CardFaceRead, TapSteps.SignaturesChecked, TapSteps.ChipChallenge]);
                if (options.Face == true)
                {
                    steps.AddRange([TapSteps.FaceCaptured, TapSteps.FaceMatched]);
                }
            }

            foreach (var step in steps)
            {
                await StepAsync(tapId, step, token).ConfigureAwait(false);
                if (step == TapSteps.FaceCaptured)
                {
                    Emit(new FacePromptEvent(tapId, FacePromptKinds.Blink, 0, 2));
                    await Task.Delay(StepDelay, token).ConfigureAwait(false);
                    Emit(new FacePromptEvent(tapId, FacePromptKinds.TurnLeft, 1, 2));
                }
            }

            result = accepted
                ? new TapResult(tapId, VerdictKind.Accepted)
                {
                    Checks = [new CheckLine("surface.cvc", CheckLineStatus.Pass, "chains to CA 0001"), new CheckLine("surface.challenge", CheckLineStatus.Pass, "chip key signed a fresh challenge")],
                    Retries = [new Retries("surface.number-b", 10, 3, true)],
                    Face = options.Face == true ? new FaceOutcome("matched") { Score = 0.97, Threshold = 0.94, Frames = 6 } : null,
                    Fields = new PersonalFields
                    {
                        Name = "山田 太郎",
                        Address = "東京都千代田区千代田1-1",
                        BirthDate = "1980-02-17",
                        Sex = "男",
                        ExpiryDate = "2031-02-17",
                        Photo = ChipPhoto,
                    }.Restrict(options.Fields),
                    Anchor = "0001 (built-in)",
                }
                : new TapResult(tapId, VerdictKind.CredentialRefused)
                {
                    Error = Protocol.RpcError.From(ErrorCode.CredentialRejected, "The card rejected 照合番号B; one try was spent."),
                    Retries = [new Retries("surface.number-b", 10, 3, true, 9)],
                };
        }
        catch (OperationCanceledException)
        {
            result = new TapResult(tapId, VerdictKind.Cancelled) { Error = Protocol.RpcError.From(ErrorCode.Cancelled, "The tap was cancelled.") };
        }

        var completed = _time.GetUtcNow();
        result = result with
        {
            Mode = GetStatus().Mode,
            RequestId = requestId,
            StartedAtMs = started.ToUnixTimeMilliseconds(),
            CompletedAtMs = completed.ToUnixTimeMilliseconds(),
            TimingsMs = new Dictionary<string, long> { ["total"] = (long)(completed - started).TotalMilliseconds },
        };
        lock (_gate)
        {
            _runningTap = null;
            _journal.Add(new JournalRecord("j" + (_journal.Count + 1).ToString(CultureInfo.InvariantCulture), result.CompletedAtMs, result.Verdict, result.Mode) { Error = result.Error, Checks = result.Checks });
        }

        Emit(new TapResultEvent(tapId, result));
    }

    private async Task StepAsync(string tapId, string step, CancellationToken token)
    {
        await Task.Delay(StepDelay, token).ConfigureAwait(false);
        Task? hold = null;
        lock (_gate)
        {
            if (_holdStep == step && _hold is not null)
            {
                hold = _hold.Task;
                _holdStep = null;
            }
        }

        Emit(new TapProgressEvent(tapId, step));
        if (hold is not null)
        {
            HeldReached.TrySetResult();
            await hold.WaitAsync(token).ConfigureAwait(false);
        }
    }

    private sealed class Unsubscriber(FakeReaderService owner, IReaderEventSink sink) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._sinks.Remove(sink);
            }
        }
    }
}
