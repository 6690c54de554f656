using ReaderKit.Host.Journal;
using ReaderKit.Host.Messages;
using ReaderKit.Host.Reader;
using ReaderKit.Tap;
using HostFace = ReaderKit.Host.Reader.FaceOutcome;
using HostRequest = ReaderKit.Host.Reader.TapRequest;
using HostVerdict = ReaderKit.Host.Reader.TapVerdict;
using LibraryRequest = ReaderKit.Tap.TapRequest;
using LibraryVerdict = ReaderKit.Tap.TapVerdict;

namespace ReaderKit.Host.TapLibrary;

/// <summary>
/// <see cref="ITapRunner"/> over the tap library's <see cref="CardTap"/>: the host's request becomes the library's
/// (照合番号B handed over, personal fields only when the host needs them), its step progress and holder prompts become
/// the host's <see cref="TapProgress"/>, and its closed verdict the host's <see cref="HostVerdict"/>. The face
/// requirement and the staff path stay with the state machine (the library is asked never to require the face).
/// </summary>
public sealed class CardTapRunner : ITapRunner, ITapPromptSink
{
    private readonly Func<ITapPromptSink, CardTap> _create;
    private readonly Pn532CardField? _field;
    private readonly Lock _gate = new();
    private CardTap? _tap;
    private IProgress<TapProgress>? _progress;
    private ProgressStep _lastStep = ProgressStep.CardPresent;
    private int _prompts;

    /// <param name="create">Builds the library's tap with this runner as its prompt sink (once, on first use).</param>
    /// <param name="field">The polling field to park while a tap has the chip, or null.</param>
    public CardTapRunner(Func<ITapPromptSink, CardTap> create, Pn532CardField? field = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        _create = create;
        _field = field;
    }

    /// <inheritdoc />
    public async Task<HostVerdict> RunAsync(HostRequest request, IProgress<TapProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CardTap tap;
        lock (_gate)
        {
            tap = _tap ??= _create(this);
            _progress = progress;
            _lastStep = ProgressStep.CardPresent;
            _prompts = 0;
        }

        try
        {
            if (_field is not null)
            {
                await _field.ParkAsync(cancellationToken).ConfigureAwait(false);
            }

            var personal = request.ReadPersonalFields
                ? TapPersonalFields.BirthDate | TapPersonalFields.Sex | TapPersonalFields.Photo | (request.ReadNameAndAddress ? TapPersonalFields.NameAndAddress : TapPersonalFields.None)
                : TapPersonalFields.None;
            if (request.KeepLiveFrame)
            {
                personal |= TapPersonalFields.LiveFrame;
            }

            var libraryRequest = new LibraryRequest
            {
                NumberB = request.NumberB,
                ReadTextAp = request.ReadTextAp || (request.ReadPersonalFields && request.ReadNameAndAddress),
                ReadJpki = request.ReadJpki,
                RunFace = request.RunFace,
                RequireFace = false,
                PersonalFields = personal,
            };
            var steps = new Progress(this);
            var verdict = await tap.RunAsync(libraryRequest, steps, cancellationToken).ConfigureAwait(false);
            if (verdict.Kind == Contracts.VerdictKind.Cancelled)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var mapped = Map(verdict);
            return request.ReadPersonalFields ? mapped : mapped with { Personal = null }; // only the live frame was asked for
        }
        finally
        {
            lock (_gate)
            {
                _progress = null;
            }
        }
    }

    /// <inheritdoc />
    void ITapPromptSink.Show(TapPrompt prompt)
    {
        var kind = prompt switch
        {
            TapPrompt.LookAtCamera => PromptKind.LookAtCamera,
            TapPrompt.Blink => PromptKind.Blink,
            TapPrompt.TurnHeadLeft => PromptKind.TurnHeadLeft,
            TapPrompt.TurnHeadRight => PromptKind.TurnHeadRight,
            TapPrompt.HoldStill => PromptKind.HoldStill,
            TapPrompt.KeepCardStill => PromptKind.KeepCardStill,
            _ => (PromptKind?)null, // place/remove card: the state machine prompts those itself
        };
        IProgress<TapProgress>? progress;
        ProgressStep step;
        int? index = null;
        lock (_gate)
        {
            progress = _progress;
            step = _lastStep;
            if (kind is PromptKind.LookAtCamera or PromptKind.Blink or PromptKind.TurnHeadLeft or PromptKind.TurnHeadRight or PromptKind.HoldStill)
            {
                index = _prompts++;
            }
        }

        if (kind is { } k && progress is not null)
        {
            progress.Report(new TapProgress(step, k, index));
        }
    }

    /// <summary>The host's verdict for the library's.</summary>
    public static HostVerdict Map(LibraryVerdict v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var timings = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var t in v.Timings)
        {
            timings[t.Name] = t.Duration;
        }

        timings["total"] = v.Total;
        return new HostVerdict
        {
            Kind = v.Kind,
            Error = v.Error,
            Checks = v.Checks,
            Timings = timings,
            TrustAnchor = v.TrustAnchor?.Describe(),
            CardVerified = v.CardVerified,
            Face = v.Face switch
            {
                TapFaceOutcome.Accepted => HostFace.Matched,
                TapFaceOutcome.NotMatched => HostFace.NotMatched,
                TapFaceOutcome.PresentationAttack => HostFace.AttackSuspected,
                TapFaceOutcome.NoFace or TapFaceOutcome.Inconclusive => HostFace.Inconclusive,
                TapFaceOutcome.NotChecked => HostFace.NotChecked,
                _ => HostFace.NotRun,
            },
            FaceScore = v.FaceResult?.Score,
            FaceThreshold = v.FaceResult?.Threshold,
            CardIdentity = v.CardIdentity,
            Personal = v.Personal is { } p ? new PersonalData(p.Name, p.Address, p.BirthDate, p.PhotoJpeg2000, p.Sex) : null,
            LiveFrame = v.Personal?.LiveFrameJpeg,
        };
    }

    private void OnStep(TapStepProgress p)
    {
        var step = p.Step switch
        {
            TapStep.CardPresent => ProgressStep.CardPresent,
            TapStep.CredentialChecked => ProgressStep.CredentialChecked,
            TapStep.CardFaceRead => ProgressStep.CardFaceRead,
            TapStep.SignaturesChecked => ProgressStep.SignaturesChecked,
            TapStep.ChipChallenge => ProgressStep.ChipChallenge,
            TapStep.FaceCaptured => ProgressStep.FaceCaptured,
            TapStep.FaceMatched => ProgressStep.FaceMatched,
            _ => ProgressStep.Result,
        };
        IProgress<TapProgress>? progress;
        lock (_gate)
        {
            progress = _progress;
            _lastStep = step;
        }

        progress?.Report(new TapProgress(step));
    }

    private sealed class Progress(CardTapRunner owner) : IProgress<TapStepProgress>
    {
        public void Report(TapStepProgress value) => owner.OnStep(value);
    }
}
