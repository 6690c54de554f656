using System.Security.Cryptography;
using ReaderKit.Apdu;
using ReaderKit.Card;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Credentials;

namespace ReaderKit.Trust;

/// <summary>
/// The state of one <see cref="CardInspector.InspectAsync"/> call: the session, the evidence read so far, the accumulating
/// result and the step clock. Plain sequential code, one method per application; each step is bracketed by
/// <see cref="BeginStep"/>/<see cref="EndStep"/>, which time it, report progress and honour cancellation.
/// </summary>
internal sealed class CardInspectionRun
{
    private readonly CardInspector _inspector;
    private readonly CardInspectionOptions _options;
    private readonly CardSession _session;
    private readonly VerificationNumberB _numberB;
    private readonly IProgress<CardInspectionProgress>? _progress;
    private readonly CancellationToken _ct;
    private readonly TimeProvider _time;
    private readonly EvidenceResult _result = new();
    private readonly List<StepTiming> _timings = [];
    private readonly EvidenceContext _context;
    private readonly DateTimeOffset _verificationTime;
    private CardEvidence _evidence = new();
    private long _start;
    private long _stepStart;
    private int _checksAtStepStart;

    public CardInspectionRun(CardInspector inspector, IApduChannel channel, VerificationNumberB numberB, IProgress<CardInspectionProgress>? progress, CancellationToken cancellationToken)
    {
        _inspector = inspector;
        _options = inspector.Options;
        _session = new CardSession(channel);
        _numberB = numberB;
        _progress = progress;
        _ct = cancellationToken;
        _time = inspector.TimeProvider;
        _verificationTime = _options.VerificationTime ?? _time.GetUtcNow();
        var myNumberPurpose = _options.MyNumberPin is null ? null : _options.MyNumberPurpose;
        _context = new EvidenceContext(_verificationTime, numberB.ExpiryYear, myNumberPurpose);
    }

    public async Task<VerifiedCard> ExecuteAsync()
    {
        _start = _time.GetTimestamp();
        var remaining = await InspectSurfaceAsync().ConfigureAwait(false);
        var myNumber = _options.ReadTextAp ? await InspectTextAsync().ConfigureAwait(false) : null;
        try
        {
            if (_options.ReadJpki)
            {
                await InspectJpkiAsync().ConfigureAwait(false);
            }

            if (_options.ReadCommonAp)
            {
                await InspectCommonAsync().ConfigureAwait(false);
            }
        }
        catch
        {
            myNumber?.Dispose();
            throw;
        }

        return new VerifiedCard(_result, _verificationTime, remaining, _timings, myNumber);
    }

    private async Task<int?> InspectSurfaceAsync()
    {
        var surface = new SurfaceAp(_session);
        BeginStep();
        await surface.SelectAsync(_ct).ConfigureAwait(false);
        var cvc = await ReadOrEmptyAsync(surface.ReadCertificateAsync(_ct)).ConfigureAwait(false);
        var info = await TryReadAsync(surface.ReadApInfoAsync(_ct)).ConfigureAwait(false);
        EndStep(CardInspectionStep.SurfaceApSelected);

        BeginStep();
        var remaining = await surface.VerifyAsync(_numberB, _options.RetryPolicy, _ct).ConfigureAwait(false);
        EndStep(CardInspectionStep.CredentialChecked);

        BeginStep();
        var face = await ReadOrEmptyAsync(surface.ReadCardFaceAsync(_ct)).ConfigureAwait(false);
        EndStep(CardInspectionStep.CardFaceRead);

        byte[]? age = null;
        if (_options.ReadAgeRecord)
        {
            BeginStep();
            await surface.VerifyBirthDateKeyAsync(_numberB, _options.RetryPolicy, _ct).ConfigureAwait(false);
            age = await surface.ReadAgeRecordAsync(_ct).ConfigureAwait(false);
            EndStep(CardInspectionStep.AgeRecordRead);
        }

        BeginStep();
        _evidence = _evidence with { SurfaceCertificate = cvc, SurfaceApInfo = info, SurfaceCardFace = face, SurfaceAgeRecord = age };
        new SurfaceVerifier(_inspector.Trust).Verify(_evidence, _context, _result);
        EndStep(CardInspectionStep.SignaturesChecked);

        // The surface AP is still selected: its default key answers the challenge.
        BeginStep();
        if (_result.SurfaceChipKey is { } chipKey)
        {
            var nonce = _inspector.NewNonce();
            await CheckChallengeAsync(chipKey, nonce, surface.SignAsync(chipKey.ChallengeCommandData(nonce), _ct), CheckNames.SurfaceCardPresence, "DF24").ConfigureAwait(false);
        }
        else
        {
            _result.Add(CheckOutcome.Skip(CheckNames.SurfaceCardPresence, "no authenticated chip key (DF24 not verified by DF28): nothing to challenge"));
        }

        EndStep(CardInspectionStep.SurfaceChipChallenged);
        return remaining;
    }

