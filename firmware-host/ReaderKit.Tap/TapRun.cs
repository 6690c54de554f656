using ReaderKit.Apdu;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Credentials;
using ReaderKit.Contracts;
using ReaderKit.Face.Camera;
using ReaderKit.Trust;
using static ReaderKit.Tap.TapVerdicts;

namespace ReaderKit.Tap;

/// <summary>
/// The state of one <see cref="CardTap.RunAsync"/>: deadline, card session, face task and the pieces of the verdict.
/// Plain sequential code for the card; the face step runs as one task beside it.
/// </summary>
internal sealed class TapRun
{
    private readonly CardTap _tap;
    private readonly TapRequest _request;
    private readonly IProgress<TapStepProgress>? _progress;
    private readonly CancellationToken _callerToken;
    private readonly TimeProvider _clock;
    private readonly List<TapTiming> _timings = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<byte[]?> _chipPhoto = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _start;

    public TapRun(CardTap tap, TapRequest request, IProgress<TapStepProgress>? progress, CancellationToken cancellationToken)
    {
        _tap = tap;
        _request = request;
        _progress = progress;
        _callerToken = cancellationToken;
        _clock = tap.Clock;
    }

    private CardTapOptions Options => _tap.Options;

    public async Task<TapVerdict> ExecuteAsync()
    {
        _start = _clock.GetTimestamp();
        using var deadline = new CancellationTokenSource(Options.TapDeadline, _clock);
        using var tapCts = CancellationTokenSource.CreateLinkedTokenSource(_callerToken, deadline.Token);
        using var faceCts = CancellationTokenSource.CreateLinkedTokenSource(tapCts.Token);
        var token = tapCts.Token;
        FaceRun? face = null;
        VerifiedCard? card = null;
        TapVerdict verdict;
        try
        {
            var wantFace = _request.RunFace && _tap.HasFaceCheck;
            if (wantFace && Options.OverlapFaceWithCard)
            {
                face = StartFace(faceCts.Token);
            }

            CardOutcome outcome;
            try
            {
                outcome = await ReadCardAsync(token).ConfigureAwait(false);
            }
            finally
            {
                // Whatever happened, the match must not wait for a photo that will not come.
                _chipPhoto.TrySetResult(null);
            }

            card = outcome.Card;
            if (outcome.Verdict is not null || !card!.IsGenuine || !card.IsValidAtVerificationTime)
            {
                await faceCts.CancelAsync().ConfigureAwait(false);
                await DrainAsync(face).ConfigureAwait(false);
                verdict = outcome.Verdict ?? CardVerdict(card!, outcome.Retries, null, TapFaceOutcome.NotRun);
            }
            else if (!wantFace)
            {
                verdict = FaceNotChecked(card, outcome.Retries);
            }
            else
            {
                face ??= StartFace(faceCts.Token);
                verdict = await FaceVerdictAsync(card, outcome.Retries, face, token).ConfigureAwait(false);
            }

            // A caller that cancelled while the verdict was being decided gets what it asked for.
            _callerToken.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException) when (_callerToken.IsCancellationRequested)
        {
            await faceCts.CancelAsync().ConfigureAwait(false);
            await DrainAsync(face).ConfigureAwait(false);
            verdict = Error(VerdictKind.Cancelled, ErrorCode.Cancelled, "The tap was cancelled.");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            await faceCts.CancelAsync().ConfigureAwait(false);
            await DrainAsync(face).ConfigureAwait(false);
            verdict = Error(VerdictKind.ReaderError, ErrorCode.TapDeadlineExceeded, $"The tap ran past its deadline of {Options.TapDeadline.TotalSeconds:0.#} s.");
        }
        finally
        {
            _request.NumberB.Dispose();
            card?.Dispose();
            if (face is not null)
            {
                await face.DisposeCameraAsync().ConfigureAwait(false);
            }
        }

        verdict = verdict with { Timings = [.. Snapshot().Concat(verdict.FaceResult?.Timings ?? []).OrderBy(t => t.Offset)], Total = _clock.GetElapsedTime(_start) };
        _tap.Prompts.Show(TapPrompt.RemoveCard);
        Report(TapStep.Result, verdict);
        return verdict;
    }

