using System.Collections.Frozen;
using System.Globalization;
using ReaderKit.Apdu;

namespace ReaderKit.Nfc;

/// <summary>The bus failed (I/O error, port closed) or the chip never answered during initialisation.</summary>
public sealed class Pn532LinkException : CardTransportException
{
    public Pn532LinkException(string message, Exception? inner = null)
        : base(CardTransportFailure.ReaderUnavailable, message, inner)
    {
    }
}
