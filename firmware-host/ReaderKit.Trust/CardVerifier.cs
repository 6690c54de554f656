using System.Security.Cryptography;
using ReaderKit.Apdu;
using ReaderKit.Card;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Credentials;
using ReaderKit.Card.Records;

namespace ReaderKit.Trust;

/// <summary>What <see cref="CardVerifier.VerifyCardAsync"/> reads and how it judges.</summary>
public sealed record CardVerificationOptions
{
    public TrustStore TrustStore { get; init; } = TrustStore.Production;

    public RetryPolicy RetryPolicy { get; init; } = RetryPolicy.Default;

    /// <summary>Also read and verify the text AP (name/address as text). Presents 照合番号B to the text AP too.</summary>
    public bool ReadTextAp { get; init; } = true;

    /// <summary>Read the JPKI user-authentication certificate (no PIN) and validate its path.</summary>
    public bool ReadJpki { get; init; } = true;

    /// <summary>Read the common AP record (unsigned cross-check).</summary>
    public bool ReadCommonAp { get; init; } = true;

    /// <summary>Present the birth-date part of 照合番号B to the surface 生年月日 key and verify the age record EF 0001.</summary>
    public bool ReadAgeRecord { get; init; }

    /// <summary>
    /// A My Number purpose (legal basis) — only then, and only with <see cref="MyNumberPin"/>, is text EF 0001 read,
    /// DF31 checked and the number returned. Null (the default): the My Number is never read.
    /// </summary>
    public string? MyNumberPurpose { get; init; }

    /// <summary>The text AP 4-digit PIN for the My Number purpose (the caller disposes it).</summary>
    public CardPin? MyNumberPin { get; init; }

    /// <summary>Instant to judge certificate validity and card expiry at (null = now from <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset? VerificationTime { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>The result of a live verification.</summary>
public sealed class VerifiedCard : IDisposable
{
    internal VerifiedCard(EvidenceResult evidence, int? remainingTries, IReadOnlyList<StepTiming> timings, MyNumber? myNumber)
    {
        Checks = evidence.Checks;
        CardFace = evidence.CardFace;
        TextAttributes = evidence.TextAttributes;
        Expiry = evidence.Expiry;
        MunicipalityCode = evidence.MunicipalityCode;
        CommonRecord = evidence.CommonRecord;
        AgeRecordBirthDate = evidence.AgeRecordBirthDate;
        JpkiAuthSubject = evidence.JpkiAuthSubject;
        RemainingTriesBeforeVerify = remainingTries;
        Timings = timings;
        MyNumber = myNumber;
    }

    /// <summary>
    /// The card is authentic and present: the core checks (CVC, DF28, card presence) passed and no authenticity check
    /// failed. Validity in time is separate (<see cref="IsValidAtVerificationTime"/>).
    /// </summary>
    public bool IsGenuine =>
        Checks.All(c => c.Status != CheckStatus.Fail || CheckNames.ValidityChecks.Contains(c.Name))
        && new[] { CheckNames.SurfaceCvc, CheckNames.SurfaceCardFace, CheckNames.SurfaceCardPresence }.All(n => Checks.Any(c => c.Name == n && c.Status == CheckStatus.Pass));

    /// <summary>Neither the card (DF29, unsigned) nor the JPKI certificate had expired at the verification time.</summary>
    public bool IsValidAtVerificationTime => Checks.All(c => c.Status != CheckStatus.Fail || !CheckNames.ValidityChecks.Contains(c.Name));

    /// <summary>Genuine and valid: what a kiosk should accept.</summary>
    public bool IsAccepted => IsGenuine && IsValidAtVerificationTime;

    public IReadOnlyList<CheckOutcome> Checks { get; }

    /// <summary>Signed card-face data (DOB, sex, name/address PNGs, JPEG 2000 photo); null unless DF28 verified.</summary>
    public CardFace? CardFace { get; }

    public DateOnly? BirthDate => CardFace?.BirthDate;

    public Sex? Sex => CardFace?.Sex;

    public byte[]? NameImagePng => CardFace?.NameImagePng;

