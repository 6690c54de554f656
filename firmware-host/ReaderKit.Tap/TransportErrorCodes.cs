using ReaderKit.Apdu;
using ReaderKit.Contracts;

namespace ReaderKit.Tap;

/// <summary>The shared <see cref="ErrorCode"/> a tap reports for a failure below the APDU layer, whichever link raised it.</summary>
public static class TransportErrorCodes
{
    /// <summary>
    /// Timeout → ReaderTimeout, CardRemoved → CardRemoved, ReaderUnavailable → ReaderUnavailable, ReaderBusy (another application
    /// holds a PC/SC reader) → ReaderBusy; RF, protocol and outcome-unknown failures outside a VERIFY → ReaderProtocolError (inside
    /// a VERIFY the card layer reports CredentialOutcomeUnknown).
    /// </summary>
    public static ErrorCode Of(CardTransportFailure failure) => failure switch
    {
        CardTransportFailure.Timeout => ErrorCode.ReaderTimeout,
        CardTransportFailure.CardRemoved => ErrorCode.CardRemoved,
        CardTransportFailure.ReaderUnavailable => ErrorCode.ReaderUnavailable,
        CardTransportFailure.ReaderBusy => ErrorCode.ReaderBusy,
        _ => ErrorCode.ReaderProtocolError,
    };
}
