using ReaderKit.Emulation.Pn532;
using ReaderKit.Nfc;

namespace ReaderKit.Benchmarks.Pn532;

/// <summary>A recording Type A card (a smartphone): ATQA, SAK, UID and ATS passed through.</summary>
internal sealed class RecordingTypeACard(ITypeACard inner) : RecordingCard<ITypeACard>(inner), ITypeACard
{
    public byte[] Atqa => Inner.Atqa;

    public byte Sak => Inner.Sak;

    public byte[] Uid => Inner.Uid;

    public byte[] Ats => Inner.Ats;

    /// <summary>The floor with the frame size, CID use and FWI the driver read from the ATS at activation.</summary>
    public TimeSpan Floor(Pn532Timing timing, TypeATarget target) =>
        Floor(timing, target.MaxFrameSize, target.SupportsCid, target.Fwi, ownIsoDepFsd: null);
}