    public byte[]? AddressImagePng => CardFace?.AddressImagePng;

    public byte[]? PhotoJpeg2000 => CardFace?.PhotoJpeg2000;

    /// <summary>Name/address as text when the text AP was read and verified.</summary>
    public TextAttributes? TextAttributes { get; }

    /// <summary>DF29 expiry — not covered by any signature.</summary>
    public Unsigned<DateOnly>? Expiry { get; }

    /// <summary>Issuing municipality code (surface EF 0003) — unsigned.</summary>
    public Unsigned<string>? MunicipalityCode { get; }

    public CommonCardRecord? CommonRecord { get; }

    public DateOnly? AgeRecordBirthDate { get; }

    public string? JpkiAuthSubject { get; }

    /// <summary>照合番号B tries left before this verification's VERIFY (null: the card reports no counter).</summary>
    public int? RemainingTriesBeforeVerify { get; }

    public IReadOnlyList<StepTiming> Timings { get; }

    /// <summary>Only when a My Number purpose was configured and DF31 verified; otherwise null.</summary>
    public MyNumber? MyNumber { get; }

    public void Dispose() => MyNumber?.Dispose();
}

/// <summary>A My Number held in a zeroizable buffer; ToString is redacted.</summary>
public sealed class MyNumber : IDisposable
{
    private readonly byte[] _digits;

    internal MyNumber(byte[] digits)
    {
        _digits = digits;
    }

    /// <summary>Copies the 12 digits into <paramref name="destination"/> (the caller clears it).</summary>
    public void CopyTo(Span<char> destination)
    {
        for (var i = 0; i < _digits.Length; i++)
        {
            destination[i] = (char)_digits[i];
        }
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_digits);

    public override string ToString() => "MyNumber(redacted)";
}

/// <summary>
/// The live entry point: reads the card over an <see cref="IApduChannel"/>, presents 照合番号B under the retry
/// policy, verifies everything with <see cref="EvidenceVerifier"/> (the same code as <c>verify-dump</c>) and proves
/// the chip is present with a fresh challenge against the signed chip key.
/// </summary>
public sealed class CardVerifier
{
    /// <summary>Size of the random challenge nonce.</summary>
    public const int NonceLength = 32;

