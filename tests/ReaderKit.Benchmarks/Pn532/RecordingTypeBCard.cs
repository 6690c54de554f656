using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Benchmarks.Pn532;

/// <summary>A recording Type B card (the My Number Card): ATQB and ATTRIB answer passed through.</summary>
internal sealed class RecordingTypeBCard(ITypeBCard inner) : RecordingCard<ITypeBCard>(inner), ITypeBCard
{
    public byte[] Atqb => Inner.Atqb;

    public byte[] AttribResponse => Inner.AttribResponse;

    /// <summary>
    /// The floor with the FSC and FWI of the card's ATQB and a CID (the chip's ISO-DEP), or with
    /// <paramref name="ownIsoDepFsd"/> through the driver's own ISO-DEP with that FSD.
    /// </summary>
    public TimeSpan Floor(Pn532Timing timing, int? ownIsoDepFsd = null) =>
        Floor(timing, Pn532Timing.FscFromCode(Atqb[10] >> 4), cid: true, fwi: Atqb[11] >> 4, ownIsoDepFsd);
}
