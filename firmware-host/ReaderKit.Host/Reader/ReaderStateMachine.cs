using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReaderKit.Card.Credentials;
using ReaderKit.Contracts;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Gpio;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Logging;
using ReaderKit.Host.Messages;
using ReaderKit.Host.Outage;
using ReaderKit.Host.Status;
using ReaderKit.Host.Systemd;

namespace ReaderKit.Host.Reader;

/// <summary>
/// The reader loop as an explicit state machine: <c>Idle → CardPresent → WaitingForNumberB → Reading → Verifying →
/// Face → (AwaitingStaff) → Result → WaitingForRemoval → Idle</c>. One tap at a time; callers drive it under a lease
/// (<see cref="AcquireLease"/>), so two clients never drive the same tap. Every wait is bounded (<c>Reader:*Wait</c>,
/// <c>Reader:TapDeadline</c>) and cancellable; whatever happens, at the end of a tap the card is released and the
/// 照合番号B is disposed (zeroed).
/// </summary>
/// <remarks>
/// Fail closed: a verdict of ACCEPT without a face match when a face is required becomes FaceNotAccepted (and may go
/// to staff); an inconsistent verdict or a runner exception becomes ReaderError/InternalError; an ACCEPT is never
/// invented. The staff-assisted path is taken only when the card is fully verified, a verified chip photo exists, and
/// either the operator chose the visual check or the face step could not complete (inconclusive, no camera) with staff
/// present; a face that did not match or an attack never falls back to staff. The watchdog is fed by the loop itself:
/// each poll, each progress step, and while a step is still inside its deadline — a step that overruns its deadline
/// stops the pings.
/// </remarks>
public sealed partial class ReaderStateMachine : IReaderStateSource
{
    private static readonly TimeSpan WatchdogGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(2);

    private readonly ITapRunner _runner;
    private readonly ICardField _field;
    private readonly TapJournal _journal;
    private readonly HostHealth _health;
    private readonly StatusIndicator _indicator;
    private readonly WatchdogHeartbeat _heartbeat;
    private readonly ReaderEventHub _events;
    private readonly SecretRedactor _redactor;
    private readonly ReaderOptions _options;
    private readonly bool _journalKeepsPersonal;
    private readonly bool _journalKeepsNameOrAddress;
    private readonly TimeProvider _time;
    private readonly ILogger<ReaderStateMachine> _log;
    private readonly Lock _gate = new();
    private ReaderLease? _lease;
    private PendingTap? _pending;
    private TaskCompletionSource _requestArrived = NewSignal();
    private TaskCompletionSource<StaffDecision>? _staff;
    private byte[]? _staffPhoto;
    private volatile ReaderState _state = ReaderState.Idle;

    public ReaderStateMachine(
        ITapRunner runner, ICardField field, TapJournal journal, HostHealth health, StatusIndicator indicator, WatchdogHeartbeat heartbeat,
        ReaderEventHub events, SecretRedactor redactor, IOptions<ReaderOptions> options, IOptions<JournalOptions> journalOptions, TimeProvider time, ILogger<ReaderStateMachine> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(journalOptions);
        _runner = runner;
        _field = field;
        _journal = journal;
        _health = health;
        _indicator = indicator;
        _heartbeat = heartbeat;
        _events = events;
        _redactor = redactor;
        _options = options.Value;
        _journalKeepsPersonal = journalOptions.Value.KeepPersonalFields.Count > 0;
        _journalKeepsNameOrAddress = journalOptions.Value.KeepPersonalFields.Any(f => f is "name" or "address");
        _time = time;
        _log = log;
    }

    /// <summary>The current state.</summary>
    public ReaderState State => _state;

    /// <inheritdoc />
    public string StateName => JournalExporter.Word(_state.ToString());

    /// <summary>The events hub this machine publishes to.</summary>
    public ReaderEventHub Events => _events;

