using ReaderKit.VirtualCard.Files;

namespace ReaderKit.VirtualCard.Tests.Fidelity.Pcsc;

/// <summary>A fidelity row run through PC/SC: libpcsclite → pcscd → vpcd → the test's virtual ICC on loopback.</summary>
internal sealed class PcscScript(CardImage image, VirtualMyNumberCard card, nint handle) : FidelityScript(image, card)
{
    private static readonly PcscLite.IoRequest T1 = new() { Protocol = PcscLite.ProtocolT1, PciLength = 16 };

    /// <summary>The ATR pcscd reports for the card (SCardStatus).</summary>
    public override byte[] Atr
    {
        get
        {
            var atr = new byte[33];
            nuint atrLength = 33;
            nuint nameLength = 0;
            PcscLite.Check(PcscLite.SCardStatus(handle, null, ref nameLength, out _, out _, atr, ref atrLength), "SCardStatus");
            return atr[..(int)atrLength];
        }
    }

    public override Task<byte[]> TransmitAsync(byte[] apdu)
    {
        var response = new byte[PcscLite.MaxResponse];
        var length = (nuint)response.Length;
        PcscLite.Check(PcscLite.SCardTransmit(handle, T1, apdu, (nuint)apdu.Length, 0, response, ref length), $"SCardTransmit {Hex.Of(apdu)}");
        return Task.FromResult(response[..(int)length]);
    }

    /// <summary>SCardReconnect with SCARD_RESET_CARD: vpcd sends a reset, the card clears its volatile state.</summary>
    public override Task ResetAsync()
    {
        Reset(handle);
        return Task.CompletedTask;
    }

    public static void Reset(nint handle) =>
        PcscLite.Check(PcscLite.SCardReconnect(handle, PcscLite.ShareShared, PcscLite.ProtocolT1, PcscLite.ResetCard, out _), "SCardReconnect");
}
