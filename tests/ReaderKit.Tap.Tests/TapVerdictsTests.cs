using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;
using ReaderKit.Contracts;

namespace ReaderKit.Tap.Tests;

/// <summary>The one credential-refusal mapping the card tap and the phone tap share: error code and retry counter per refusal.</summary>
public sealed class TapVerdictsTests
{
    private static readonly RetryPolicy Policy = new() { Floor = 2 };

    public static TheoryData<CredentialException, ErrorCode, Retries> Refusals() => new()
    {
        { new CredentialBlockedException("jpki auth PIN"), ErrorCode.CredentialBlocked, new Retries("c", 0, 2, false) },
        { new RetryFloorReachedException("jpki auth PIN", 2, 2), ErrorCode.RetryFloorReached, new Retries("c", 2, 2, false) },
        { new CredentialRejectedException("jpki auth PIN", 4), ErrorCode.CredentialRejected, new Retries("c", 5, 2, true, 4) },
        { new RetryCounterUnknownException("jpki auth PIN", StatusWord.FromUInt16(0x6300)), ErrorCode.RetryCounterUnknown, new Retries("c", null, 2, false) },
        { new CredentialOutcomeUnknownException("jpki auth PIN", 3, new CardTransportException(CardTransportFailure.OutcomeUnknown, "lost")), ErrorCode.CredentialOutcomeUnknown, new Retries("c", 3, 2, true) },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Each_refusal_has_its_code_and_the_counter_as_known(CredentialException refusal, ErrorCode code, Retries retries)
    {
        var verdict = TapVerdicts.CredentialRefused(refusal, "c", Policy);
        Assert.Equal(VerdictKind.CredentialRefused, verdict.Kind);
        Assert.Equal(code, verdict.Error);
        Assert.Equal(retries, verdict.Retries);
        Assert.Equal(refusal.Message, verdict.Message);
    }

    [Fact]
    public void The_last_try_allowed_reports_a_floor_of_zero() =>
        Assert.Equal(0, TapVerdicts.CredentialRefused(new CredentialBlockedException("b"), "c", Policy with { AllowLastTry = true }).Retries!.Floor);
}
