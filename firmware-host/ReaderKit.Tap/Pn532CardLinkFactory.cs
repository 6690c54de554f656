using ReaderKit.Apdu;
using ReaderKit.Nfc;

namespace ReaderKit.Tap;

/// <summary>
/// The PN532 as an <see cref="ICardLinkFactory"/>: opens the host link from an <see cref="IPn532LinkFactory"/>, drives the chip
/// with <see cref="CardTapOptions.Chip"/>, polls for a Type B card with InListPassiveTarget and releases it with InRelease.
/// </summary>
public sealed class Pn532CardLinkFactory(IPn532LinkFactory links) : ICardLinkFactory
{
    /// <summary>The PN532 host link factory.</summary>
    public IPn532LinkFactory Links { get; } = links ?? throw new ArgumentNullException(nameof(links));

    /// <inheritdoc />
    public string Description => Links.Description;

    /// <inheritdoc />
    public ICardLink Open(CardTapOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Link(new Pn532(Links.Open(), options.Chip, clock));
    }

    private sealed class Link(Pn532 chip) : ICardLink
    {
        public string CardKind => "Type B card";

        public Task InitializeAsync(CancellationToken cancellationToken) => chip.InitializeAsync(cancellationToken);

        public async Task<ICardConnection> WaitForCardAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
        {
            var target = await chip.WaitForTypeBTargetAsync(pollInterval, cancellationToken).ConfigureAwait(false);
            return new Connection(chip, target);
        }

        public ValueTask DisposeAsync() => chip.DisposeAsync();
    }

    private sealed class Connection(Pn532 chip, TypeBTarget target) : ICardConnection
    {
        public IApduTransport Transport { get; } = new Pn532ApduTransport(chip, target);

        public Task ReleaseAsync(CancellationToken cancellationToken) => chip.ReleaseAsync(target.TargetNumber, cancellationToken);
    }
}
