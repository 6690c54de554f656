using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReaderKit.Contracts;
using ReaderKit.Forms;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Diagnostics;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Messages;
using ReaderKit.Host.Outage;
using ReaderKit.Host.Paperwork;
using ReaderKit.Host.Reader;
using ReaderKit.Host.Status;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;
using ReaderKit.Rpc;
using HostEvent = ReaderKit.Host.Reader.ReaderEvent;
using HostFace = ReaderKit.Host.Reader.FaceOutcome;
using HostTapOptions = ReaderKit.Host.Reader.TapOptions;
using HostTapResult = ReaderKit.Host.Reader.TapResult;
using WireAnchor = ReaderKit.Protocol.Messages.TrustAnchorInfo;
using WireFace = ReaderKit.Protocol.Messages.FaceOutcome;
using WireRecord = ReaderKit.Protocol.Messages.JournalRecord;
using WireTapResult = ReaderKit.Protocol.Messages.TapResult;

namespace ReaderKit.Host.Rpc;

/// <summary>
/// The host's <see cref="IReaderService"/>: what the RPC server and the folder exchange drive. Taps go to the
/// <see cref="ReaderStateMachine"/> under one machine lease this service holds (the RPC server's own lease manager
/// decides which client may drive it); reader events are translated into protocol notifications on the loop's thread
/// (a sink only copies into its bounded queue), and each started tap ends with exactly one <see cref="TapResultEvent"/>
/// built from the machine's <see cref="HostTapResult"/>, carrying the journal record id. Journal queries and the
/// reconciliation export read <see cref="TapJournal"/> and never return a personal field.
/// </summary>
/// <remarks>
/// 照合番号B is copied from the request into a <see cref="Card.Credentials.VerificationNumberB"/> before
/// <see cref="StartTapAsync"/> returns (the server zeroes its buffer then); the machine disposes (zeroes) that copy when
/// the tap ends, whatever happened. Personal fields are passed on only when the caller asked for them and the host
/// releases them (<c>Rpc:ReleaseFields</c>); the server strips them again for every other client.
/// </remarks>
public sealed partial class HostReaderService : IReaderService, IDisposable
{
    private const string LeaseCaller = "rpc";

    /// <summary>How many finished taps' journal record ids are remembered for <c>tap.printForm</c> (the server keeps 16 results).</summary>
    internal const int RememberedTaps = 64;

    private readonly ReaderStateMachine? _machine;
    private readonly HostHealth _health;
    private readonly TapJournal _journal;
    private readonly ReaderOptions _reader;
    private readonly RpcOptions _rpc;
    private readonly TimeProvider _time;
    private readonly ILogger<HostReaderService> _log;
    private readonly IServiceProvider _services;
    private readonly long _startedAt;
    private readonly Lock _gate = new();
    private readonly Lock _emitGate = new();
    private readonly List<IReaderEventSink> _sinks = [];
    private readonly Dictionary<string, JournalRecordId?> _records = new(StringComparer.Ordinal);
    private readonly Queue<string> _recordOrder = new();
    private readonly IDisposable _listener;
    private ReaderLease? _lease;
    private CurrentTap? _current;
    private TrustInfo? _trust;

