namespace ReaderKit.Apdu;

/// <summary>
/// A channel to one card in the field that carries APDUs. Implementations handle 61xx (GET RESPONSE)
/// and 6Cxx (resend with the corrected Le) so callers see complete responses.
/// </summary>
public interface IApduChannel
{
    /// <summary>
    /// The largest Ne this channel can carry in one exchange (256 for short APDUs; more only when
    /// extended-length APDUs pass end to end). Callers chunk READ BINARY to this size.
    /// </summary>
    int MaxResponseDataLength { get; }

    /// <summary>
    /// The Ne this channel carries best in one extended-length exchange (more than 256), or 0 when it carries none
    /// (the default). It says what the reader path handles, nothing about the card: callers use it only for a card that
    /// declared extended Lc/Le and keep a short-Le fallback (see <c>ReaderKit.Card.Aps.CardSession</c>).
    /// </summary>
    int MaxExtendedResponseDataLength => 0;

    /// <summary>Sends one command and returns the complete response.</summary>
    /// <param name="command">The command.</param>
    /// <param name="timeout">Deadline for this command; null takes the channel's default. Signing needs ≥ 3 s.</param>
    /// <param name="cancellationToken">Cancels the exchange; the transport aborts the command on the reader.</param>
    /// <exception cref="CardTransportException">The exchange failed below the APDU layer.</exception>
    Task<ResponseApdu> TransmitAsync(CommandApdu command, TimeSpan? timeout = null, CancellationToken cancellationToken = default);
}