    /// <summary>
    /// Verifies the card in the field. Credential errors are thrown (typed); every data problem is a failed check.
    /// </summary>
    /// <exception cref="CredentialBlockedException">照合番号B is blocked (no VERIFY sent).</exception>
    /// <exception cref="RetryFloorReachedException">Too few tries left (no VERIFY sent).</exception>
    /// <exception cref="CredentialRejectedException">The card rejected 照合番号B.</exception>
    /// <exception cref="CardStatusException">The card is not a My Number Card or refused a command.</exception>
    /// <exception cref="CardTransportException">The card left the field or the reader failed.</exception>
    public static async Task<VerifiedCard> VerifyCardAsync(IApduChannel channel, VerificationNumberB verificationNumberB, CardVerificationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(verificationNumberB);
        ArgumentNullException.ThrowIfNull(options);
        var time = options.TimeProvider;
        var at = options.VerificationTime ?? time.GetUtcNow();
        var myNumberPurpose = options.MyNumberPin is null ? null : options.MyNumberPurpose;
        var context = new EvidenceContext(at, verificationNumberB.ExpiryYear, myNumberPurpose);
        var verifier = new EvidenceVerifier(options.TrustStore);
        var session = new CardSession(channel);
        var result = new EvidenceResult();
        var timings = new List<StepTiming>();
        var evidence = new CardEvidence();

        async Task<T> Step<T>(string name, Func<Task<T>> action)
        {
            var start = time.GetTimestamp();
            try
            {
                return await action().ConfigureAwait(false);
            }
            finally
            {
                timings.Add(new StepTiming(name, time.GetElapsedTime(start)));
            }
        }

        // Surface AP: CVC and AP info need no credential; then 照合番号B, the card face and the challenge.
        var surface = new SurfaceAp(session);
        await Step("surface.select", async () => { await surface.SelectAsync(cancellationToken).ConfigureAwait(false); return 0; }).ConfigureAwait(false);
        var surfaceCvc = await Step("surface.read-cvc", () => ReadOrEmptyAsync(() => surface.ReadCertificateAsync(cancellationToken))).ConfigureAwait(false);
        var surfaceInfo = await Step("surface.read-ap-info", () => TryReadAsync(() => surface.ReadApInfoAsync(cancellationToken))).ConfigureAwait(false);
        var remaining = await Step("surface.verify-照合番号B", () => surface.VerifyAsync(verificationNumberB, options.RetryPolicy, cancellationToken)).ConfigureAwait(false);
        var face = await Step("surface.read-card-face", () => ReadOrEmptyAsync(() => surface.ReadCardFaceAsync(cancellationToken))).ConfigureAwait(false);
        byte[]? age = null;
        if (options.ReadAgeRecord)
        {
            await Step("surface.verify-birth-date-key", () => surface.VerifyBirthDateKeyAsync(verificationNumberB, options.RetryPolicy, cancellationToken)).ConfigureAwait(false);
            age = await Step("surface.read-age-record", () => surface.ReadAgeRecordAsync(cancellationToken)).ConfigureAwait(false);
        }

        evidence = evidence with { SurfaceCertificate = surfaceCvc, SurfaceApInfo = surfaceInfo, SurfaceCardFace = face, SurfaceAgeRecord = age };
        await Step("surface.verify-signatures", () => Task.FromResult(Run(() => verifier.VerifySurface(evidence, context, result)))).ConfigureAwait(false);
        await Step("surface.challenge", () => ChallengeAsync(result.SurfaceChipKey, CheckNames.SurfaceCardPresence, "DF24", data => surface.SignAsync(data, cancellationToken), result)).ConfigureAwait(false);

        MyNumber? myNumber = null;
        if (options.ReadTextAp)
        {
            var text = new TextAp(session);
            var selected = await Step("text.select", () => TrySelectAsync(() => text.SelectAsync(cancellationToken))).ConfigureAwait(false);
            if (selected)
            {
                var textCvc = await Step("text.read-cvc", () => ReadOrEmptyAsync(() => text.ReadCertificateAsync(cancellationToken))).ConfigureAwait(false);
                await Step("text.verify-照合番号B", () => text.VerifyAsync(verificationNumberB, options.RetryPolicy, cancellationToken)).ConfigureAwait(false);
                var attributes = await Step("text.read-attributes", () => ReadOrEmptyAsync(() => text.ReadAttributesAsync(cancellationToken))).ConfigureAwait(false);
                var integrity = await Step("text.read-integrity", () => ReadOrEmptyAsync(() => text.ReadIntegrityAsync(cancellationToken))).ConfigureAwait(false);
                var cardKey = await Step("text.read-card-key", () => TryReadAsync(() => text.ReadCardKeyAsync(cancellationToken))).ConfigureAwait(false);
                byte[]? myNumberFile = null;
                if (myNumberPurpose is not null)
                {
                    await Step("text.verify-pin", () => text.VerifyPinAsync(options.MyNumberPin!, options.RetryPolicy, cancellationToken)).ConfigureAwait(false);
                    myNumberFile = await Step("text.read-my-number", () => text.ReadMyNumberFileAsync(cancellationToken)).ConfigureAwait(false);
                }

                evidence = evidence with { TextCertificate = textCvc, TextAttributes = attributes, TextIntegrity = integrity, TextCardKey = cardKey, TextMyNumberFile = myNumberFile };
                await Step("text.verify-signatures", () => Task.FromResult(Run(() => verifier.VerifyText(evidence, context, result)))).ConfigureAwait(false);
                if (myNumberFile is not null)
                {
                    CryptographicOperations.ZeroMemory(myNumberFile);
                }

                if (result.MyNumberDigits is { } digits)
                {
                    myNumber = new MyNumber(digits);
                    result.MyNumberDigits = null;
                }

                if (cardKey is not null)
                {
                    await Step("text.challenge", () => ChallengeAsync(result.TextChipKey, CheckNames.TextCardPresence, "EF 0007 DF51", data => text.SignAsync(data, cancellationToken), result)).ConfigureAwait(false);
                }
            }
            else
            {
                result.Add(CheckOutcome.Skip(CheckNames.TextCvc, "text AP not present on this card"));
            }
        }

        if (options.ReadJpki)
        {
            var jpki = new JpkiAp(session);
            if (await Step("jpki.select", () => TrySelectAsync(() => jpki.SelectAsync(cancellationToken))).ConfigureAwait(false))
            {
                var cert = await Step("jpki.read-auth-cert", () => TryReadAsync(() => jpki.ReadAuthCertificateAsync(cancellationToken))).ConfigureAwait(false);
                var ca = await Step("jpki.read-auth-ca", () => TryReadAsync(() => jpki.ReadAuthCaCertificateAsync(cancellationToken))).ConfigureAwait(false);
                evidence = evidence with { JpkiAuthCertificate = cert, JpkiAuthCaCertificate = ca };
                if (cert is null)
                {
                    result.Add(CheckOutcome.Skip(CheckNames.JpkiAuthCertificatePath, "no user-authentication certificate on the card"));
                }

                await Step("jpki.validate-path", () => Task.FromResult(Run(() => verifier.VerifyJpki(evidence, context, result)))).ConfigureAwait(false);
            }
            else
            {
                result.Add(CheckOutcome.Skip(CheckNames.JpkiAuthCertificatePath, "JPKI AP not present on this card"));
            }
        }

        if (options.ReadCommonAp)
        {
            var common = new CommonAp(session);
            if (await Step("common.select", () => TrySelectAsync(() => common.SelectAsync(cancellationToken))).ConfigureAwait(false))
            {
                var record = await Step("common.read-record", () => TryReadAsync(() => common.ReadRecordAsync(cancellationToken))).ConfigureAwait(false);
                evidence = evidence with { CommonRecord = record };
                EvidenceVerifier.VerifyCommon(evidence, result);
            }
        }

        return new VerifiedCard(result, remaining, timings, myNumber);
    }