    public HostReaderService(
        IServiceProvider services, HostHealth health, TapJournal journal, ReaderEventHub events, IOptions<ReaderOptions> reader, IOptions<RpcOptions> rpc,
        TimeProvider time, ILogger<HostReaderService> log)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(rpc);
        _services = services;
        _machine = services.GetService<ITapRunner>() is null || services.GetService<ICardField>() is null ? null : services.GetRequiredService<ReaderStateMachine>();
        _health = health;
        _journal = journal;
        _reader = reader.Value;
        _rpc = rpc.Value;
        _time = time;
        _log = log;
        _startedAt = time.GetTimestamp();
        _listener = events.Listen(OnReaderEvent);
    }

    /// <summary>The tap now running, or null.</summary>
    public string? CurrentTapId => Volatile.Read(ref _current)?.TapId;

    /// <inheritdoc />
    public ReaderStatus GetStatus()
    {
        var faults = _health.Faults;
        var readerFault = faults.FirstOrDefault(f => f.StartsWith("reader:", StringComparison.Ordinal));
        if (_machine is null)
        {
            return new ReaderStatus(ReaderStates.Unavailable, ModeName(_health.Mode), false, false)
            {
                Detail = readerFault ?? "reader: " + ReaderLoopService.NotWiredFault,
            };
        }

        var state = _machine.State;
        return new ReaderStatus(StateName(state), ModeName(_health.Mode), state is >= ReaderState.CardPresent and <= ReaderState.WaitingForRemoval, readerFault is null && state != ReaderState.Stopped)
        {
            CurrentTapId = CurrentTapId,
            Detail = readerFault ?? (state == ReaderState.Stopped ? "the reader loop has stopped" : faults.FirstOrDefault()),
        };
    }

    /// <inheritdoc />
    public DeviceInfo GetDeviceInfo()
    {
        var version = typeof(HostReaderService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        var description = _services.GetService<IReaderDescription>();
        return new DeviceInfo(_reader.DeviceId, description?.Model ?? "ReaderKit reader", "readerkit-host/" + version.Split('+')[0])
        {
            ReaderLink = description?.ReaderLink,
            ReaderFirmware = description?.ReaderFirmware,
            CameraPresent = description?.CameraPresent ?? false,
            UptimeMs = (long)_time.GetElapsedTime(_startedAt).TotalMilliseconds,
        };
    }

    /// <inheritdoc />
    public TrustInfo GetTrustInfo()
    {
        var cached = Volatile.Read(ref _trust);
        if (cached is not null)
        {
            return cached;
        }

        var source = _services.GetService<ITrustAnchorSource>();
        IReadOnlyList<WireAnchor> anchors;
        try
        {
            source ??= new TrustStoreAnchorSource(Trust.TrustStore.Load(_reader.TrustFile));
            anchors = [.. source.Anchors().Select(a => new WireAnchor(
                a.Name, a.Advisory ? "jpkiRoot" : "cvcIssuer", a.NotAfter?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.IsTestAnchor))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Trust.TrustStoreFormatException)
        {
            throw new ReaderServiceException(ErrorCode.ReaderUnavailable, "The trust store could not be read; see readerkit doctor.");
        }

        var info = new TrustInfo(_reader.TrustFile is null ? "built-in" : "built-in + " + Path.GetFileName(_reader.TrustFile), anchors, _reader.Simulation.Enabled);
        Volatile.Write(ref _trust, info);
        return info;
    }

    /// <inheritdoc />
    public ValueTask StartTapAsync(string tapId, TapStartRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tapId);
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (_machine is null)
        {
            throw new ReaderServiceException(ErrorCode.ReaderUnavailable, "No tap runner is wired into this host; see readerkit doctor.");
        }

        var fields = request.Options.Fields;
        foreach (var field in fields)
        {
            if (!_rpc.ReleaseFields.Contains(field, StringComparer.Ordinal))
            {
                throw new ReaderServiceException(ErrorCode.InvalidInput, $"This host does not release the personal field '{field}' (Rpc:ReleaseFields).");
            }
        }

        if (request.Options.Face == false && !request.Options.StaffAssisted)
        {
            throw new ReaderServiceException(ErrorCode.InvalidInput, "face:false is only possible with staffAssisted: the holder is always checked.");
        }

        if (request.Options.TimeoutMs is { } ms && ms <= 0)
        {
            throw new ReaderServiceException(ErrorCode.InvalidInput, "timeoutMs must be positive.");
        }

        var options = new HostTapOptions
        {
            Identity = request.Options.StaffAssisted ? IdentityCheck.Staff : IdentityCheck.Face,
            StaffPresent = request.Options.StaffAssisted,
            ReturnPersonalFields = fields.Any(f => f is not PersonalField.Photo and not PersonalField.LiveFrame),
            ReturnChipPhoto = fields.Contains(PersonalField.Photo),
            ReturnLiveFrame = fields.Contains(PersonalField.LiveFrame),
            RequireFace = request.Options.RequireFace == true,
            Deadline = request.Options.TimeoutMs is { } t ? TimeSpan.FromMilliseconds(t) : null,
            ReadTextAp = request.Options.Text,
            ReadJpki = request.Options.Jpki,
        };
        var current = new CurrentTap(tapId, request.RequestId, [.. fields], _time.GetUtcNow());
        lock (_gate)
        {
            if (_current is not null)
            {
                throw new ReaderServiceException(ErrorCode.ReaderBusy, "A tap is already running on this reader.");
            }

            var numberB = NumberBConversion.ToCardCredential(request.NumberB);
            Task<HostTapResult> completion;
            try
            {
                var lease = EnsureLease();
                _current = current;
                completion = _machine.SubmitAsync(lease, numberB, options, CancellationToken.None);
            }
            catch (ReaderException e)
            {
                _current = null;
                throw new ReaderServiceException(e.Code, e.Message);
            }

            // SubmitAsync took ownership of numberB: it is disposed when the tap ends, or already was on refusal.
            _ = completion.ContinueWith(t => Complete(current, t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        LogTapStarted(tapId);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public bool CancelTap(string tapId)
    {
        if (_machine is null)
        {
            return false;
        }

        lock (_gate)
        {
            if (_current?.TapId != tapId)
            {
                return false;
            }

            try
            {
                return _machine.Cancel(EnsureLease());
            }
            catch (ReaderException e)
            {
                throw new ReaderServiceException(e.Code, e.Message);
            }
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe(IReaderEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_emitGate)
        {
            _sinks.Add(sink);
        }

        return new Unsubscriber(this, sink);
    }

    /// <inheritdoc />
    public ValueTask<JournalPage> QueryJournalAsync(JournalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, 500);
        var records = Records(query.SinceMs, query.OfflineOnly, query.Cursor);
        var page = new List<WireRecord>(limit);
        string? next = null;
        foreach (var r in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (query.UntilMs is { } until && r.StartedAt.ToUnixTimeMilliseconds() > until)
            {
                break;
            }

            if (query.Reconciled is { } reconciled && (r.ReconciledAt is not null) != reconciled)
            {
                continue;
            }

            if (page.Count == limit)
            {
                next = page[^1].Id;
                break;
            }

            page.Add(ToWire(r));
        }

        return ValueTask.FromResult(new JournalPage(page, next));
    }

    /// <inheritdoc />
    public ValueTask<JournalExportChunk> ExportJournalAsync(JournalExportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = request.Format switch
        {
            "jsonl" => JournalExportFormat.Jsonl,
            "csv" => JournalExportFormat.Csv,
            _ => throw new ReaderServiceException(ErrorCode.InvalidInput, "format must be jsonl or csv."),
        };
        var maxBytes = Math.Clamp(request.MaxBytes, 1024, 1024 * 1024);
        long offset = 0;
        if (request.Cursor is { } cursor && (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            throw new ReaderServiceException(ErrorCode.InvalidInput, "cursor is not one this host issued.");
        }

        // The export is regenerated per chunk and sliced by byte offset: records are appended in time order, so a
        // chunk boundary stays where it was while new taps are journaled (a purge in between may shift it).
        using var buffer = new MemoryStream();
        var paperwork = _services.GetService<OutagePaperwork>();
        try
        {
            JournalExporter.Write(Records(request.SinceMs, request.OfflineOnly, null), buffer, format, paperwork is null ? null : paperwork.ReceiptHash);
        }
        catch (JournalUnavailableException e)
        {
            throw new ReaderServiceException(ErrorCode.JournalUnavailable, e.Message);
        }

        var all = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (offset > all.Length)
        {
            throw new ReaderServiceException(ErrorCode.InvalidInput, "cursor is past the end of the export.");
        }

        var take = (int)Math.Min(maxBytes, all.Length - offset);
        var data = all.Slice((int)offset, take).ToArray();
        var end = offset + take;
        var done = end >= all.Length;
        return ValueTask.FromResult(new JournalExportChunk(data, done ? null : end.ToString(CultureInfo.InvariantCulture), done));
    }

    /// <inheritdoc />
    public ValueTask<int> MarkReconciledAsync(IReadOnlyList<string> recordIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var ids = new List<JournalRecordId>(recordIds.Count);
        foreach (var text in recordIds)
        {
            if (!JournalRecordId.TryParse(text, out var id))
            {
                throw new ReaderServiceException(ErrorCode.InvalidInput, "ids holds something that is not a journal record id.");
            }

            ids.Add(id);
        }

        try
        {
            var missing = _journal.MarkReconciled(ids, "rpc");
            return ValueTask.FromResult(ids.Count - missing.Count);
        }
        catch (JournalUnavailableException e)
        {
            throw new ReaderServiceException(ErrorCode.JournalUnavailable, e.Message);
        }
    }

    /// <inheritdoc />
    public ValueTask<PrintedForm> PrintFormAsync(PrintFormRequest request, IReadOnlySet<string> printFields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(printFields);
        cancellationToken.ThrowIfCancellationRequested();
        JournalRecordId? recordId;
        bool known;
        lock (_gate)
        {
            known = _records.TryGetValue(request.TapId, out recordId);
        }

        if (!known)
        {
            throw new ReaderServiceException(ErrorCode.RecordNotFound, "This host no longer knows that tap's journal record.");
        }

        if (recordId is not { } id)
        {
            throw new ReaderServiceException(ErrorCode.RecordNotFound, "The tap left no journal record (see Journal:Enabled); no paperwork can be printed from it.");
        }

        var paperwork = _services.GetService<OutagePaperwork>()
            ?? throw new ReaderServiceException(ErrorCode.ReaderUnavailable, "This reader does not print outage paperwork.");
        var slip = request.Kind == PrintFormRequest.SlipKind;
        try
        {
            var form = paperwork.BuildForm(id, printFields);
            var pdf = slip
                ? ReceiptSlipRenderer.RenderPdf(form.Receipt, request.SlipWidthMm switch
                {
                    null => paperwork.SlipWidth,
                    58 => SlipWidth.Mm58,
                    80 => SlipWidth.Mm80,
                    _ => throw new ReaderServiceException(ErrorCode.InvalidInput, "slipWidthMm must be 58 or 80."),
                }, paperwork.FormOptions)
                : OutageFormRenderer.RenderPdf(form, paperwork.FormOptions);
            return ValueTask.FromResult(new PrintedForm(request.TapId, id.ToString(), request.Kind, pdf, form.Receipt.Hash));
        }
        catch (RecordNotFoundException)
        {
            throw new ReaderServiceException(ErrorCode.RecordNotFound, "The tap's journal record is no longer kept.");
        }
        catch (FormInputException e)
        {
            throw new ReaderServiceException(ErrorCode.InvalidInput, e.Message);
        }
        catch (FormFontUnavailableException e)
        {
            throw new ReaderServiceException(ErrorCode.ConfigurationInvalid, e.Message);
        }
        catch (JournalUnavailableException e)
        {
            throw new ReaderServiceException(ErrorCode.JournalUnavailable, e.Message);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    /// <summary>The wire name of a reader state.</summary>
    internal static string StateName(ReaderState state) => state switch
    {
        ReaderState.Idle => ReaderStates.Idle,
        ReaderState.CardPresent => ReaderStates.CardPresent,
        ReaderState.WaitingForNumberB => ReaderStates.WaitingForNumberB,
        ReaderState.Reading => ReaderStates.Reading,
        ReaderState.Verifying => ReaderStates.Verifying,
        ReaderState.Face => ReaderStates.Face,
        ReaderState.AwaitingStaff => "awaitingStaff",
        ReaderState.Result => ReaderStates.Result,
        ReaderState.WaitingForRemoval => ReaderStates.WaitingForRemoval,
        _ => ReaderStates.Unavailable,
    };

    internal static string ModeName(OperatingMode mode) => mode switch
    {
        OperatingMode.Online => ReaderModes.Online,
        OperatingMode.Offline => ReaderModes.Offline,
        _ => ReaderModes.Unknown,
    };

    internal static string StepName(ProgressStep step) => step switch
    {
        ProgressStep.CardPresent => TapSteps.CardPresent,
        ProgressStep.CredentialChecked => TapSteps.CredentialChecked,
        ProgressStep.CardFaceRead => TapSteps.CardFaceRead,
        ProgressStep.SignaturesChecked => TapSteps.SignaturesChecked,
        ProgressStep.ChipChallenge => TapSteps.ChipChallenge,
        ProgressStep.FaceCaptured => TapSteps.FaceCaptured,
        ProgressStep.FaceMatched => TapSteps.FaceMatched,
        _ => TapSteps.Result,
    };

    internal static string? FacePromptName(PromptKind prompt) => prompt switch
    {
        PromptKind.LookAtCamera => FacePromptKinds.LookAtCamera,
        PromptKind.Blink => FacePromptKinds.Blink,
        PromptKind.TurnHeadLeft => FacePromptKinds.TurnLeft,
        PromptKind.TurnHeadRight => FacePromptKinds.TurnRight,
        PromptKind.HoldStill => FacePromptKinds.HoldStill,
        PromptKind.RemoveMaskOrGlasses => FacePromptKinds.RemoveMaskOrGlasses,
        PromptKind.StaffCheckRequired => FacePromptKinds.StaffCheck,
        _ => null, // card prompts (place, remove, 照合番号B) are shown by the kiosk from the state, not sent as face prompts
    };

    /// <summary>The protocol's result for one finished tap.</summary>
    internal static WireTapResult ToWire(string tapId, string? requestId, IReadOnlyCollection<string> fields, DateTimeOffset startedAt, HostTapResult r, DateTimeOffset completedAt)
    {
        var timings = r.Timings.ToDictionary(p => p.Key, p => (long)p.Value.TotalMilliseconds, StringComparer.Ordinal);
        return new WireTapResult(tapId, r.Verdict)
        {
            Error = r.Error == ErrorCode.Ok ? null : RpcError.From(r.Error, ErrorCodes.Info(r.Error).Description),
            Checks = r.Checks,
            TimingsMs = timings,
            Anchor = r.TrustAnchor,
            Face = Face(r),
            Fields = Fields(r.Personal, r.LiveFrame, fields),
            Mode = ModeName(r.Mode),
            RequestId = requestId,
            StartedAtMs = (r.StartedAt ?? startedAt).ToUnixTimeMilliseconds(),
            CompletedAtMs = (r.FinishedAt ?? completedAt).ToUnixTimeMilliseconds(),
            RecordId = r.RecordId?.ToString(),
        };
    }

    private static WireFace? Face(HostTapResult r)
    {
        if (r.Identity == IdentityMethod.ConfirmedVisuallyByStaff)
        {
            return new WireFace("staffConfirmed") { OperatorId = r.StaffOperatorId, Score = r.FaceScore, Threshold = r.FaceThreshold };
        }

        if (r.Error == ErrorCode.StaffConfirmationRefused)
        {
            return new WireFace("staffRefused") { Score = r.FaceScore, Threshold = r.FaceThreshold };
        }

        var decision = r.Face switch
        {
            HostFace.Matched => "matched",
            HostFace.NotMatched => "notMatched",
            HostFace.AttackSuspected => "attackSuspected",
            HostFace.Inconclusive => "inconclusive",
            HostFace.NotChecked => "notChecked",
            _ => null,
        };
        return decision is null ? null : new WireFace(decision) { Score = r.FaceScore, Threshold = r.FaceThreshold };
    }

    private static PersonalFields? Fields(PersonalData? personal, byte[]? liveFrame, IReadOnlyCollection<string> asked)
    {
        if ((personal is null && liveFrame is null) || asked.Count == 0)
        {
            return null;
        }

        var all = new PersonalFields
        {
            Name = personal?.Name,
            Address = personal?.Address,
            BirthDate = personal?.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Sex = personal?.Sex is { } sex ? SexAsPrinted(sex) : null,
            Photo = personal?.Photo,
            LiveFrame = liveFrame,
        };
        return all.Restrict(asked);
    }

    // As printed on the card face (PROTOCOL.md "Personal fields"): the JIS X 0303 / ISO/IEC 5218 names of the card's digit.
    private static string SexAsPrinted(Card.Records.Sex sex) => sex switch
    {
        Card.Records.Sex.Male => "男",
        Card.Records.Sex.Female => "女",
        Card.Records.Sex.NotApplicable => "適用不能",
        _ => "不明",
    };

    private static WireRecord ToWire(Journal.JournalRecord r) => new(r.Id.ToString(), r.StartedAt.ToUnixTimeMilliseconds(), r.Verdict, ModeName(r.Mode))
    {
        Error = r.Error == ErrorCode.Ok ? null : RpcError.From(r.Error, ErrorCodes.Info(r.Error).Description),
        Reconciled = r.ReconciledAt is not null,
        Anchor = r.TrustAnchor,
        CardKey = r.CardHash,
        Checks = r.Checks,
    };

    private IEnumerable<Journal.JournalRecord> Records(long? sinceMs, bool offlineOnly, string? cursor)
    {
        JournalRecordId? after = null;
        if (cursor is not null)
        {
            after = JournalRecordId.TryParse(cursor, out var id) ? id : throw new ReaderServiceException(ErrorCode.InvalidInput, "cursor is not one this host issued.");
        }

        IReadOnlyList<Journal.JournalRecord> records;
        try
        {
            var since = sinceMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, ms)) : DateTimeOffset.UnixEpoch;
            if (after is { } a)
            {
                var from = _journal.Get(a).StartedAt;
                since = from > since ? from : since;
            }

            records = _journal.Query(since, offlineOnly);
        }
        catch (RecordNotFoundException)
        {
            throw new ReaderServiceException(ErrorCode.InvalidInput, "cursor names a record that is no longer kept.");
        }
        catch (JournalUnavailableException e)
        {
            throw new ReaderServiceException(ErrorCode.JournalUnavailable, e.Message);
        }

        if (after is not { } last)
        {
            return records;
        }

        // Records are in (start time, insertion) order; resume just after the cursor's record.
        var index = records.ToList().FindIndex(r => r.Id == last);
        return index < 0 ? records : records.Skip(index + 1);
    }

    private ReaderLease EnsureLease()
    {
        // The machine's lease is this service's; the RPC server's lease manager arbitrates between clients. Renew it rather
        // than acquire again: the machine extends it at every tap, so this copy's expiry is stale, and acquiring while the
        // machine still holds it would refuse this service its own reader (LeaseHeld) until the extension ran out.
        if (_lease is { } held && _machine!.TryRenewLease(held) is { } renewed)
        {
            _lease = renewed;
            return renewed;
        }

        _lease = _machine!.AcquireLease(LeaseCaller);
        return _lease;
    }

    private void Complete(CurrentTap tap, Task<HostTapResult> finished)
    {
        var now = _time.GetUtcNow();
        HostTapResult result = finished.IsCompletedSuccessfully
            ? finished.Result
            : new HostTapResult
            {
                Verdict = VerdictKind.ReaderError,
                Error = ErrorCode.InternalError,
                Identity = IdentityMethod.None,
                Mode = _health.Mode,
                Checks = [new CheckLine("tap.internal", CheckLineStatus.Fail, "the tap failed unexpectedly; see the host log")],
            };
        if (finished.Exception is { } e)
        {
            LogTapFaulted(tap.TapId, e.InnerException?.GetType().Name ?? e.GetType().Name);
        }

        var wire = ToWire(tap.TapId, tap.RequestId, tap.Fields, tap.StartedAt, result, now);
        lock (_gate)
        {
            if (ReferenceEquals(_current, tap))
            {
                _current = null;
            }

            if (_records.TryAdd(tap.TapId, result.RecordId))
            {
                _recordOrder.Enqueue(tap.TapId);
                while (_recordOrder.Count > RememberedTaps)
                {
                    _records.Remove(_recordOrder.Dequeue());
                }
            }
        }

        Emit(new TapResultEvent(tap.TapId, wire) { TsMs = now.ToUnixTimeMilliseconds() });
        LogTapFinished(tap.TapId, result.Verdict, result.RecordId?.ToString() ?? "-");
    }

    private void OnReaderEvent(HostEvent e)
    {
        var ts = e.At.ToUnixTimeMilliseconds();
        var tap = Volatile.Read(ref _current);
        Protocol.Events.ReaderEvent? wire = e.Kind switch
        {
            ReaderEventKind.CardPresent => new CardPresentEvent(_reader.DeviceId),
            ReaderEventKind.CardRemoved => new CardRemovedEvent(_reader.DeviceId),
            // The state machine republishes the current step with every face prompt; the wire sends each step once.
            ReaderEventKind.Progress when tap is not null && e.Step is { } step && tap.FirstReport(step) => new TapProgressEvent(tap.TapId, StepName(step)),
            ReaderEventKind.Prompt or ReaderEventKind.StaffCheckRequired when tap is not null && e.Prompt is { } p && FacePromptName(p) is { } kind =>
                new FacePromptEvent(tap.TapId, kind, e.PromptIndex ?? tap.NextPromptIndex(), e.PromptCount ?? 0),
            ReaderEventKind.ModeChanged when e.Mode is { } mode => new ReaderModeEvent(ModeName(mode)),
            _ => null,
        };
        if (wire is not null)
        {
            Emit(wire with { TsMs = ts });
        }
    }

    private void Emit(Protocol.Events.ReaderEvent e)
    {
        lock (_emitGate)
        {
            foreach (var sink in _sinks)
            {
                try
                {
                    sink.OnEvent(e);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogSinkFailed(ex.GetType().Name);
                }
            }
        }
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "RPC tap {TapId} started")]
    private partial void LogTapStarted(string tapId);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "RPC tap {TapId} finished: {Verdict}, record {RecordId}")]
    private partial void LogTapFinished(string tapId, VerdictKind verdict, string recordId);

    [LoggerMessage(EventId = 602, Level = LogLevel.Error, Message = "RPC tap {TapId} faulted with {ExceptionType}")]
    private partial void LogTapFaulted(string tapId, string exceptionType);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "An event sink threw {ExceptionType}; the event was dropped for it")]
    private partial void LogSinkFailed(string exceptionType);

    private sealed class CurrentTap(string tapId, string? requestId, IReadOnlyCollection<string> fields, DateTimeOffset startedAt)
    {
        private int _prompts;
        private int _stepsSent;

        public string TapId { get; } = tapId;

        public string? RequestId { get; } = requestId;

        public IReadOnlyCollection<string> Fields { get; } = fields;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public int NextPromptIndex() => Interlocked.Increment(ref _prompts) - 1;

        /// <summary>True the first time <paramref name="step"/> is reported for this tap (PROTOCOL.md 7: each step once).</summary>
        public bool FirstReport(ProgressStep step)
        {
            var bit = 1 << Math.Clamp((int)step, 0, 30);
            return (Interlocked.Or(ref _stepsSent, bit) & bit) == 0;
        }
    }

    private sealed class Unsubscriber(HostReaderService owner, IReaderEventSink sink) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._emitGate)
            {
                owner._sinks.Remove(sink);
            }
        }
    }
}
