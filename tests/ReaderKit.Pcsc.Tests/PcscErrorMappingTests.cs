using ReaderKit.Apdu;
using ReaderKit.Contracts;
using ReaderKit.Tap;

namespace ReaderKit.Pcsc.Tests;

/// <summary>What each pcsc-lite return code becomes for a caller: the transport failure and the shared ErrorCode a tap reports.</summary>
public sealed class PcscErrorMappingTests
{
    [Theory]
    [InlineData(0x8010000Bu, ErrorCode.ReaderBusy)] // SCARD_E_SHARING_VIOLATION: another application holds the reader
    [InlineData(0x8010000Cu, ErrorCode.CardRemoved)] // SCARD_E_NO_SMARTCARD
    [InlineData(0x80100069u, ErrorCode.CardRemoved)] // SCARD_W_REMOVED_CARD
    [InlineData(0x80100068u, ErrorCode.CardRemoved)] // SCARD_W_RESET_CARD: the security state is gone
    [InlineData(0x80100067u, ErrorCode.CardRemoved)] // SCARD_W_UNPOWERED_CARD
    [InlineData(0x8010000Au, ErrorCode.ReaderTimeout)] // SCARD_E_TIMEOUT
    [InlineData(0x8010001Du, ErrorCode.ReaderUnavailable)] // SCARD_E_NO_SERVICE: pcscd not running
    [InlineData(0x8010001Eu, ErrorCode.ReaderUnavailable)] // SCARD_E_SERVICE_STOPPED
    [InlineData(0x8010002Eu, ErrorCode.ReaderUnavailable)] // SCARD_E_NO_READERS_AVAILABLE
    [InlineData(0x80100009u, ErrorCode.ReaderUnavailable)] // SCARD_E_UNKNOWN_READER
    [InlineData(0x80100017u, ErrorCode.ReaderUnavailable)] // SCARD_E_READER_UNAVAILABLE
    [InlineData(0x80100003u, ErrorCode.ReaderUnavailable)] // SCARD_E_INVALID_HANDLE
    [InlineData(0x80100016u, ErrorCode.ReaderProtocolError)] // SCARD_E_NOT_TRANSACTED (outside a transmit)
    [InlineData(0x80100013u, ErrorCode.ReaderProtocolError)] // SCARD_F_COMM_ERROR
    [InlineData(0x8010000Fu, ErrorCode.ReaderProtocolError)] // SCARD_E_PROTO_MISMATCH
    [InlineData(0x80100066u, ErrorCode.ReaderProtocolError)] // SCARD_W_UNRESPONSIVE_CARD
    [InlineData(0x80100099u, ErrorCode.ReaderProtocolError)] // unlisted: fail closed
    public void Each_code_maps_to_the_shared_error_code(uint code, ErrorCode expected)
    {
        Assert.Equal(expected, TransportErrorCodes.Of(PcscErrors.Failure(code)));
        Assert.Equal(expected, TransportErrorCodes.Of(new PcscException("SCardX", code).Failure));
    }

    [Theory]
    [InlineData(0x8010000Bu, "SCARD_E_SHARING_VIOLATION")]
    [InlineData(0x80100069u, "SCARD_W_REMOVED_CARD")]
    [InlineData(0x8010001Du, "SCARD_E_NO_SERVICE")]
    [InlineData(0x00000000u, "SCARD_S_SUCCESS")]
    [InlineData(0x80100099u, "0x80100099")]
    public void Codes_are_named_in_messages(uint code, string name)
    {
        Assert.Equal(name, PcscErrors.Name(code));
        if (code != 0)
        {
            Assert.Contains(name, new PcscException("SCardConnect", code).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0x80100069u, false)] // removed before sending: pcsc-lite refuses a stale handle
    [InlineData(0x80100068u, false)]
    [InlineData(0x8010000Cu, false)]
    [InlineData(0x80100003u, false)]
    [InlineData(0x8010001Du, false)]
    [InlineData(0x80100016u, true)] // not transacted: the reader may have passed it on
    [InlineData(0x80100013u, true)]
    [InlineData(0x8010000Au, true)]
    [InlineData(0x80100066u, true)]
    [InlineData(0x80100099u, true)] // unlisted: assume it may have
    public void Only_codes_pcsc_lite_returns_before_sending_count_as_not_sent(uint code, bool mayHaveReached) =>
        Assert.Equal(mayHaveReached, PcscErrors.TransmitMayHaveReachedCard(code));

    [Fact]
    public void Outcome_unknown_is_its_own_failure_so_the_card_layer_never_resends()
    {
        var e = new PcscOutcomeUnknownException(0x20, TimeSpan.FromMilliseconds(600), "no answer");
        Assert.Equal(CardTransportFailure.OutcomeUnknown, e.Failure);
        Assert.Equal(0x20, e.Instruction);
        Assert.Contains("not sent again", e.Message, StringComparison.Ordinal);
    }
}
