using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Benchmarks.Pn532;

/// <summary>
/// Wraps an ISO-DEP card of either RF technology and records every APDU's lengths and card time, so the physical floor
/// can be computed. <see cref="RecordingTypeBCard"/> and <see cref="RecordingTypeACard"/> add only the activation data
/// the emulator needs to list the card.
/// </summary>
internal abstract class RecordingCard<TCard>(TCard inner) : IIsoDepCard
    where TCard : IIsoDepCard
{
    private readonly List<(int Command, int Response, TimeSpan CardTime)> _log = [];
    private TimeSpan _last;

    public IReadOnlyList<(int Command, int Response, TimeSpan CardTime)> Log => _log;

    /// <summary>The wrapped card (activation data is passed through from it).</summary>
    protected TCard Inner => inner;

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
    /// ISO-DEP with the card's <paramref name="fsc"/>, CID use and <paramref name="fwi"/>, or with
    /// <paramref name="ownIsoDepFsd"/> through the driver's own ISO-DEP with that FSD.
    /// </summary>
    protected TimeSpan Floor(Pn532Timing timing, int fsc, bool cid, int fwi, int? ownIsoDepFsd)
    {
        var total = TimeSpan.Zero;
        foreach (var (c, r, t) in _log)
        {
            total += ownIsoDepFsd is { } fsd
                ? timing.OwnIsoDepExchangeFloor(c, r, fsd, fsc, t, fwi)
                : timing.ApduExchangeFloor(c, r, fsc, cid: cid, cardTime: t, fwi: fwi);
        }

        return total;
    }
}
