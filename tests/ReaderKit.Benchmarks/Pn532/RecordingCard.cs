using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Benchmarks.Pn532;

/// <summary>Wraps a card and records every APDU's lengths and card time, so the physical floor can be computed.</summary>
internal sealed class RecordingCard(ITypeBCard inner) : ITypeBCard
{
    private readonly List<(int Command, int Response, TimeSpan CardTime)> _log = [];
    private TimeSpan _last;

    public byte[] Atqb => inner.Atqb;

    public byte[] AttribResponse => inner.AttribResponse;

    public IReadOnlyList<(int Command, int Response, TimeSpan CardTime)> Log => _log;

    public void Clear() => _log.Clear();

    public byte[] ProcessApdu(ReadOnlySpan<byte> commandApdu)
    {
        var response = inner.ProcessApdu(commandApdu);
        _last = inner.ProcessingTime(commandApdu);
        _log.Add((commandApdu.Length, response.Length, _last));
        return response;
    }

    public TimeSpan ProcessingTime(ReadOnlySpan<byte> commandApdu) => _last;

    public void Deselect() => inner.Deselect();

    public void FieldOff() => inner.FieldOff();

    /// <summary>
    /// Σ over the recorded APDUs of the emulator's own physical floor (link bytes + RF + card time): through the chip's
    /// ISO-DEP, or with <paramref name="ownIsoDepFsd"/> through the driver's own ISO-DEP with that FSD.
    /// </summary>
    public TimeSpan Floor(Pn532Timing timing, int? ownIsoDepFsd = null)
    {
        var fsc = Pn532Timing.FscFromCode(Atqb[10] >> 4);
        var fwi = Atqb[11] >> 4;
        var total = TimeSpan.Zero;
        foreach (var (c, r, t) in _log)
        {
            total += ownIsoDepFsd is { } fsd
                ? timing.OwnIsoDepExchangeFloor(c, r, fsd, fsc, t, fwi)
                : timing.ApduExchangeFloor(c, r, fsc, cid: true, cardTime: t, fwi: fwi);
        }

        return total;
    }
}
