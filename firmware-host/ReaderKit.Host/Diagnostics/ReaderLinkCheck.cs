namespace ReaderKit.Host.Diagnostics;

/// <summary><c>reader.link</c>: the PN532 answers on the configured link, reports its firmware and ISO 14443-B support.</summary>
public sealed class ReaderLinkCheck(IReaderProbe probe) : IDoctorCheck
{
    public string Name => "reader.link";

    public async Task<DoctorLine> RunAsync(CancellationToken cancellationToken)
    {
        var r = await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
        if (r.Firmware is null)
        {
            return new DoctorLine(Name, DoctorStatus.Fail, $"no PN532 on {r.Link}: {r.Error ?? "no answer"}",
                r.Fix ?? "Check wiring and the board's interface-select switches, enable the bus (dtparam=i2c_arm=on / spi=on / enable_uart=1), and that the service user is in the i2c/spi/dialout group; see hardware/docs/wiring.md.");
        }

        return r.SupportsTypeB
            ? new DoctorLine(Name, DoctorStatus.Ok, $"{r.Firmware} on {r.Link}")
            : new DoctorLine(Name, DoctorStatus.Fail, $"{r.Firmware} on {r.Link} does not report ISO 14443-B", "Use a PN532 (not a PN531/PN533 variant without Type B).");
    }
}
