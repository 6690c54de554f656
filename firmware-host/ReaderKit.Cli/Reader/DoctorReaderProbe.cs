using ReaderKit.Apdu;
using ReaderKit.Host.Diagnostics;
using ReaderKit.Tap;
using ReaderKit.Nfc;
using ReaderKit.Pcsc;

namespace ReaderKit.Cli.Reader;

/// <summary>
/// <c>readerkit doctor</c>'s reader probe over the configured link factory (the same one the host composes): one
/// <see cref="Pn532ProbeSession"/> within <see cref="Deadline"/>, shared by the <c>reader.link</c> and
/// <c>reader.field</c> lines. A link that cannot be opened or a silent chip becomes a result with the fix for that link.
/// </summary>
/// <param name="links">The configured PN532 link factory.</param>
/// <param name="link">The configured link kind (<c>i2c</c>, <c>spi</c>, <c>hsu</c>), which chooses the fix.</param>
/// <param name="device">The device file the link opens (<c>/dev/i2c-1</c>, <c>/dev/spidev0.0</c>, the serial port), or null when it has none (the simulator's attachments): a missing one is reported as missing rather than as whatever the open call says.</param>
internal sealed class DoctorReaderProbe(IPn532LinkFactory links, string link, string? device = null) : IReaderProbe
{
    /// <summary>The whole probe's deadline (open, wake, SAMConfiguration, firmware, one poll).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>Short driver waits: a silent chip is reported in about a second, not after the host's tap timeouts.</summary>
    private static readonly Pn532Options Options = new() { AckTimeout = TimeSpan.FromMilliseconds(500), CommandTimeout = TimeSpan.FromSeconds(1) };

    private Task<ReaderProbeResult>? _result;

    public Task<ReaderProbeResult> ProbeAsync(CancellationToken cancellationToken) => _result ??= RunAsync(cancellationToken);

    private async Task<ReaderProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        var where = links.Description;
        if (device is not null && !File.Exists(device))
        {
            return new ReaderProbeResult(where, null, false, null, $"{device} does not exist") { Fix = EnableFix };
        }

        IPn532Link opened;
        try
        {
            opened = links.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException or CardException)
        {
            return new ReaderProbeResult(where, null, false, null, $"cannot open the link: {e.Message}")
            {
                Fix = e is UnauthorizedAccessException
                    ? "Add the service user to the i2c, spi and dialout groups (the package does: sudo usermod -aG i2c,spi,dialout readerkit)."
                    : EnableFix,
            };
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            var report = await Pn532ProbeSession.RunAsync(opened, Options, deadline.Token).ConfigureAwait(false);
            return new ReaderProbeResult(where, FirmwareText(report.Firmware), true, report.Card is not null, null);
        }
        catch (Pn532UnsupportedChipException e)
        {
            return new ReaderProbeResult(where, FirmwareText(e.Version), e.Version.SupportsTypeB, null, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ReaderProbeResult(where, null, false, null, $"no answer within {Deadline.TotalSeconds:0} s") { Fix = SilentFix };
        }
        catch (Exception e) when (e is CardException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            return new ReaderProbeResult(where, null, false, null, $"{e.GetType().Name}: {e.Message}") { Fix = SilentFix };
        }
    }

    private static string FirmwareText(Pn532FirmwareVersion v) => $"PN5{v.Ic:X2} v{v.Version}.{v.Revision} (IC 0x{v.Ic:X2}, support 0x{v.Support:X2})";

    private string SilentFix =>
        $"The link opened but no PN532 answered: check the wiring and the interface-select switches (I0/I1 set for {link}, then power-cycle the module), and the 3.3 V supply; see hardware/docs/wiring.md.";

    private string EnableFix => link switch
    {
        "i2c" => "Enable I2C (sudo raspi-config nonint do_i2c 0, or dtparam=i2c_arm=on in /boot/firmware/config.txt) and reboot; check Reader:Hardware:Bus (the header is bus 1); see hardware/docs/wiring.md.",
        "spi" => "Enable SPI (sudo raspi-config nonint do_spi 0 and dtoverlay=spi0-0cs) and reboot; check Reader:Hardware:Bus and ChipSelectGpio; see hardware/docs/wiring.md.",
        "hsu" => "Enable the UART (sudo raspi-config nonint do_serial_hw 0 and do_serial_cons 1) and reboot, or set Reader:Hardware:Port to the PN532's serial port; see hardware/docs/wiring.md.",
        _ => "Check Reader:Hardware:Link and the bus settings; see hardware/docs/wiring.md.",
    };
}
