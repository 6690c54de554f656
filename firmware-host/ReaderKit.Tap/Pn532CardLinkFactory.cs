using ReaderKit.Apdu;
using ReaderKit.Nfc;

namespace ReaderKit.Tap;

/// <summary>
/// The PN532 as an <see cref="ICardLinkFactory"/>: opens the host link from an <see cref="IPn532LinkFactory"/>, drives the chip
/// with <see cref="CardTapOptions.Chip"/>, polls for a Type B card with InListPassiveTarget, carries its APDUs over the
/// driver's own ISO-DEP or the chip's (<see cref="CardTapOptions.Transport"/>, <see cref="Pn532ApduTransport.OpenAsync"/>) and
/// releases it with S(DESELECT) of the own session and InRelease.
/// </summary>
public sealed class Pn532CardLinkFactory(IPn532LinkFactory links) : ICardLinkFactory
{
    /// <summary>The PN532 host link factory.</summary>
    public IPn532LinkFactory Links { get; } = links ?? throw new ArgumentNullException(nameof(links));

    /// <inheritdoc />
    public string Description => Links.Description;

    /// <summary>
    /// Also list ISO 14443-4 Type A targets (Type B first, then Type A: <see cref="Pn532.WaitForIsoDepTargetAsync"/>) — for
    /// phones carrying JPKI. Off for the My Number Card tap: the card is Type B and its path stays exactly as it was.
    /// </summary>
    public bool AcceptTypeA { get; init; }

    /// <inheritdoc />
    public ICardLink Open(CardTapOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Link(new Pn532(Links.Open(), options.Chip, clock), options.Transport, AcceptTypeA);
    }

    private sealed class Link(Pn532 chip, Pn532TransportOptions transport, bool acceptTypeA) : ICardLink
    {
        public string CardKind => acceptTypeA ? "phone or card" : "Type B card";

        public Task InitializeAsync(CancellationToken cancellationToken) => chip.InitializeAsync(cancellationToken);

        public async Task<ICardConnection> WaitForCardAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
        {
            IsoDepTarget target = acceptTypeA
                ? await chip.WaitForIsoDepTargetAsync(pollInterval, cancellationToken).ConfigureAwait(false)
                : await chip.WaitForTypeBTargetAsync(pollInterval, cancellationToken).ConfigureAwait(false);
            return new Connection(chip, target, transport);
        }

        public ValueTask DisposeAsync() => chip.DisposeAsync();
    }

    private sealed class Connection(Pn532 chip, IsoDepTarget target, Pn532TransportOptions options) : ICardConnection
    {
        private IApduTransport? _transport;

        public string Technology => target.Technology.ToString();

        public IApduTransport Transport => _transport ?? throw new InvalidOperationException("OpenTransportAsync has not completed.");

        public async Task<IApduTransport> OpenTransportAsync(CancellationToken cancellationToken)
        {
            // The driver's own ISO-DEP when configured and the card takes its ATTRIB, else the chip's (README of ReaderKit.Nfc).
            _transport = await Pn532ApduTransport.OpenAsync(chip, target, options, cancellationToken).ConfigureAwait(false);
            return _transport;
        }

        public async Task ReleaseAsync(CancellationToken cancellationToken)
        {
            if (_transport is IAsyncDisposable session)
            {
                // The own ISO-DEP session ends with S(DESELECT) (or an RF field reset): the card's security state goes. The
                // chip's InRelease alone does not reach a card the driver activated itself.
                await session.DisposeAsync().ConfigureAwait(false);
            }

            await chip.ReleaseAsync(target.TargetNumber, cancellationToken).ConfigureAwait(false);
        }
    }
}
