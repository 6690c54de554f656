using ReaderKit.Apdu;
using ReaderKit.Pcsc;

namespace ReaderKit.Tap.Devices;

/// <summary>
/// A PC/SC reader (pcsc-lite) as the tap's link: one <see cref="PcscContext"/> per tap, the reader chosen by name
/// (<see cref="PcscReaderSelection"/>), card insertion awaited with <c>SCardGetStatusChange</c>, the card held with
/// <c>SCARD_SHARE_EXCLUSIVE</c> for the whole tap (another application holding it: <c>ReaderBusy</c>, nothing sent) and
/// released with <c>SCARD_RESET_CARD</c> so no verified 照合番号B outlives the tap; the context is always released.
/// </summary>
/// <param name="ReaderName">A part of the reader's name (case-insensitive; an exact name wins), or null for the only reader.</param>
/// <param name="Transport">Transport settings (deadlines, Ne); null for the defaults.</param>
public sealed record PcscCardLinkFactory(string? ReaderName = null, PcscOptions? Transport = null) : ICardLinkFactory
{
    /// <inheritdoc />
    public string Description => string.IsNullOrWhiteSpace(ReaderName) ? "PC/SC (the only reader)" : $"PC/SC reader matching '{ReaderName}'";

    /// <inheritdoc />
    public ICardLink Open(CardTapOptions options, TimeProvider clock)
    {
        (Transport ?? new PcscOptions()).Validate();
        return new Link(this);
    }

    private sealed class Link(PcscCardLinkFactory factory) : ICardLink
    {
        private PcscContext? _context;
        private string? _reader;

        public string CardKind => "card";

        public Task InitializeAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _context = PcscContext.Establish();
            _reader = _context.SelectReader(factory.ReaderName);
            return Task.CompletedTask;
        }

        public async Task<ICardConnection> WaitForCardAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
        {
            var context = _context ?? throw new InvalidOperationException("InitializeAsync first.");
            await context.WaitForCardAsync(_reader!, pollInterval, cancellationToken).ConfigureAwait(false);
            var connection = await Task.Run(() => context.Connect(_reader!, exclusive: true, factory.Transport, PcscDisposition.Reset), CancellationToken.None).ConfigureAwait(false);
            return new Connection(connection);
        }

        public ValueTask DisposeAsync()
        {
            _context?.Dispose();
            _context = null;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Connection(PcscCardConnection connection) : ICardConnection
    {
        public IApduTransport Transport => connection;

        public string Technology => "PC/SC";

        /// <summary>PC/SC connected with the card's protocol already: nothing to activate.</summary>
        public Task<IApduTransport> OpenTransportAsync(CancellationToken cancellationToken) => Task.FromResult<IApduTransport>(connection);

        public Task ReleaseAsync(CancellationToken cancellationToken) => connection.DisposeAsync().AsTask().WaitAsync(cancellationToken);
    }
}
