namespace ReaderKit.Nfc;

/// <summary>
/// A card the PN532 listed and activated up to ISO/IEC 14443-4 (ISO-DEP): a <see cref="TypeBTarget"/> (ATQB + ATTRIB) or a
/// <see cref="TypeATarget"/> (ATQA/SAK/UID + RATS/ATS). The chip runs the block protocol itself, so an APDU transport needs
/// only the target number.
/// </summary>
public abstract record IsoDepTarget
{
    private protected IsoDepTarget(byte targetNumber)
    {
        TargetNumber = targetNumber;
    }

    /// <summary>The PN532's logical target number (Tg), used by InDataExchange/InRelease.</summary>
    public byte TargetNumber { get; }

    /// <summary>The RF technology the card was activated with.</summary>
    public abstract IsoDepTechnology Technology { get; }

    /// <summary>Maximum frame size the card accepts (FSC, bytes).</summary>
    public abstract int MaxFrameSize { get; }

    /// <summary>Frame waiting time integer.</summary>
    public abstract int Fwi { get; }

    /// <summary>Frame waiting time: (256 × 16 / fc) × 2^FWI ≈ 302 µs × 2^FWI (FWI 15 is RFU and read as 4).</summary>
    public TimeSpan FrameWaitingTime => TimeSpan.FromTicks((long)(256.0 * 16 / 13.56e6 * TimeSpan.TicksPerSecond * (1 << (Fwi == 15 ? 4 : Fwi))));
}