    private async Task<CardOutcome> ReadCardAsync(CancellationToken token)
    {
        ICardLink? link = null;
        ICardConnection? connection = null;
        var policy = new RetryPolicy { Floor = _request.Floor, AllowLastTry = _request.AllowLastTry };
        try
        {
            var t = _clock.GetTimestamp();
            try
            {
                link = _tap.Links.Open(Options, _clock);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException or ArgumentException)
            {
                return new CardOutcome(null, null, Error(VerdictKind.ReaderError, ErrorCode.ReaderUnavailable, $"The reader link ({_tap.Links.Description}) cannot be opened: {e.Message}"));
            }

            AddTiming("link.open", t);
            t = _clock.GetTimestamp();
            await link.InitializeAsync(token).ConfigureAwait(false);
            AddTiming("chip.init", t);

            t = _clock.GetTimestamp();
            _tap.Prompts.Show(TapPrompt.PlaceCard);
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                wait.CancelAfter(Options.CardWait);
                try
                {
                    connection = await link.WaitForCardAsync(Options.CardPollInterval, wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    return new CardOutcome(null, null, Error(VerdictKind.ReaderError, ErrorCode.CardNotPresent, $"No {link.CardKind} in the field within {Options.CardWait.TotalSeconds:0.#} s."));
                }
            }

            AddTiming("card.wait", t);
            Report(TapStep.CardPresent);
            _tap.Prompts.Show(TapPrompt.KeepCardStill);

            var channel = new ApduChannel(await connection.OpenTransportAsync(token).ConfigureAwait(false), Options.ApduTimeout);
            var inspector = new CardInspector(Options.Trust, new CardInspectionOptions
            {
                RetryPolicy = policy,
                ReadTextAp = _request.ReadTextAp,
                ReadJpki = _request.ReadJpki,
            }, _clock);
            var card = await inspector.InspectAsync(channel, _request.NumberB, new InspectionProgress(this), token).ConfigureAwait(false);
            var retries = new Retries(Credential(SurfaceAp.VerificationNumberBName), card.RemainingTriesBeforeVerify, policy.EffectiveFloor, card.RemainingTriesBeforeVerify is not null);
            return new CardOutcome(card, retries, null);
        }
        catch (CredentialException e)
        {
            return new CardOutcome(null, null, TapVerdicts.CredentialRefused(e, Credential(e.Credential), policy));
        }
        catch (CardTransportException e)
        {
            return new CardOutcome(null, null, Error(VerdictKind.ReaderError, TransportErrorCodes.Of(e.Failure), e.Message));
        }
        catch (CardStatusException e)
        {
            return new CardOutcome(null, null, Error(VerdictKind.ReaderError, ErrorCode.CardNotSupported, $"The card refused a command ({e.StatusWord}): not a My Number Card, or the application is missing."));
        }
        catch (CardException e)
        {
            return new CardOutcome(null, null, Error(VerdictKind.ReaderError, ErrorCode.CardDataMalformed, e.Message));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Fail closed: an unexpected fault decides nothing about the card (the type name only: messages may quote data).
            return new CardOutcome(null, null, Error(VerdictKind.ReaderError, ErrorCode.InternalError, $"The card step failed unexpectedly ({e.GetType().Name})."));
        }
        finally
        {
            if (link is not null)
            {
                if (connection is not null)
                {
                    await ReleaseAsync(connection).ConfigureAwait(false);
                }

                await link.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Releases the card (PN532 InRelease, PC/SC reset on disconnect) so its security state (the accepted 照合番号B) is cleared
    /// for the next customer. Runs after cancellation too, under its own short deadline. Best effort: the card may already have left.
    /// </summary>
    private async Task ReleaseAsync(ICardConnection connection)
    {
        var t = _clock.GetTimestamp();
        try
        {
            using var deadline = new CancellationTokenSource(Options.ReleaseTimeout, _clock);
            await connection.ReleaseAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CardException or OperationCanceledException or IOException)
        {
            // The card or the reader is gone; nothing is left selected on a card that left the field.
        }

        AddTiming("card.release", t);
    }

    private FaceRun StartFace(CancellationToken token)
    {
        IFrameSource camera;
        try
        {
            camera = _tap.Camera!.Open();
        }
        catch (CameraUnavailableException e)
        {
            return new FaceRun(null, Task.FromException<TapFaceResult>(e));
        }

        _tap.Prompts.Show(TapPrompt.LookAtCamera);
        var context = new TapFaceContext(camera, _tap.Prompts, _chipPhoto.Task, _clock, _start, () => Report(TapStep.FaceCaptured))
        {
            KeepBestFrame = (_request.PersonalFields & TapPersonalFields.LiveFrame) != 0,
        };
        return new FaceRun(camera, Task.Run(() => _tap.FaceCheck!.CheckAsync(context, token), token));
    }

    private async Task<TapVerdict> FaceVerdictAsync(VerifiedCard card, Retries? retries, FaceRun face, CancellationToken token)
    {
        TapFaceResult result;
        try
        {
            result = await face.Task.WaitAsync(token).ConfigureAwait(false);
        }
        catch (CameraUnavailableException e)
        {
            return CardVerdict(card, retries, null, TapFaceOutcome.NotRun) with { Kind = VerdictKind.ReaderError, Error = ErrorCode.CameraUnavailable, Message = $"Camera: {e.Message}" };
        }
        catch (Exception e) when (e is Face.Models.FaceModelsMissingException or Face.Models.FaceModelInvalidException)
        {
            return CardVerdict(card, retries, null, TapFaceOutcome.NotRun) with { Kind = VerdictKind.ReaderError, Error = ErrorCode.FaceModelsUnavailable, Message = $"Face models: {e.Message}" };
        }
        catch (Face.Imaging.FaceImageFormatException e)
        {
            return CardVerdict(card, retries, null, TapFaceOutcome.NotRun) with { Kind = VerdictKind.ReaderError, Error = ErrorCode.CameraUnavailable, Message = $"Camera frame undecodable: {e.Message}" };
        }
        catch (Jpeg2000.Jp2DecodeException e)
        {
            return CardVerdict(card, retries, null, TapFaceOutcome.Inconclusive) with { Kind = VerdictKind.FaceNotAccepted, Error = ErrorCode.FaceCheckInconclusive, Message = $"The verified chip photo cannot be decoded: {e.Message}" };
        }
        catch (Exception e) when (e.GetType().Namespace?.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal) == true)
        {
            return CardVerdict(card, retries, null, TapFaceOutcome.NotRun) with { Kind = VerdictKind.ReaderError, Error = ErrorCode.FaceModelsUnavailable, Message = $"Face model error: {e.Message}" };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Fail closed: an unexpected fault in the face step never accepts and never crashes the reader.
            return CardVerdict(card, retries, null, TapFaceOutcome.NotRun) with { Kind = VerdictKind.ReaderError, Error = ErrorCode.InternalError, Message = $"The face step failed unexpectedly ({e.GetType().Name})." };
        }

        Report(TapStep.FaceMatched);
        return CardVerdict(card, retries, result, result.Outcome);
    }

    private TapVerdict FaceNotChecked(VerifiedCard card, Retries? retries)
    {
        var why = !_request.RunFace ? "the request turned the face step off" : "no camera is configured";
        var verdict = CardVerdict(card, retries, null, TapFaceOutcome.NotChecked);
        var line = new CheckLine("face.checked", _request.RequireFace ? CheckLineStatus.Fail : CheckLineStatus.Skip, $"face not checked: {why}");
        verdict = verdict with { Checks = [.. verdict.Checks, line] };
        return _request.RequireFace
            ? verdict with { Kind = VerdictKind.FaceNotAccepted, Error = ErrorCode.FaceNotChecked, Message = $"The face is required but was not checked: {why}." }
            : verdict with { Message = $"Card genuine and valid; face NOT checked ({why})." };
    }

    /// <summary>The verdict for a card that was read: its checks, anchors, fields, and the face result if any.</summary>
    private TapVerdict CardVerdict(VerifiedCard card, Retries? retries, TapFaceResult? face, TapFaceOutcome faceOutcome)
    {
        var checks = card.Checks.Select(c => new CheckLine(c.Name, (CheckLineStatus)(int)c.Status, c.Reason)).ToList();
        if (face is not null)
        {
            checks.AddRange(face.Checks);
        }

        var (kind, error, message) =
            !card.IsGenuine ? (VerdictKind.NotGenuine, ErrorCode.NotGenuine, "Card NOT genuine: " + FirstFailure(card))
            : !card.IsValidAtVerificationTime ? (VerdictKind.Expired, ErrorCode.Expired, "Card genuine but EXPIRED (or its expiry is unknown).")
            : faceOutcome switch
            {
                TapFaceOutcome.Accepted or TapFaceOutcome.NotRun or TapFaceOutcome.NotChecked => (VerdictKind.Accepted, ErrorCode.Ok, "Card genuine and valid; face matched."),
                TapFaceOutcome.NotMatched => (VerdictKind.FaceNotAccepted, ErrorCode.FaceNotMatched, "The face did not match the chip photo: " + face?.Reason),
                TapFaceOutcome.PresentationAttack => (VerdictKind.FaceNotAccepted, ErrorCode.PresentationAttackSuspected, "Presentation attack suspected: " + face?.Reason),
                _ => (VerdictKind.FaceNotAccepted, ErrorCode.FaceCheckInconclusive, "The face check could not decide: " + face?.Reason),
            };
        return new TapVerdict
        {
            Kind = kind,
            Error = error,
            Message = message,
            Checks = checks,
            TrustAnchor = card.SurfaceAnchor,
            AnchorsUsed = card.AnchorsUsed,
            Retries = retries,
            CardRead = true,
            Genuine = card.IsGenuine,
            ValidAtVerificationTime = card.IsValidAtVerificationTime,
            VerificationTime = card.VerificationTime,
            Face = faceOutcome,
            FaceResult = face,
            CardIdentity = card.IsGenuine && card.CardFace is { } f ? f.CardKeyField.ToArray() : ReadOnlyMemory<byte>.Empty,
            Personal = Personal(card, face),
        };
    }

    private TapPersonalData? Personal(VerifiedCard card, TapFaceResult? face)
    {
        var fields = _request.PersonalFields;
        if (fields == TapPersonalFields.None)
        {
            return null;
        }

        bool Has(TapPersonalFields f) => (fields & f) != 0;
        return new TapPersonalData
        {
            BirthDate = Has(TapPersonalFields.BirthDate) ? card.BirthDate : null,
            Sex = Has(TapPersonalFields.Sex) ? card.Sex : null,
            Name = Has(TapPersonalFields.NameAndAddress) ? card.TextAttributes?.Name : null,
            Address = Has(TapPersonalFields.NameAndAddress) ? card.TextAttributes?.Address : null,
            PhotoJpeg2000 = Has(TapPersonalFields.Photo) ? card.PhotoJpeg2000?.ToArray() : null,
            LiveFrameJpeg = Has(TapPersonalFields.LiveFrame) ? face?.BestFrame : null,
            NameImagePng = Has(TapPersonalFields.FaceImages) ? card.NameImagePng?.ToArray() : null,
            AddressImagePng = Has(TapPersonalFields.FaceImages) ? card.AddressImagePng?.ToArray() : null,
            Expiry = Has(TapPersonalFields.Validity) ? card.Expiry?.Value : null,
            ExpirySource = Has(TapPersonalFields.Validity) ? card.Expiry?.Source : null,
            MunicipalityCode = Has(TapPersonalFields.Validity) ? card.MunicipalityCode?.Value : null,
        };
    }

    private static string FirstFailure(VerifiedCard card) =>
        card.Checks.FirstOrDefault(c => c.Status == CheckStatus.Fail) is { } f ? $"{f.Name}: {f.Reason}"
        : card.Checks.FirstOrDefault(c => CheckNames.CoreChecks.Contains(c.Name) && c.Status != CheckStatus.Pass) is { } s ? $"{s.Name}: {s.Reason}"
        : "a core check did not pass";

    /// <summary>The <see cref="Retries.Credential"/> name of a card-layer credential description.</summary>
    private static string Credential(string description) =>
        description.StartsWith("text", StringComparison.Ordinal) ? "text.number-b"
        : description.Contains("birth-date", StringComparison.Ordinal) ? "surface.birth-date"
        : "surface.number-b";

    private static async Task DrainAsync(FaceRun? face)
    {
        if (face is null)
        {
            return;
        }

        try
        {
            await face.Task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The card decided the verdict; the face step's failure (usually its cancellation) adds nothing.
        }
    }

    private void Report(TapStep step, TapVerdict? verdict = null)
    {
        var progress = new TapStepProgress(step, _clock.GetElapsedTime(_start), verdict);
        lock (_gate)
        {
            _tap.Raise(progress, _progress);
        }
    }

    private void AddTiming(string name, long startTimestamp)
    {
        var offset = _clock.GetElapsedTime(_start, startTimestamp);
        var duration = _clock.GetElapsedTime(startTimestamp);
        lock (_gate)
        {
            _timings.Add(new TapTiming(name, offset, duration));
        }
    }

    private List<TapTiming> Snapshot()
    {
        lock (_gate)
        {
            return [.. _timings.OrderBy(t => t.Offset)];
        }
    }

    private void OnInspection(CardInspectionProgress p)
    {
        var end = _clock.GetElapsedTime(_start);
        lock (_gate)
        {
            _timings.Add(new TapTiming("card." + p.Step, end - p.Duration, p.Duration));
        }

        switch (p.Step)
        {
            case CardInspectionStep.CredentialChecked:
                Report(TapStep.CredentialChecked);
                break;
            case CardInspectionStep.CardFaceRead:
                Report(TapStep.CardFaceRead);
                break;
            case CardInspectionStep.SignaturesChecked:
                if (p.VerifiedCardFace is { } face)
                {
                    // DF28 holds under a trusted CVC: the match may start (the verdict still needs the chip challenge).
                    _chipPhoto.TrySetResult(face.PhotoJpeg2000.ToArray());
                }

                Report(TapStep.SignaturesChecked);
                break;
            case CardInspectionStep.SurfaceChipChallenged:
                Report(TapStep.ChipChallenge);
                break;
        }
    }

    private sealed record CardOutcome(VerifiedCard? Card, Retries? Retries, TapVerdict? Verdict);

    private sealed class FaceRun(IFrameSource? camera, Task<TapFaceResult> task)
    {
        public Task<TapFaceResult> Task { get; } = task;

        public async ValueTask DisposeCameraAsync()
        {
            if (camera is not null)
            {
                await camera.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Synchronous progress (no synchronization context hop): steps are handled in order, on the card's task.</summary>
    private sealed class InspectionProgress(TapRun run) : IProgress<CardInspectionProgress>
    {
        public void Report(CardInspectionProgress value) => run.OnInspection(value);
    }
}
