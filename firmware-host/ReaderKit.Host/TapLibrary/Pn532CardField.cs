using ReaderKit.Host.Reader;
using ReaderKit.Nfc;
using ReaderKit.Tap;

namespace ReaderKit.Host.TapLibrary;

/// <summary>
/// <see cref="ICardField"/> over the PN532: a poll lists a Type B target and releases it at once (so a card waiting on
/// the reader never keeps a security state), over a link from the same <see cref="IPn532LinkFactory"/> the tap uses.
/// The link stays open between polls and is closed (<see cref="ParkAsync"/>) while a tap has the chip, so only one of
/// them ever talks to it.
/// </summary>
public sealed class Pn532CardField(IPn532LinkFactory links, Pn532Options? chipOptions = null, TimeProvider? time = null) : ICardField, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Pn532? _chip;

    /// <inheritdoc />
    public async Task<bool> IsCardPresentAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            try
            {
                if (_chip is null)
                {
                    var chip = new Pn532(links.Open(), chipOptions, time);
                    try
                    {
                        await chip.InitializeAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch
                    {
                        await chip.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }

                    _chip = chip;
                }

                var target = await _chip.ListTypeBTargetAsync(cancellationToken).ConfigureAwait(false);
                if (target is null)
                {
                    return false;
                }

                await _chip.ReleaseAsync(target.TargetNumber, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed poll drops the link; the next poll opens a fresh one (the state machine raises the fault).
                await CloseAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>The tap released its card itself (InRelease at its end); this closes the polling link so the card's state is gone with the session.</remarks>
    public Task ReleaseAsync(CancellationToken cancellationToken) => ParkAsync(cancellationToken);

    /// <summary>Closes the polling link (before a tap opens its own).</summary>
    public async Task ParkAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task CloseAsync()
    {
        if (_chip is { } chip)
        {
            _chip = null;
            await chip.DisposeAsync().ConfigureAwait(false);
        }
    }
}
