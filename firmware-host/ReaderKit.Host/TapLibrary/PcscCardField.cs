using ReaderKit.Host.Reader;
using ReaderKit.Pcsc;

namespace ReaderKit.Host.TapLibrary;

/// <summary>
/// <see cref="ICardField"/> over a PC/SC reader: a poll reads the reader's state (<c>SCardGetStatusChange</c> with a zero
/// timeout) and never connects to the card, so it neither holds the reader while a tap connects exclusively nor leaves any
/// security state on the card. The context stays open between polls and is released on <see cref="ReleaseAsync"/>, on a
/// failed poll (the next poll establishes a fresh one) and on disposal.
/// </summary>
/// <param name="readerName">Part of the reader's name (null: the only reader), as <c>Reader:Hardware:PcscReader</c>.</param>
public sealed class PcscCardField(string? readerName) : ICardField, IDisposable
{
    private readonly Lock _gate = new();
    private PcscContext? _context;
    private string? _reader;

    /// <inheritdoc />
    /// <exception cref="PcscException">pcscd or the reader failed (the state machine raises the fault).</exception>
    /// <exception cref="PcscReaderSelectionException">The configured name picks no reader or several.</exception>
    public Task<bool> IsCardPresentAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            try
            {
                _context ??= PcscContext.Establish();
                _reader ??= _context.SelectReader(readerName);
                return Task.FromResult(_context.GetStatus(_reader).CardPresent);
            }
            catch (Apdu.CardTransportException)
            {
                Close();
                throw;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The tap reset the card on its disconnect; this releases the polling context.</remarks>
    public Task ReleaseAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Close();
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Close();
        }
    }

    private void Close()
    {
        _context?.Dispose();
        _context = null;
        _reader = null;
    }
}