    /// <summary>Takes the reader for <paramref name="callerId"/>.</summary>
    /// <exception cref="ReaderException"><see cref="ErrorCode.LeaseHeld"/> when another caller holds an unexpired lease.</exception>
    public ReaderLease AcquireLease(string callerId)
    {
        if (string.IsNullOrWhiteSpace(callerId) || callerId.Length > 64)
        {
            throw new ReaderException(ErrorCode.InvalidInput, "A caller id is 1-64 characters.");
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_lease is { } held && held.ExpiresAt > now)
            {
                throw new ReaderException(ErrorCode.LeaseHeld, $"The reader is leased by '{held.CallerId}' until {held.ExpiresAt:HH:mm:ss}Z.");
            }

            _lease = new ReaderLease(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), callerId, now + _options.LeaseDuration);
            return _lease;
        }
    }

    /// <summary>
    /// Extends <paramref name="lease"/> by <c>Reader:LeaseDuration</c> from now when it is still the reader's lease and has
    /// not lapsed (same token; a tap it drives keeps running). The machine extends a lease itself whenever its holder
    /// acts, so a holder must renew through here, never by acquiring again: its own copy may say the lease is about to
    /// lapse while the machine has already extended it.
    /// </summary>
    /// <returns>The renewed lease, or null when it lapsed or another caller holds the reader (acquire a new one).</returns>
    public ReaderLease? TryRenewLease(ReaderLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            if (_lease is not { } held || held.Token != lease.Token || held.ExpiresAt <= _time.GetUtcNow())
            {
                return null;
            }

            Renew(held);
            return _lease;
        }
    }

    /// <summary>Gives the lease back; a tap it is driving is cancelled.</summary>
    public void ReleaseLease(ReaderLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            if (_lease?.Token != lease.Token)
            {
                return;
            }

            _lease = null;
            if (_pending is { } p && p.LeaseToken == lease.Token)
            {
                p.Cancel.Cancel();
            }
        }
    }

    /// <summary>
    /// Submits 照合番号B for the next (or the present) card. Ownership of <paramref name="numberB"/> passes to the
    /// machine, which disposes it when the tap ends, or at once when the request is refused. Completes with the
    /// tap's result; cancelling <paramref name="cancellationToken"/> cancels the tap.
    /// </summary>
    /// <exception cref="ReaderException">No valid lease (<see cref="ErrorCode.Unauthorized"/>) or a tap already pending (<see cref="ErrorCode.ReaderBusy"/>).</exception>
    public Task<TapResult> SubmitAsync(ReaderLease lease, VerificationNumberB numberB, TapOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(numberB);
        ArgumentNullException.ThrowIfNull(options);
        PendingTap pending;
        lock (_gate)
        {
            try
            {
                Renew(lease);
                if (_pending is not null)
                {
                    throw new ReaderException(ErrorCode.ReaderBusy, "A tap is already pending on this reader.");
                }

                if (_state == ReaderState.Stopped)
                {
                    throw new ReaderException(ErrorCode.ReaderUnavailable, "The reader loop has stopped.");
                }
            }
            catch
            {
                numberB.Dispose();
                throw;
            }

            pending = new PendingTap(lease.Token, numberB, options, _time.GetTimestamp());
            _pending = pending;
            _requestArrived.TrySetResult();
        }

        if (_state == ReaderState.Idle)
        {
            // No card yet: ask for it (the kiosk shows it; the simulated customer taps the card on it).
            Publish(ReaderEventKind.Prompt, prompt: PromptKind.PlaceCard);
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => pending.Cancel.Cancel());
            pending.Completion.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }

        return pending.Completion.Task;
    }

    /// <summary>Cancels the lease holder's pending or running tap; false when there is none.</summary>
    public bool Cancel(ReaderLease lease)
    {
        lock (_gate)
        {
            Renew(lease);
            if (_pending is { } p)
            {
                p.Cancel.Cancel();
                return true;
            }

            return false;
        }
    }

    /// <summary>The verified chip photo while a staff check is pending (for the lease holder's screen), else null.</summary>
    public byte[]? StaffCheckPhoto(ReaderLease lease)
    {
        lock (_gate)
        {
            Renew(lease);
            return _staffPhoto;
        }
    }

    /// <summary>Records the staff member's decision on the pending staff check.</summary>
    /// <exception cref="ReaderException">No staff check pending, no valid lease, or a bad operator id.</exception>
    public void ConfirmByStaff(ReaderLease lease, string operatorId, bool confirmed)
    {
        if (string.IsNullOrWhiteSpace(operatorId) || operatorId.Length > 64 || operatorId.Any(char.IsControl))
        {
            throw new ReaderException(ErrorCode.InvalidInput, "An operator id is 1-64 printable characters.");
        }

        lock (_gate)
        {
            Renew(lease);
            if (_staff is null || !_staff.TrySetResult(new StaffDecision(operatorId.Trim(), confirmed)))
            {
                throw new ReaderException(ErrorCode.InvalidInput, "No staff check is pending.");
            }
        }
    }

    /// <summary>Runs the loop until <paramref name="cancellationToken"/> is cancelled (host shutdown).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await RunOneAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            SetState(ReaderState.Stopped);
            PendingTap? left;
            lock (_gate)
            {
                left = _pending;
                _pending = null;
            }

            if (left is not null)
            {
                left.NumberB.Dispose();
                left.Completion.TrySetResult(NoCardResult(VerdictKind.Cancelled, ErrorCode.Cancelled));
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunOneAsync(CancellationToken ct)
    {
        SetState(ReaderState.Idle);
        if (!await WaitForCardAsync(ct).ConfigureAwait(false))
        {
            return;
        }

        var startedAt = _time.GetUtcNow();
        var mode = _health.Mode;
        SetState(ReaderState.CardPresent);
        Publish(ReaderEventKind.CardPresent);
        var pending = TakePending();
        if (pending is null)
        {
            SetState(ReaderState.WaitingForNumberB);
            Publish(ReaderEventKind.Prompt, prompt: PromptKind.EnterNumberB);
            var (arrived, removed) = await WaitForRequestAsync(ct).ConfigureAwait(false);
            if (removed)
            {
                Publish(ReaderEventKind.CardRemoved);
                await ReleaseCardAsync().ConfigureAwait(false);
                return;
            }

            pending = arrived;
            if (pending is null)
            {
                Publish(ReaderEventKind.Prompt, prompt: PromptKind.TapAgain);
                await ReleaseCardAsync().ConfigureAwait(false);
                await WaitForRemovalAsync(ct).ConfigureAwait(false);
                return;
            }
        }

        TapResult result;
        var hold = _redactor.Hold();
        try
        {
            result = await RunTapAsync(pending, startedAt, mode, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            pending.Completion.TrySetResult(NoCardResult(VerdictKind.Cancelled, ErrorCode.Cancelled));
            throw;
        }
        finally
        {
            pending.NumberB.Dispose();
            lock (_gate)
            {
                if (ReferenceEquals(_pending, pending))
                {
                    _pending = null;
                }

                _requestArrived = NewSignal();
                _staff = null;
                if (_staffPhoto is not null)
                {
                    CryptographicOperations.ZeroMemory(_staffPhoto);
                    _staffPhoto = null;
                }
            }

            await ReleaseCardAsync().ConfigureAwait(false);
            hold.Dispose();
        }

        pending.Completion.TrySetResult(result);
        _ = BeepAsync(result.Verdict, ct);
        await WaitForRemovalAsync(ct).ConfigureAwait(false);
    }

    private async Task<TapResult> RunTapAsync(PendingTap pending, DateTimeOffset startedAt, OperatingMode mode, CancellationToken ct)
    {
        var options = pending.Options;
        var tapDeadline = options.Deadline is { } asked && asked > TimeSpan.Zero && asked < _options.TapDeadline ? asked : _options.TapDeadline;
        using var deadline = new CancellationTokenSource(tapDeadline, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, pending.Cancel.Token, deadline.Token);
        var deadlineAt = _time.GetUtcNow() + tapDeadline;
        var staffPossible = options.Identity == IdentityCheck.Staff || options.StaffPresent;
        var request = new TapRequest(pending.NumberB, options.Identity == IdentityCheck.Face, options.ReturnPersonalFields || options.ReturnChipPhoto || _journalKeepsPersonal || staffPossible)
        {
            ReadTextAp = options.ReadTextAp,
            ReadJpki = options.ReadJpki,
            ReadNameAndAddress = options.ReturnPersonalFields || _journalKeepsNameOrAddress,
            KeepLiveFrame = options.ReturnLiveFrame,
        };
        SetState(ReaderState.Reading);
        var progress = new SynchronousProgress<TapProgress>(OnProgress);

        TapVerdict verdict;
        try
        {
            verdict = await SupervisedAsync(_runner.RunAsync(request, progress, linked.Token), deadlineAt, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && !pending.Cancel.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            verdict = Failed(VerdictKind.ReaderError, ErrorCode.TapDeadlineExceeded, "tap.deadline", $"the tap did not finish within {tapDeadline.TotalSeconds:0.#} s");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && pending.Cancel.IsCancellationRequested)
        {
            verdict = Failed(VerdictKind.Cancelled, ErrorCode.Cancelled, "tap.cancelled", "cancelled by the caller");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRunnerFailed(e.GetType().Name);
            verdict = Failed(VerdictKind.ReaderError, ErrorCode.InternalError, "tap.internal", "the tap failed unexpectedly; see the host log");
        }

        verdict = Normalise(verdict, options);
        var identity = verdict.Kind == VerdictKind.Accepted
            ? (verdict.Face == FaceOutcome.Matched ? IdentityMethod.FaceMatched : IdentityMethod.NotRequired)
            : IdentityMethod.None;
        string? staffOperator = null;
        if (StaffEligible(verdict, options))
        {
            (verdict, identity, staffOperator) = await StaffCheckAsync(verdict, pending, ct).ConfigureAwait(false);
        }

        SetState(ReaderState.Result);
        var finishedAt = _time.GetUtcNow();
        JournalRecordId? recordId = null;
        string? journalError = null;
        if (verdict.Error != ErrorCode.CardNotPresent)
        {
            try
            {
                recordId = _journal.Append(new TapJournalEntry
                {
                    StartedAt = startedAt,
                    FinishedAt = finishedAt,
                    Verdict = verdict.Kind,
                    Error = verdict.Error,
                    Checks = verdict.Checks,
                    Timings = verdict.Timings,
                    Mode = mode,
                    TrustAnchor = verdict.TrustAnchor,
                    Identity = identity,
                    StaffOperatorId = staffOperator,
                    CardIdentity = verdict.CardIdentity,
                    Personal = verdict.Personal,
                });
                _health.ClearFault("journal");
            }
            catch (JournalUnavailableException e)
            {
                journalError = e.Message;
                _health.SetFault("journal", e.Message);
            }
        }

        Publish(ReaderEventKind.Result, recordId: recordId, verdict: verdict.Kind, error: verdict.Error);
        LogResult(recordId?.ToString() ?? "-", verdict.Kind, ErrorCodes.NameOf(verdict.Error), identity);
        var personal = options.ReturnPersonalFields && verdict.Personal is { } p ? p with { Photo = options.ReturnChipPhoto ? p.Photo : null } : null;
        if (personal is null && options.ReturnChipPhoto && verdict.Personal?.Photo is { } photo)
        {
            personal = new PersonalData(null, null, null, photo);
        }

        return new TapResult
        {
            RecordId = recordId,
            Verdict = verdict.Kind,
            Error = verdict.Error,
            Identity = identity,
            StaffOperatorId = staffOperator,
            Checks = verdict.Checks,
            Mode = mode,
            FaceScore = verdict.FaceScore,
            FaceThreshold = verdict.FaceThreshold,
            Personal = personal,
            LiveFrame = options.ReturnLiveFrame ? verdict.LiveFrame : null,
            JournalError = journalError,
            Face = verdict.Face,
            TrustAnchor = verdict.TrustAnchor,
            Timings = verdict.Timings,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
        };
    }

    private async Task<(TapVerdict, IdentityMethod, string?)> StaffCheckAsync(TapVerdict verdict, PendingTap pending, CancellationToken ct)
    {
        var decision = new TaskCompletionSource<StaffDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _staff = decision;
            _staffPhoto = (byte[])verdict.Personal!.Photo!.Clone();
        }

        SetState(ReaderState.AwaitingStaff);
        Publish(ReaderEventKind.StaffCheckRequired, prompt: PromptKind.StaffCheckRequired);
        var until = _time.GetUtcNow() + _options.StaffWait;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, pending.Cancel.Token);
        while (!decision.Task.IsCompleted && _time.GetUtcNow() < until && !linked.IsCancellationRequested)
        {
            _heartbeat.Beat();
            try
            {
                await decision.Task.WaitAsync(_options.PollInterval, _time, linked.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
            }
        }

        ct.ThrowIfCancellationRequested();
        var checks = verdict.Checks.ToList();
        if (decision.Task.IsCompletedSuccessfully)
        {
            var d = decision.Task.Result;
            if (d.Confirmed)
            {
                checks.Add(new CheckLine("identity.staff", CheckLineStatus.Pass, $"confirmed visually by staff (operator {d.OperatorId}) against the verified chip photo"));
                return (verdict with { Kind = VerdictKind.Accepted, Error = ErrorCode.Ok, Checks = checks }, IdentityMethod.ConfirmedVisuallyByStaff, d.OperatorId);
            }

            checks.Add(new CheckLine("identity.staff", CheckLineStatus.Fail, $"staff (operator {d.OperatorId}) did not confirm the holder"));
            return (verdict with { Kind = VerdictKind.FaceNotAccepted, Error = ErrorCode.StaffConfirmationRefused, Checks = checks }, IdentityMethod.None, null);
        }

        if (pending.Cancel.IsCancellationRequested)
        {
            checks.Add(new CheckLine("identity.staff", CheckLineStatus.Skip, "cancelled by the caller before staff decided"));
            return (verdict with { Kind = VerdictKind.Cancelled, Error = ErrorCode.Cancelled, Checks = checks }, IdentityMethod.None, null);
        }

        checks.Add(new CheckLine("identity.staff", CheckLineStatus.Fail, $"no staff decision within {_options.StaffWait.TotalSeconds:0} s"));
        return (verdict with { Kind = VerdictKind.FaceNotAccepted, Error = ErrorCode.StaffConfirmationRefused, Checks = checks }, IdentityMethod.None, null);
    }

    private bool StaffEligible(TapVerdict verdict, TapOptions options) =>
        verdict.CardVerified
        && verdict.Kind == VerdictKind.FaceNotAccepted
        && verdict.Personal?.Photo is { Length: > 0 }
        && (options.Identity == IdentityCheck.Staff || (options.StaffPresent && verdict.Face is FaceOutcome.Inconclusive or FaceOutcome.NotChecked or FaceOutcome.NotRun));

    /// <summary>Fail-closed normalisation of the runner's verdict.</summary>
    private TapVerdict Normalise(TapVerdict v, TapOptions options)
    {
        var consistent = (v.Kind == VerdictKind.Accepted) == (v.Error == ErrorCode.Ok);
        if (!consistent)
        {
            return v with
            {
                Kind = VerdictKind.ReaderError,
                Error = ErrorCode.InternalError,
                CardVerified = false,
                Checks = [.. v.Checks, new CheckLine("tap.consistency", CheckLineStatus.Fail, "the verdict and its error code disagree; refused")],
            };
        }

        var faceRequired = _options.RequireFace || options.RequireFace || options.Identity == IdentityCheck.Staff;
        if (v.Kind == VerdictKind.Accepted && v.Face != FaceOutcome.Matched && faceRequired)
        {
            return v with
            {
                Kind = VerdictKind.FaceNotAccepted,
                Error = ErrorCode.FaceNotChecked,
                Checks = [.. v.Checks, new CheckLine("identity.required", CheckLineStatus.Fail,
                    options.Identity == IdentityCheck.Staff ? "the holder must be confirmed by staff" : "a face match is required and none was made")],
            };
        }

        return v;
    }

    private async Task<T> SupervisedAsync<T>(Task<T> work, DateTimeOffset deadlineAt, CancellationToken ct)
    {
        // Feed the watchdog while the step is inside its deadline (plus grace); a runner that ignores cancellation and
        // overruns stops the pings, and systemd restarts the service.
        while (!work.IsCompleted)
        {
            if (_time.GetUtcNow() < deadlineAt + WatchdogGrace)
            {
                _heartbeat.Beat();
            }

            try
            {
                await work.WaitAsync(_options.PollInterval, _time, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }

        return await work.ConfigureAwait(false);
    }

    private void OnProgress(TapProgress p)
    {
        _heartbeat.Beat();
        var state = p.Step switch
        {
            ProgressStep.CardPresent or ProgressStep.CredentialChecked or ProgressStep.CardFaceRead => ReaderState.Reading,
            ProgressStep.SignaturesChecked or ProgressStep.ChipChallenge => ReaderState.Verifying,
            ProgressStep.FaceCaptured or ProgressStep.FaceMatched => ReaderState.Face,
            _ => _state,
        };
        if (p.Prompt is PromptKind.LookAtCamera or PromptKind.Blink or PromptKind.TurnHeadLeft or PromptKind.TurnHeadRight or PromptKind.HoldStill or PromptKind.RemoveMaskOrGlasses)
        {
            state = ReaderState.Face;
        }

        SetState(state);
        Publish(ReaderEventKind.Progress, step: p.Step);
        if (p.Prompt is { } prompt)
        {
            Publish(ReaderEventKind.Prompt, step: p.Step, prompt: prompt, promptIndex: p.PromptIndex, promptCount: p.PromptCount);
        }
    }

    private async Task<bool> WaitForCardAsync(CancellationToken ct)
    {
        while (true)
        {
            _heartbeat.Beat();
            ExpireRequestWithoutCard();
            if (await PollAsync(ct).ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(_options.PollInterval, _time, ct).ConfigureAwait(false);
        }
    }

    private async Task<(PendingTap? Arrived, bool Removed)> WaitForRequestAsync(CancellationToken ct)
    {
        var until = _time.GetUtcNow() + _options.NumberBWait;
        while (true)
        {
            _heartbeat.Beat();
            if (TakePending() is { } p)
            {
                return (p, false);
            }

            if (_time.GetUtcNow() >= until)
            {
                return (null, false);
            }

            if (!await PollAsync(ct).ConfigureAwait(false))
            {
                return (null, true);
            }

            Task signal;
            lock (_gate)
            {
                signal = _requestArrived.Task;
            }

            try
            {
                await signal.WaitAsync(_options.PollInterval, _time, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    private async Task WaitForRemovalAsync(CancellationToken ct)
    {
        SetState(ReaderState.WaitingForRemoval);
        Publish(ReaderEventKind.Prompt, prompt: PromptKind.RemoveCard);
        if (_options.ReleaseMemoryAfterTap)
        {
            // The result is out and the holder is taking the card: the face step's frames, buffers and tensors are garbage
            // now. Give them back to the system before the next tap instead of keeping the peak resident (managed and native
            // heaps; tens of milliseconds, off every tap's path).
            MemoryRelease.Release();
        }

        var nextPrompt = _time.GetUtcNow() + _options.RemovalWait;
        while (true)
        {
            _heartbeat.Beat();
            if (!await PollAsync(ct).ConfigureAwait(false))
            {
                Publish(ReaderEventKind.CardRemoved);
                await ReleaseCardAsync().ConfigureAwait(false);
                return;
            }

            if (_time.GetUtcNow() >= nextPrompt)
            {
                Publish(ReaderEventKind.Prompt, prompt: PromptKind.RemoveCard);
                nextPrompt = _time.GetUtcNow() + _options.RemovalWait;
            }

            await Task.Delay(_options.PollInterval, _time, ct).ConfigureAwait(false);
        }
    }

    private async Task<bool> PollAsync(CancellationToken ct)
    {
        try
        {
            var present = await _field.IsCardPresentAsync(ct).ConfigureAwait(false);
            _health.ClearFault("reader");
            return present;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _health.SetFault("reader", $"the reader did not answer a field poll ({e.GetType().Name})");
            return false;
        }
    }

    private async Task ReleaseCardAsync()
    {
        using var timeout = new CancellationTokenSource(ReleaseTimeout, _time);
        try
        {
            await _field.ReleaseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogReleaseFailed(e.GetType().Name);
        }
    }

    private PendingTap? TakePending()
    {
        lock (_gate)
        {
            return _pending;
        }
    }

    private void ExpireRequestWithoutCard()
    {
        PendingTap? expired = null;
        lock (_gate)
        {
            if (_pending is { } p && (p.Cancel.IsCancellationRequested || _time.GetElapsedTime(p.SubmittedAt) >= _options.NumberBWait))
            {
                expired = p;
                _pending = null;
                _requestArrived = NewSignal();
            }
        }

        if (expired is not null)
        {
            expired.NumberB.Dispose();
            expired.Completion.TrySetResult(expired.Cancel.IsCancellationRequested
                ? NoCardResult(VerdictKind.Cancelled, ErrorCode.Cancelled)
                : NoCardResult(VerdictKind.ReaderError, ErrorCode.CardNotPresent));
        }
    }

    private TapResult NoCardResult(VerdictKind kind, ErrorCode error) => new()
    {
        Verdict = kind,
        Error = error,
        Identity = IdentityMethod.None,
        Mode = _health.Mode,
        FinishedAt = _time.GetUtcNow(),
        Checks = [new CheckLine("card.present", CheckLineStatus.Skip, kind == VerdictKind.Cancelled ? "cancelled before a card was tapped" : "no card was tapped in time")],
    };

    private static TapVerdict Failed(VerdictKind kind, ErrorCode error, string check, string reason) => new()
    {
        Kind = kind,
        Error = error,
        Checks = [new CheckLine(check, kind == VerdictKind.Cancelled ? CheckLineStatus.Skip : CheckLineStatus.Fail, reason)],
    };

    private void Renew(ReaderLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = _time.GetUtcNow();
        if (_lease is not { } held || held.Token != lease.Token || held.ExpiresAt <= now)
        {
            throw new ReaderException(ErrorCode.Unauthorized, "This caller does not hold the reader lease (it lapsed or was never taken).");
        }

        _lease = held with { ExpiresAt = now + _options.LeaseDuration };
    }

    private void SetState(ReaderState state)
    {
        if (_state == state)
        {
            return;
        }

        _state = state;
        Publish(ReaderEventKind.StateChanged);
    }

    private void Publish(ReaderEventKind kind, ProgressStep? step = null, PromptKind? prompt = null, JournalRecordId? recordId = null, VerdictKind? verdict = null, ErrorCode? error = null, int? promptIndex = null, int? promptCount = null) =>
        _events.Publish(new ReaderEvent
        {
            Sequence = _events.NextSequence(),
            At = _time.GetUtcNow(),
            Kind = kind,
            State = _state,
            Step = step,
            Prompt = prompt,
            PromptIndex = promptIndex,
            PromptCount = promptCount,
            RecordId = recordId,
            Verdict = verdict,
            Error = error,
        });

    private async Task BeepAsync(VerdictKind verdict, CancellationToken ct)
    {
        try
        {
            var pattern = verdict switch
            {
                VerdictKind.Accepted => BeepPattern.Accepted,
                VerdictKind.Cancelled => (BeepPattern?)null,
                VerdictKind.ReaderError => BeepPattern.Fault,
                _ => BeepPattern.Refused,
            };
            if (pattern is { } p)
            {
                await _indicator.BeepAsync(p, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (InvalidOperationException e)
        {
            LogReleaseFailed(e.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Tap {RecordId}: {Verdict} {Error}, identity {Identity}")]
    private partial void LogResult(string recordId, VerdictKind verdict, string error, IdentityMethod identity);

    [LoggerMessage(EventId = 501, Level = LogLevel.Error, Message = "The tap runner failed with {ExceptionType}; the tap is refused")]
    private partial void LogRunnerFailed(string exceptionType);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Releasing the card failed ({ExceptionType})")]
    private partial void LogReleaseFailed(string exceptionType);

    private sealed class PendingTap(string leaseToken, VerificationNumberB numberB, TapOptions options, long submittedAt)
    {
        public string LeaseToken { get; } = leaseToken;

        public VerificationNumberB NumberB { get; } = numberB;

        public TapOptions Options { get; } = options;

        public long SubmittedAt { get; } = submittedAt;

        public CancellationTokenSource Cancel { get; } = new();

        public TaskCompletionSource<TapResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
