using ReaderKit.Nfc;

namespace ReaderKit.Simulation;

/// <summary>A link that also disposes what was opened for it (the SPI chip-select controller, the HSU pseudo-terminal) when it is disposed.</summary>
internal sealed class OwningLink(IPn532Link inner, IDisposable owned) : IPn532Link
{
    public string Name => inner.Name;

    public TimeSpan ByteTime => inner.ByteTime;

    public Task WakeUpAsync(CancellationToken cancellationToken) => inner.WakeUpAsync(cancellationToken);

    public Task WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) => inner.WriteAsync(frame, cancellationToken);

    public Task<byte[]> ReadFrameAsync(int sizeHint, CancellationToken cancellationToken) => inner.ReadFrameAsync(sizeHint, cancellationToken);

    public void DiscardInput() => inner.DiscardInput();

    public void Dispose()
    {
        inner.Dispose();
        owned.Dispose();
    }
}
