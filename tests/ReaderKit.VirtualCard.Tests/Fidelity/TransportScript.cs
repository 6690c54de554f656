using ReaderKit.VirtualCard.Files;

namespace ReaderKit.VirtualCard.Tests.Fidelity;

/// <summary>A fidelity row run through <see cref="VirtualCardTransport"/>: the raw <c>IApduTransport</c> integrators sit on.</summary>
internal sealed class TransportScript(CardImage image, VirtualMyNumberCard card) : FidelityScript(image, card)
{
    private readonly VirtualCardTransport transport = new(card);

    public override byte[] Atr => Card.PseudoAtr;

    public override Task<byte[]> TransmitAsync(byte[] apdu) => transport.TransceiveAsync(apdu, TimeSpan.FromSeconds(5), CancellationToken.None);

    public override Task ResetAsync()
    {
        Card.FieldOff();
        return Task.CompletedTask;
    }
}
