using ReaderKit.Pcsc;
using ReaderKit.VirtualCard.Files;

namespace ReaderKit.VirtualCard.Tests.Fidelity.Pcsc;

/// <summary>A fidelity row run through PC/SC: ReaderKit.Pcsc → libpcsclite → pcscd → vpcd → the test's virtual ICC on loopback.</summary>
internal sealed class PcscScript(CardImage image, VirtualMyNumberCard card, PcscCardConnection connection) : FidelityScript(image, card)
{
    /// <summary>The ATR pcscd reports for the card (SCardStatus).</summary>
    public override byte[] Atr => connection.ReadAtr();

    public override Task<byte[]> TransmitAsync(byte[] apdu) => connection.TransceiveAsync(apdu, TimeSpan.FromSeconds(10), CancellationToken.None);

    /// <summary>SCardReconnect with SCARD_RESET_CARD: vpcd sends a reset, the card clears its volatile state.</summary>
    public override Task ResetAsync()
    {
        connection.Reset(exclusive: false);
        return Task.CompletedTask;
    }
}
