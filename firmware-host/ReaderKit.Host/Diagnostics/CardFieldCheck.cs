namespace ReaderKit.Host.Diagnostics;

/// <summary>
/// <c>reader.field</c>: whether a Type B card answers in the field. No card is a WARN (informational: the reader polled,
/// but reading was not exercised), so a doctor run with a card on the antenna is the one that can be all OK.
/// </summary>
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
            { CardInField: false } => new DoctorLine(Name, DoctorStatus.Warn, "field on, no card answered", "Informational: place a My Number Card on the antenna and run doctor again to test the field with a card."),
            _ => new DoctorLine(Name, DoctorStatus.Warn, $"field state unknown: {r.Error ?? "not reported"}", "Place a card on the reader and run doctor again."),
        };
    }
}
