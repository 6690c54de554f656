using ReaderKit.Apdu;

namespace ReaderKit.VirtualCard;

/// <summary>
/// A direct <see cref="IApduTransport"/> to a virtual card, without the PN532: for upper layers' tests
/// (wrap it in <see cref="ApduChannel"/>). <see cref="RemoveCard"/> simulates the card leaving the field.
/// </summary>
public sealed class VirtualCardTransport : IApduTransport
{
    private readonly VirtualMyNumberCard card;
    private int removed;

    /// <summary>A transport to <paramref name="card"/>; <paramref name="maxResponseLength"/> defaults to extended length.</summary>
    public VirtualCardTransport(VirtualMyNumberCard card, int maxResponseLength = 65538)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResponseLength, 3);
        this.card = card;
        MaxResponseLength = maxResponseLength;
    }

    /// <inheritdoc/>
    public int MaxResponseLength { get; }

    /// <summary>
    /// The extended-length response (data + SW) offered to the card layer (<see cref="IApduTransport.MaxExtendedResponseLength"/>);
    /// 0 (the default) offers none, so upper layers read with short Le as over a reader without extended length.
    /// </summary>
    public int MaxExtendedResponseLength { get; init; }

    /// <summary>Number of APDUs exchanged so far.</summary>
    public int ExchangeCount { get; private set; }

    /// <summary>The card leaves the field: its volatile state is cleared and every later exchange fails with CardRemoved.</summary>
    public void RemoveCard()
    {
        Interlocked.Exchange(ref removed, 1);
        card.FieldOff();
    }

    /// <inheritdoc/>
    public Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref removed) != 0)
        {
            throw new CardTransportException(CardTransportFailure.CardRemoved, "The virtual card is not in the field.");
        }

        ExchangeCount++;
        var response = card.ProcessApdu(command.Span);
        if (response.Length > MaxResponseLength)
        {
            throw new CardTransportException(CardTransportFailure.ProtocolError, $"Response of {response.Length} bytes exceeds the transport limit of {MaxResponseLength}.");
        }

        return Task.FromResult(response);
    }
}
