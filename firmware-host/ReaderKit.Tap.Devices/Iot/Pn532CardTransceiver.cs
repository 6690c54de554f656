using Iot.Device.Card;
using ReaderKit.Apdu;

using ReaderKit.Nfc;

namespace ReaderKit.Tap.Devices.Iot;

/// <summary>
/// The driver as an Iot.Device.Card <see cref="CardTransceiver"/>, so existing dotnet/iot card code (CreditCard,
/// Mifare, Ultralight …) can run over ReaderKit's PN532 stack. The synchronous contract is implemented over the async
/// core with a per-call deadline; failures return -1 as the contract demands, and <see cref="LastError"/> keeps the
/// typed exception.
/// </summary>
public sealed class Pn532CardTransceiver : CardTransceiver
{
    private readonly Pn532 _chip;

    public Pn532CardTransceiver(Pn532 chip, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(chip);
        _chip = chip;
        Timeout = timeout ?? TimeSpan.FromSeconds(5);
    }

    /// <summary>Deadline of one <see cref="Transceive"/> (the whole chained exchange).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The error behind the last -1/false result (null after a success).</summary>
    public CardTransportException? LastError { get; private set; }

    /// <summary>MI chaining lets the driver return more than one frame; 1 KiB + SW covers extended-length reads.</summary>
    public override uint MaximumReadSize => 1026;

    /// <summary>Host-side MI chaining lets the driver send more than one frame.</summary>
    public override uint MaximumWriteSize => 1024 + 7;

    /// <summary>
    /// ISO 14443-4 (and the other protocols the chip frames itself) go through InDataExchange; anything else is sent raw
    /// with InCommunicateThru.
    /// </summary>
    public override int Transceive(byte targetNumber, ReadOnlySpan<byte> dataToSend, Span<byte> dataFromCard, NfcProtocol protocol)
    {
        var data = dataToSend.ToArray();
        var capacity = dataFromCard.Length;
        byte[]? answer;
        try
        {
            answer = Run(() => protocol is NfcProtocol.Iso14443_4 or NfcProtocol.Mifare or NfcProtocol.Jewel or NfcProtocol.JisX6319_4
                ? _chip.DataExchangeAsync(targetNumber, data, capacity, Timeout)
                : _chip.CommunicateThruAsync(data, capacity, Timeout));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(data);
        }

        if (answer is null)
        {
            return -1;
        }

        if (answer.Length > capacity)
        {
            LastError = new Pn532ProtocolException($"The card answered {answer.Length} bytes into a {capacity}-byte buffer.");
            return -1;
        }

        answer.CopyTo(dataFromCard);
        return answer.Length;
    }

    /// <summary>Deselects and re-selects the target (InDeselect + InSelect).</summary>
    public override bool ReselectTarget(byte targetNumber) =>
        Run(async () =>
        {
            await _chip.DeselectAsync(targetNumber).ConfigureAwait(false);
            await _chip.SelectAsync(targetNumber).ConfigureAwait(false);
            return Array.Empty<byte>();
        }) is not null;

    private byte[]? Run(Func<Task<byte[]>> call)
    {
        try
        {
            // Task.Run: never block a caller's synchronisation context on the async core.
            var result = Task.Run(call).GetAwaiter().GetResult();
            LastError = null;
            return result;
        }
        catch (CardTransportException ex)
        {
            LastError = ex;
            return null;
        }
    }
}
