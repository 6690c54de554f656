using ReaderKit.Apdu;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Credentials;
using ReaderKit.Contracts;
using ReaderKit.Nfc;
using ReaderKit.Trust;
using static ReaderKit.Tap.TapVerdicts;

namespace ReaderKit.Tap;

/// <summary>
/// One smartphone tap (スマホ用電子証明書) end to end, beside <see cref="CardTap"/>: opens the PN532 link, polls for an
/// ISO-DEP card of either technology (Type B, then Type A), runs the JPKI user authentication (token, one retry-safe
/// VERIFY of the auth PIN, certificate, fresh-nonce signature; <see cref="JpkiAuthentication"/>), judges it offline
/// (<see cref="JpkiPossessionVerifier"/>) and returns a <see cref="TapVerdict"/> whose <see cref="TapVerdict.Jpki"/> states what
/// was proven. Always releases the target, disposes the link and zeroes the PIN; never throws for what the phone or the
/// reader did, nor for cancellation.
/// </summary>
/// <remarks>
/// A phone proves possession of a J-LIS-issued key and the certificate's validity, nothing about name, address or face:
/// an accepted phone verdict carries <c>SKIP card.face</c> and <see cref="TapFaceOutcome.NotRun"/>. A plastic card presented
/// here goes through the same JPKI authentication (its token says so).
/// </remarks>
public sealed class PhoneTap
{
    /// <param name="options">Trust, chip settings and time limits (the same as <see cref="CardTap"/>'s).</param>
    /// <param name="links">Opens the PN532 link for each tap; the chip lists Type B, then Type A targets.</param>
    /// <param name="clock">Clock for deadlines and the verification time (null: the system clock).</param>
    public PhoneTap(CardTapOptions options, IPn532LinkFactory links, TimeProvider? clock = null)
        : this(options, new Pn532CardLinkFactory(links ?? throw new ArgumentNullException(nameof(links))) { AcceptTypeA = true }, clock)
    {
    }

    /// <param name="options">Trust, chip settings and time limits (the same as <see cref="CardTap"/>'s).</param>
    /// <param name="links">Opens the reader for each tap: a PN532 (<see cref="Pn532CardLinkFactory"/> with
    /// <see cref="Pn532CardLinkFactory.AcceptTypeA"/>, phones present Type A) or a PC/SC reader.</param>
    /// <param name="clock">Clock for deadlines and the verification time (null: the system clock).</param>
    public PhoneTap(CardTapOptions options, ICardLinkFactory links, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Links = links ?? throw new ArgumentNullException(nameof(links));
        Clock = clock ?? TimeProvider.System;
    }

    public CardTapOptions Options { get; }

    public ICardLinkFactory Links { get; }

    public TimeProvider Clock { get; }

    /// <summary>Runs one phone tap; the request's PIN is zeroed when it returns.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The request's floor is below 1 (the PIN is zeroed).</exception>
    public async Task<TapVerdict> RunAsync(PhoneTapRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (request)
        {
            if (request.Floor < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(request), request.Floor, "The retry floor is at least 1; spending the last try needs AllowLastTry.");
            }

            var start = Clock.GetTimestamp();
            using var deadline = new CancellationTokenSource(Options.TapDeadline, Clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            TapVerdict verdict;
            try
            {
                verdict = await ReadAsync(request, linked.Token).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                verdict = Error(VerdictKind.Cancelled, ErrorCode.Cancelled, "The tap was cancelled.");
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                verdict = Error(VerdictKind.ReaderError, ErrorCode.TapDeadlineExceeded, $"The tap ran past its deadline of {Options.TapDeadline.TotalSeconds:0.#} s.");
            }

            return verdict with { Total = Clock.GetElapsedTime(start) };
        }
    }

