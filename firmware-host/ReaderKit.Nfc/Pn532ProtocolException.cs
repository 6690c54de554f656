using System.Collections.Frozen;
using System.Globalization;
using ReaderKit.Apdu;

namespace ReaderKit.Nfc;

/// <summary>The link delivered frames that stayed broken after NACK/resend retries, or an answer that does not fit the command.</summary>
public sealed class Pn532ProtocolException : CardTransportException
{
    public Pn532ProtocolException(string message, Exception? inner = null)
        : base(CardTransportFailure.ProtocolError, message, inner)
    {
    }
}
