namespace ReaderKit.Host.Diagnostics;

/// <summary><c>reader.field</c>: the RF field comes up and the reader can poll for a Type B card (a card in the field is reported, not required).</summary>
public sealed class CardFieldCheck(IReaderProbe probe) : IDoctorCheck
{
    public string Name => "reader.field";

    public async Task<DoctorLine> RunAsync(CancellationToken cancellationToken)
    {
        var r = await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
        return r switch
        {
            { Firmware: null } => new DoctorLine(Name, DoctorStatus.Fail, "not checked: the reader did not answer", "Fix reader.link first."),
            { CardInField: true } => new DoctorLine(Name, DoctorStatus.Ok, "a Type B card answered in the field"),
            { CardInField: false } => new DoctorLine(Name, DoctorStatus.Ok, "field on, no card present (place a card to test reading)"),
            _ => new DoctorLine(Name, DoctorStatus.Warn, $"field state unknown: {r.Error ?? "not reported"}", "Place a card on the reader and run doctor again."),
        };
    }
}
