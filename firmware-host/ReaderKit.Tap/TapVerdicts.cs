using ReaderKit.Card.Credentials;
using ReaderKit.Contracts;

namespace ReaderKit.Tap;

/// <summary>The verdicts a card tap (<see cref="CardTap"/>) and a phone tap (<see cref="PhoneTap"/>) both build the same way.</summary>
internal static class TapVerdicts
{
    /// <summary>A verdict that decided nothing about the card beyond <paramref name="kind"/> and <paramref name="code"/>.</summary>
    public static TapVerdict Error(VerdictKind kind, ErrorCode code, string message) => new() { Kind = kind, Error = code, Message = message };

    /// <summary>
    /// A credential the card layer refused to present or the card rejected, with the retry counter as known:
    /// blocked → CredentialBlocked (0 left, nothing sent); floor reached → RetryFloorReached (nothing sent); rejected →
    /// CredentialRejected (one try spent); counter unknown → RetryCounterUnknown (nothing sent); outcome unknown →
    /// CredentialOutcomeUnknown (sent, its effect unknown: re-tap).
    /// </summary>
    /// <param name="e">What the card layer raised.</param>
    /// <param name="credential">The <see cref="Retries.Credential"/> name (for example <c>surface.number-b</c>, <c>jpki.auth-pin</c>).</param>
    /// <param name="policy">The retry policy the tap ran with (its effective floor is reported).</param>
    public static TapVerdict CredentialRefused(CredentialException e, string credential, RetryPolicy policy)
    {
        var floor = policy.EffectiveFloor;
        var (code, retries) = e switch
        {
            CredentialBlockedException => (ErrorCode.CredentialBlocked, new Retries(credential, 0, floor, false)),
            RetryFloorReachedException f => (ErrorCode.RetryFloorReached, new Retries(credential, f.RemainingTries, floor, false)),
            CredentialRejectedException r => (ErrorCode.CredentialRejected, new Retries(credential, r.RemainingTries + 1, floor, true, r.RemainingTries)),
            RetryCounterUnknownException => (ErrorCode.RetryCounterUnknown, new Retries(credential, null, floor, false)),
            CredentialOutcomeUnknownException u => (ErrorCode.CredentialOutcomeUnknown, new Retries(credential, u.TriesBeforeAttempt, floor, true)),
            _ => (ErrorCode.CredentialRejected, new Retries(credential, e.RemainingTries, floor, false)),
        };
        return Error(VerdictKind.CredentialRefused, code, e.Message) with { Retries = retries };
    }
}