    private async Task<MyNumber?> InspectTextAsync()
    {
        var text = new TextAp(_session);
        BeginStep();
        if (!await TrySelectAsync(text.SelectAsync(_ct)).ConfigureAwait(false))
        {
            _result.Add(CheckOutcome.Skip(CheckNames.TextCvc, "text AP not present on this card"));
            EndStep(CardInspectionStep.TextApRead);
            return null;
        }

        var cvc = await ReadOrEmptyAsync(text.ReadCertificateAsync(_ct)).ConfigureAwait(false);
        await text.VerifyAsync(_numberB, _options.RetryPolicy, _ct).ConfigureAwait(false);
        var attributes = await ReadOrEmptyAsync(text.ReadAttributesAsync(_ct)).ConfigureAwait(false);
        var integrity = await ReadOrEmptyAsync(text.ReadIntegrityAsync(_ct)).ConfigureAwait(false);
        var cardKey = await TryReadAsync(text.ReadCardKeyAsync(_ct)).ConfigureAwait(false);
        byte[]? myNumberFile = null;
        if (_context.MyNumberPurpose is not null)
        {
            await text.VerifyPinAsync(_options.MyNumberPin!, _options.RetryPolicy, _ct).ConfigureAwait(false);
            myNumberFile = await text.ReadMyNumberFileAsync(_ct).ConfigureAwait(false);
        }

        try
        {
            _evidence = _evidence with { TextCertificate = cvc, TextAttributes = attributes, TextIntegrity = integrity, TextCardKey = cardKey, TextMyNumberFile = myNumberFile };
            new TextVerifier(_inspector.Trust).Verify(_evidence, _context, _result);
        }
        finally
        {
            if (myNumberFile is not null)
            {
                CryptographicOperations.ZeroMemory(myNumberFile);
            }

            _evidence = _evidence with { TextMyNumberFile = null };
        }

        MyNumber? myNumber = null;
        if (_result.MyNumberDigits is { } digits)
        {
            myNumber = new MyNumber(digits);
            _result.MyNumberDigits = null;
        }

        if (_result.TextChipKey is null)
        {
            // Nothing to challenge: the attributes stay unbound (decided within this step).
            _result.Add(CheckOutcome.Skip(CheckNames.TextCardPresence, cardKey is null ? "text card key EF 0007 not readable: nothing to challenge" : "no authenticated text card key (EF 0007 DF52 not verified): nothing to challenge"));
            TextVerifier.CheckChipBinding(_result);
            EndStep(CardInspectionStep.TextApRead);
            return myNumber;
        }

        EndStep(CardInspectionStep.TextApRead);
        try
        {
            await ChallengeTextChipAsync(text, _result.TextChipKey).ConfigureAwait(false);
            return myNumber;
        }
        catch
        {
            myNumber?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Challenges the text AP's own key (EF 0007 DF51) — unless it is the surface DF24 key that already signed a fresh
    /// challenge, which binds the text data to this chip just as well and saves an RSA signature on the card — then decides
    /// the chip binding of the text attributes.
    /// </summary>
    private async Task ChallengeTextChipAsync(TextAp text, CardPublicKey textKey)
    {
        BeginStep();
        if (_result.SurfaceChipKey is { } surfaceKey && textKey.Encode().AsSpan().SequenceEqual(surfaceKey.Encode())
            && _result.StatusOf(CheckNames.SurfaceCardPresence) == CheckStatus.Pass)
        {
            _result.Add(CheckOutcome.Skip(CheckNames.TextCardPresence, "not needed: EF 0007 DF51 is the surface DF24 chip key, which already signed a fresh challenge"));
        }
        else
        {
            var nonce = _inspector.NewNonce();
            await CheckChallengeAsync(textKey, nonce, text.SignAsync(textKey.ChallengeCommandData(nonce), _ct), CheckNames.TextCardPresence, "EF 0007 DF51").ConfigureAwait(false);
        }

        TextVerifier.CheckChipBinding(_result);
        EndStep(CardInspectionStep.TextChipChallenged);
    }

    private async Task InspectJpkiAsync()
    {
        var jpki = new JpkiAp(_session);
        BeginStep();
        if (await TrySelectAsync(jpki.SelectAsync(_ct)).ConfigureAwait(false))
        {
            var certificate = await TryReadAsync(jpki.ReadAuthCertificateAsync(_ct)).ConfigureAwait(false);
            var ca = await TryReadAsync(jpki.ReadAuthCaCertificateAsync(_ct)).ConfigureAwait(false);
            _evidence = _evidence with { JpkiAuthCertificate = certificate, JpkiAuthCaCertificate = ca };
            if (certificate is null)
            {
                _result.Add(CheckOutcome.Skip(CheckNames.JpkiAuthCertificatePath, "no user-authentication certificate on the card (e.g. not issued)"));
            }
            else
            {
                new JpkiVerifier(_inspector.Trust).Verify(_evidence, _context, _result);
            }
        }
        else
        {
            _result.Add(CheckOutcome.Skip(CheckNames.JpkiAuthCertificatePath, "JPKI AP not present on this card"));
        }

        EndStep(CardInspectionStep.JpkiChecked);
    }

    private async Task InspectCommonAsync()
    {
        var common = new CommonAp(_session);
        BeginStep();
        if (await TrySelectAsync(common.SelectAsync(_ct)).ConfigureAwait(false))
        {
            var record = await TryReadAsync(common.ReadRecordAsync(_ct)).ConfigureAwait(false);
            _evidence = _evidence with { CommonRecord = record };
            new CommonVerifier().Verify(_evidence, _result);
        }

        EndStep(CardInspectionStep.CommonApChecked);
    }

    /// <summary>
    /// Awaits the chip's answer and judges it. Whatever the chip itself answers — a refusal status, a response that is not
    /// an APDU, an RF or protocol error on its answer, a signature of the wrong length or that does not verify — fails the
    /// presence check: not the chip the data came from. Timeouts, removal and reader failures are not answers and propagate.
    /// </summary>
    private async Task CheckChallengeAsync(CardPublicKey chipKey, byte[] nonce, Task<byte[]> answerTask, string checkName, string keySource)
    {
        byte[] answer;
        try
        {
            answer = await answerTask.ConfigureAwait(false);
        }
        catch (CardStatusException ex)
        {
            _result.Add(CheckOutcome.Fail(checkName, $"the chip refused to sign the challenge ({ex.StatusWord}): not the chip the data came from"));
            return;
        }
        catch (MalformedApduException ex)
        {
            _result.Add(CheckOutcome.Fail(checkName, $"the chip's answer to the challenge is not a response APDU ({ex.Message}): not the chip the data came from"));
            return;
        }
        catch (CardTransportException ex) when (ex.Failure is CardTransportFailure.RfError or CardTransportFailure.ProtocolError)
        {
            _result.Add(CheckOutcome.Fail(checkName, $"the chip's answer to the challenge was unusable ({ex.Failure}: {ex.Message}): not proven to be the chip the data came from"));
            return;
        }

        _result.Add(chipKey.VerifyChallenge(nonce, answer)
            ? CheckOutcome.Pass(checkName, $"the chip signed a fresh {CardInspector.NonceLength}-byte nonce with the key in {keySource} ({chipKey.SchemeName})")
            : CheckOutcome.Fail(checkName, $"the {answer.Length}-byte challenge answer does not verify against the signed chip key {keySource}: cloned data set or a different chip"));
    }

    private void BeginStep()
    {
        _ct.ThrowIfCancellationRequested();
        _stepStart = _time.GetTimestamp();
        _checksAtStepStart = _result.Checks.Count;
    }

    private void EndStep(CardInspectionStep step)
    {
        var duration = _time.GetElapsedTime(_stepStart);
        var offset = _time.GetElapsedTime(_start, _stepStart);
        _timings.Add(new StepTiming(step, offset, duration));
        _progress?.Report(new CardInspectionProgress(step, duration, offset + duration, _result.Checks.Skip(_checksAtStepStart).ToList())
        {
            VerifiedCardFace = step == CardInspectionStep.SignaturesChecked ? _result.CardFace : null,
        });
    }

    /// <summary>An application the card does not have answers SELECT with 6A82/6A86/6999.</summary>
    private static async Task<bool> TrySelectAsync(Task select)
    {
        try
        {
            await select.ConfigureAwait(false);
            return true;
        }
        catch (CardStatusException ex) when (ex.StatusWord.Value is 0x6A82 or 0x6A86 or 0x6999)
        {
            return false;
        }
    }

    /// <summary>A file whose header cannot be parsed becomes empty evidence, which the verifier reports as malformed.</summary>
    private static async Task<byte[]> ReadOrEmptyAsync(Task<byte[]> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (CardDataFormatException)
        {
            return [];
        }
    }

    /// <summary>An optional file that is absent, not readable or unparseable is simply not evidence.</summary>
    private static async Task<byte[]?> TryReadAsync(Task<byte[]> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (CardStatusException ex) when (ex.StatusWord.Value is 0x6A82 or 0x6982 or 0x6986)
        {
            return null;
        }
        catch (CardDataFormatException)
        {
            return null;
        }
    }
}
