using System.Globalization;
using ReaderKit.Nfc;

namespace ReaderKit.Cli.Reader;

/// <summary>What one PN532 probe session found (see <see cref="Pn532ProbeSession"/>).</summary>
/// <param name="Link">The link's name (e.g. <c>i2c bus 1</c>).</param>
/// <param name="Firmware">The chip's firmware (a PN532 with Type B support).</param>
/// <param name="Card">The Type B card that answered in the field, or null.</param>
/// <param name="LinkNote">A note about the link's health (the I2C bus-free gap and retries), or null.</param>
internal sealed record Pn532ProbeReport(string Link, Pn532FirmwareVersion Firmware, TypeBTarget? Card, string? LinkNote);

/// <summary>
/// The probe both <c>readerkit probe</c> and <c>readerkit doctor</c> run: wake the chip (SAMConfiguration), read its
/// firmware, poll once for a Type B card and release it. Touches no card data.
/// </summary>
internal static class Pn532ProbeSession
{
    /// <summary>Probes the chip on <paramref name="link"/> (owned and closed here).</summary>
    /// <exception cref="Pn532UnsupportedChipException">Not a PN532, or no Type B support.</exception>
    /// <exception cref="ReaderKit.Apdu.CardTransportException">The chip did not answer.</exception>
    public static async Task<Pn532ProbeReport> RunAsync(IPn532Link link, Pn532Options? options, CancellationToken cancellationToken)
    {
        await using var chip = new Pn532(link, options);
        var firmware = await chip.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var target = await chip.ListTypeBTargetAsync(cancellationToken).ConfigureAwait(false);
        if (target is not null)
        {
            await chip.ReleaseAsync(target.TargetNumber, cancellationToken).ConfigureAwait(false);
        }

        // A PN532 that needs idle time between transactions NAKs; the link widens its gap (see wiring.md).
        var note = chip.Link is Pn532I2cLink i2c
            ? string.Create(CultureInfo.InvariantCulture, $"bus-free gap {i2c.CurrentBusFreeTime.TotalMilliseconds:0.#} ms, {i2c.RetriedTransactions} retried transaction(s)")
            : null;
        return new Pn532ProbeReport(chip.Link.Name, firmware, target, note);
    }
}