    private async Task<TapVerdict> ReadAsync(PhoneTapRequest request, CancellationToken token)
    {
        var policy = new RetryPolicy { Floor = request.Floor, AllowLastTry = request.AllowLastTry };
        ICardLink? link = null;
        ICardConnection? connection = null;
        try
        {
            try
            {
                link = Links.Open(Options, Clock);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException or ArgumentException)
            {
                return Error(VerdictKind.ReaderError, ErrorCode.ReaderUnavailable, $"The reader link ({Links.Description}) cannot be opened: {e.Message}");
            }

            await link.InitializeAsync(token).ConfigureAwait(false);
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                wait.CancelAfter(Options.CardWait);
                try
                {
                    connection = await link.WaitForCardAsync(Options.CardPollInterval, wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    return Error(VerdictKind.ReaderError, ErrorCode.CardNotPresent, $"No phone or card in the field within {Options.CardWait.TotalSeconds:0.#} s.");
                }
            }

            var channel = new ApduChannel(await connection.OpenTransportAsync(token).ConfigureAwait(false), Options.ApduTimeout);
            var evidence = await JpkiAuthentication.RunAsync(channel, request.Pin, policy, token).ConfigureAwait(false);
            var at = Clock.GetUtcNow();
            var result = new JpkiPossessionVerifier(Options.Trust).Verify(evidence, at);
            return Judge(result, evidence, policy, connection.Technology);
        }
        catch (CredentialException e)
        {
            return CredentialVerdict(e, policy);
        }
        catch (CardNotSupportedException e)
        {
            return Error(VerdictKind.ReaderError, ErrorCode.CardNotSupported, e.Message);
        }
        catch (CardTransportException e)
        {
            return Error(VerdictKind.ReaderError, TransportErrorCodes.Of(e.Failure), e.Message);
        }
        catch (CardStatusException e)
        {
            return Error(VerdictKind.ReaderError, ErrorCode.CardNotSupported, $"The carrier refused a command ({e.StatusWord}): no JPKI applet, or it did not release the certificate.");
        }
        catch (CardException e)
        {
            return Error(VerdictKind.ReaderError, ErrorCode.CardDataMalformed, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Error(VerdictKind.ReaderError, ErrorCode.InternalError, $"The phone step failed unexpectedly ({e.GetType().Name}).");
        }
        finally
        {
            if (link is not null)
            {
                if (connection is not null)
                {
                    try
                    {
                        using var release = new CancellationTokenSource(Options.ReleaseTimeout, Clock);
                        await connection.ReleaseAsync(release.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is CardException or OperationCanceledException or IOException)
                    {
                        // The phone left; nothing stays verified on a carrier out of the field.
                    }
                }

                await link.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static TapVerdict Judge(JpkiPossessionResult result, JpkiAuthenticationEvidence evidence, RetryPolicy policy, string technology)
    {
        var pin = evidence.RemainingTriesBeforeVerify is { } before
            ? new CheckLine(JpkiPossessionChecks.Pin, CheckLineStatus.Pass, $"authentication PIN accepted ({before} tries left before it, floor {policy.EffectiveFloor})")
            : new CheckLine(JpkiPossessionChecks.Pin, CheckLineStatus.Pass, "authentication PIN already verified in this session (nothing sent)");
        var lines = result.Checks.Select(c => new CheckLine(c.Name, (CheckLineStatus)(int)c.Status, c.Reason)).ToList();
        lines.Insert(1, pin);
        var carrier = result.Carrier switch
        {
            Card.Records.JpkiTokenKind.Phone => "Phone",
            Card.Records.JpkiTokenKind.PlasticCard => "Card",
            _ => "JPKI carrier",
        };
        var (kind, error, message) =
            !result.IsGenuine ? (VerdictKind.NotGenuine, ErrorCode.NotGenuine, $"{carrier} NOT accepted: " + FirstFailure(result))
            : !result.ValidAtVerificationTime ? (VerdictKind.Expired, ErrorCode.Expired, $"{carrier} holds a J-LIS-issued key, but its certificate is NOT valid now.")
            : (VerdictKind.Accepted, ErrorCode.Ok, $"{carrier} ({technology}) holds a J-LIS-issued key with a valid certificate; name, address and photo NOT verified (a phone carries none).");
        return new TapVerdict
        {
            Kind = kind,
            Error = error,
            Message = message,
            Checks = lines,
            TrustAnchor = result.Anchor,
            AnchorsUsed = result.Anchor is { } a && result.ChainTrusted ? [a] : [],
            Retries = new Retries("jpki.auth-pin", evidence.RemainingTriesBeforeVerify, policy.EffectiveFloor, evidence.RemainingTriesBeforeVerify is not null),
            CardRead = true,
            Genuine = result.IsGenuine,
            ValidAtVerificationTime = result.ValidAtVerificationTime,
            VerificationTime = result.VerificationTime,
            Face = TapFaceOutcome.NotRun,
            Jpki = result,
        };
    }

    private static string FirstFailure(JpkiPossessionResult result) =>
        result.Checks.FirstOrDefault(c => c.Status == CheckStatus.Fail) is { } f ? $"{f.Name}: {f.Reason}" : "a JPKI check did not pass";

    private static TapVerdict CredentialVerdict(CredentialException e, RetryPolicy policy) =>
        TapVerdicts.CredentialRefused(e, "jpki.auth-pin", policy) with
        {
            Checks = [new CheckLine(JpkiPossessionChecks.Pin, CheckLineStatus.Fail, e.Message)],
        };
}