    private static int Run(Action action)
    {
        action();
        return 0;
    }

    private static async Task<int> ChallengeAsync(CardPublicKey? chipKey, string checkName, string keySource, Func<byte[], Task<byte[]>> sign, EvidenceResult result)
    {
        if (chipKey is null)
        {
            result.Add(CheckOutcome.Skip(checkName, $"no authenticated chip key ({keySource} not verified)"));
            return 0;
        }

        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        byte[] answer;
        try
        {
            answer = await sign(chipKey.ChallengeCommandData(nonce)).ConfigureAwait(false);
        }
        catch (CardStatusException ex)
        {
            result.Add(CheckOutcome.Fail(checkName, $"the chip refused to sign the challenge ({ex.StatusWord}): not the card the data came from"));
            return 0;
        }

        result.Add(chipKey.VerifyChallenge(nonce, answer)
            ? CheckOutcome.Pass(checkName, $"the chip signed a fresh {NonceLength}-byte nonce with the key in {keySource} ({chipKey.SchemeName})")
            : CheckOutcome.Fail(checkName, $"the challenge answer does not verify against the signed chip key {keySource}: cloned data set or a different chip"));
        return 0;
    }

    private static async Task<bool> TrySelectAsync(Func<Task> select)
    {
        try
        {
            await select().ConfigureAwait(false);
            return true;
        }
        catch (CardStatusException ex) when (ex.StatusWord.Value is 0x6A82 or 0x6A86 or 0x6999)
        {
            return false;
        }
    }

    /// <summary>A file whose header cannot be parsed becomes empty evidence, which the verifier reports as malformed.</summary>
    private static async Task<byte[]> ReadOrEmptyAsync(Func<Task<byte[]>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (CardDataFormatException)
        {
            return [];
        }
    }

    private static async Task<byte[]?> TryReadAsync(Func<Task<byte[]>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
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
