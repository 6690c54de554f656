namespace ReaderKit.Apdu;

/// <summary>
/// ISO 7816-4 channel over a raw <see cref="IApduTransport"/>: follows 61xx with GET RESPONSE and
/// answers 6Cxx by resending with the Le the card asked for.
/// </summary>
public sealed class ApduChannel : IApduChannel
{
    private const int MaxGetResponseRounds = 256;
    private readonly IApduTransport _transport;

    public ApduChannel(IApduTransport transport, TimeSpan? defaultTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
        DefaultTimeout = defaultTimeout ?? TimeSpan.FromSeconds(1);
    }

    public TimeSpan DefaultTimeout { get; }

    public int MaxResponseDataLength => Math.Max(1, _transport.MaxResponseLength - 2);

    public async Task<ResponseApdu> TransmitAsync(CommandApdu command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var deadline = timeout ?? DefaultTimeout;
        var response = ResponseApdu.Parse(await _transport.TransceiveAsync(command.ToArray(), deadline, cancellationToken).ConfigureAwait(false));

        if (response.StatusWord.IsWrongLength)
        {
            var le = response.StatusWord.Sw2 == 0 ? 256 : response.StatusWord.Sw2;
            response = ResponseApdu.Parse(await _transport.TransceiveAsync(command.WithNe(le).ToArray(), deadline, cancellationToken).ConfigureAwait(false));
        }

        if (!response.StatusWord.HasMoreData)
        {
            return response;
        }

        using var collected = new MemoryStream();
        collected.Write(response.Data.Span);
        for (var round = 0; response.StatusWord.HasMoreData; round++)
        {
            if (round == MaxGetResponseRounds)
            {
                throw new CardTransportException(CardTransportFailure.ProtocolError, "The card kept answering 61xx; GET RESPONSE chain abandoned.");
            }

            var le = response.StatusWord.Sw2 == 0 ? 256 : response.StatusWord.Sw2;
            var getResponse = new CommandApdu((byte)(command.Cla & 0x03), 0xC0, 0x00, 0x00, ne: le);
            response = ResponseApdu.Parse(await _transport.TransceiveAsync(getResponse.ToArray(), deadline, cancellationToken).ConfigureAwait(false));
            collected.Write(response.Data.Span);
        }

        return new ResponseApdu(collected.ToArray(), response.StatusWord);
    }
}
