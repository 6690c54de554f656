namespace ReaderKit.Emulation.Pn532;

/// <summary>The host link the PN532 is attached by (decides bits per byte in <see cref="Pn532Timing.LinkTime"/>).</summary>
public enum Pn532Link
{
    /// <summary>I2C: 8 data bits + ACK = 9 clocks per byte.</summary>
    I2c,

    /// <summary>SPI: 8 clocks per byte.</summary>
    Spi,

    /// <summary>HSU (UART 8N1): start + 8 + stop = 10 bits per byte.</summary>
    Uart,
}

/// <summary>
/// The timing model of the emulated PN532 and its RF link, as data plus pure functions. With <see cref="Pacing"/> off
/// (the default, <see cref="Instant"/>) nothing waits. With it on the attachments move bytes at the link rate and the
/// chip makes its ACK and responses ready only after the modelled time. The same functions give benchmarks their
/// physical floor. Values marked [U] in the README are assumptions; they are init properties so they can be corrected.
/// </summary>
public sealed record Pn532Timing
{
    /// <summary>ISO 14443 carrier frequency fc = 13.56 MHz.</summary>
    public const double CarrierHz = 13_560_000;

    /// <summary>One etu at 106 kbps = 128/fc ≈ 9.44 µs.</summary>
    public static readonly TimeSpan Etu = TimeSpan.FromTicks((long)Math.Round(128 / CarrierHz * TimeSpan.TicksPerSecond));

    /// <summary>No delays at all (unit tests).</summary>
    public static Pn532Timing Instant { get; } = new();

    /// <summary>When true, attachments pace bytes and the chip delays ACK/responses by the modelled times.</summary>
    public bool Pacing { get; init; }

    /// <summary>The host link.</summary>
    public Pn532Link Link { get; init; } = Pn532Link.I2c;

    /// <summary>I2C SCL / SPI SCK frequency or UART baud rate.</summary>
    public int LinkClockHz { get; init; } = 100_000;

    /// <summary>Time from the end of a command frame until the ACK can be read [U] (nfcpy expects it within 15 ms).</summary>
    public TimeSpan AckDelay { get; init; } = TimeSpan.FromMilliseconds(0.5);

    /// <summary>Firmware time to parse a command and build its answer, per command [U].</summary>
    public TimeSpan CommandOverhead { get; init; } = TimeSpan.FromMilliseconds(0.2);

    /// <summary>PN532 firmware turnaround per ISO-DEP block it sends (reference §3.5 assumption: 0.5 ms).</summary>
    public TimeSpan PcdBlockTurnaround { get; init; } = TimeSpan.FromMilliseconds(0.5);

    /// <summary>PICC turnaround TR0 + TR1 ≈ 2 × 1024/fc ≈ 0.151 ms (ISO 14443-2 defaults) [U].</summary>
    public TimeSpan PiccTurnaround { get; init; } = TimeSpan.FromTicks((long)Math.Round(2 * 1024 / CarrierHz * TimeSpan.TicksPerSecond));

    /// <summary>FSD the PN532 announces in its ATTRIB: 64 bytes (nfcpy's note on the firmware).</summary>
    public int Fsd { get; init; } = 64;

    /// <summary>One passive-activation attempt (REQB + wait) when no card answers [U].</summary>
    public TimeSpan PassiveActivationAttempt { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Time the chip needs to wake from PowerDown [U].</summary>
    public TimeSpan WakeUpTime { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Bits (clocks) per byte on the link: I2C 9, SPI 8, UART 10.</summary>
    public int BitsPerByte => Link switch
    {
        Pn532Link.I2c => 9,
        Pn532Link.Spi => 8,
        _ => 10,
    };

    /// <summary>A paced model for an I2C link at <paramref name="clockHz"/> (100 kHz or 400 kHz).</summary>
    public static Pn532Timing I2c(int clockHz = 100_000) => new() { Pacing = true, Link = Pn532Link.I2c, LinkClockHz = clockHz };

    /// <summary>A paced model for an SPI link at <paramref name="clockHz"/>.</summary>
    public static Pn532Timing Spi(int clockHz = 1_000_000) => new() { Pacing = true, Link = Pn532Link.Spi, LinkClockHz = clockHz };

    /// <summary>A paced model for HSU at <paramref name="baud"/>.</summary>
    public static Pn532Timing Uart(int baud = 115_200) => new() { Pacing = true, Link = Pn532Link.Uart, LinkClockHz = baud };

    /// <summary>Time for <paramref name="bytes"/> bytes to cross the host link (no protocol overhead added).</summary>
    public TimeSpan LinkTime(int bytes) =>
        TimeSpan.FromTicks((long)Math.Round((double)bytes * BitsPerByte / LinkClockHz * TimeSpan.TicksPerSecond));

    /// <summary>
    /// Air time of one ISO 14443-3 Type B frame of <paramref name="bytes"/> bytes (CRC_B included in the count):
    /// SOF (10 etu low + 2 high) + 10 etu per character (EGT 0) + EOF (10 etu).
    /// </summary>
    public static TimeSpan RfFrameTime(int bytes) => EtuCount(12 + (10 * bytes) + 10);

    private static TimeSpan EtuCount(int etu) => TimeSpan.FromTicks((long)Math.Round(etu * 128 / CarrierHz * TimeSpan.TicksPerSecond));

    /// <summary>Frame waiting time for FWI: FWT = 256 × 16 / fc × 2^FWI (FWI 10 ≈ 309 ms; FWI 14 = 4949 ms).</summary>
    public static TimeSpan FrameWaitingTime(int fwi) =>
        TimeSpan.FromTicks((long)Math.Round(256.0 * 16 / CarrierHz * (1 << Math.Clamp(fwi, 0, 14)) * TimeSpan.TicksPerSecond));

    /// <summary>Card frame size from the ATQB Max_Frame_Size code (ProtInfo byte 2 high nibble; codes ≥ 8 → 256).</summary>
    public static int FscFromCode(int code) => code switch
    {
        0 => 16,
        1 => 24,
        2 => 32,
        3 => 40,
        4 => 48,
        5 => 64,
        6 => 96,
        7 => 128,
        _ => 256,
    };

    /// <summary>
    /// RF time of one ISO-DEP APDU exchange through the PN532 (no host link): the C-APDU in I-blocks of at most
    /// <paramref name="fsc"/> bytes (each chained block answered by the card's R(ACK)), the card's processing time
    /// (with S(WTX) round trips when it exceeds FWT), then the R-APDU in I-blocks of at most <see cref="Fsd"/> bytes,
    /// each chained block followed by the PN532's R(ACK). Block overhead: PCB + CID (if <paramref name="cid"/>) + CRC_B.
    /// </summary>
    public TimeSpan RfExchangeTime(int cApduLength, int rApduLength, int fsc = 256, bool cid = true, TimeSpan cardTime = default, int fwi = 10)
    {
        int overhead = cid ? 4 : 3;
        int rBlock = overhead; // R(ACK): PCB [CID] CRC_B
        TimeSpan total = TimeSpan.Zero;

        int cInf = Math.Max(1, fsc - overhead);
        int cBlocks = Math.Max(1, (cApduLength + cInf - 1) / cInf);
        for (int i = 0; i < cBlocks; i++)
        {
            int inf = i < cBlocks - 1 ? cInf : cApduLength - (cInf * (cBlocks - 1));
            total += PcdBlockTurnaround + RfFrameTime(inf + overhead) + PiccTurnaround;
            if (i < cBlocks - 1)
            {
                total += RfFrameTime(rBlock); // card's R(ACK)
            }
        }

        total += cardTime;
        TimeSpan fwt = FrameWaitingTime(fwi);
        if (cardTime > fwt)
        {
            // The card asks for more time with S(WTX) (WTXM 1) each FWT; every request is answered by the PCD.
            int wtx = (int)Math.Ceiling(cardTime.Ticks / (double)fwt.Ticks) - 1;
            total += wtx * (RfFrameTime(overhead + 1) + PcdBlockTurnaround + RfFrameTime(overhead + 1) + PiccTurnaround);
        }

        int rInf = Math.Max(1, Fsd - overhead);
        int rBlocks = Math.Max(1, (rApduLength + rInf - 1) / rInf);
        for (int i = 0; i < rBlocks; i++)
        {
            int inf = i < rBlocks - 1 ? rInf : rApduLength - (rInf * (rBlocks - 1));
            total += RfFrameTime(inf + overhead);
            if (i < rBlocks - 1)
            {
                total += PcdBlockTurnaround + RfFrameTime(rBlock) + PiccTurnaround; // PN532's R(ACK)
            }
        }

        return total;
    }

    /// <summary>RF time of Type B activation: REQB (3+2) → ATQB (12+2), ATTRIB (9+2) → ATTRIB_RES (n+2).</summary>
    public TimeSpan ActivationTime(int attribResponseLength = 1) =>
        PcdBlockTurnaround + RfFrameTime(5) + PiccTurnaround + RfFrameTime(14)
        + PcdBlockTurnaround + RfFrameTime(11) + PiccTurnaround + RfFrameTime(attribResponseLength + 2);

    /// <summary>Length on the wire of a host frame carrying <paramref name="tfiAndDataLength"/> bytes (TFI + PD).</summary>
    public static int FrameLength(int tfiAndDataLength, bool prePostAmble = true) =>
        (prePostAmble ? 2 : 0) + (tfiAndDataLength > 255 ? 7 : 4) + tfiAndDataLength + 1;

    /// <summary>
    /// Physical floor of one APDU through InDataExchange on this link: the host command frame, the 6-byte ACK and the
    /// response frame(s) at the link rate (I2C adds the address byte and the status byte per read; SPI the op byte),
    /// plus <see cref="RfExchangeTime"/>. Responses over 262 bytes need MI continuation frames, which are counted.
    /// Excludes driver polling and bus-free gaps: a lower bound, not a prediction.
    /// </summary>
    public TimeSpan ApduExchangeFloor(int cApduLength, int rApduLength, int fsc = 256, bool cid = true, TimeSpan cardTime = default, int fwi = 10)
    {
        int perWrite = Link switch { Pn532Link.I2c => 1, Pn532Link.Spi => 1, _ => 0 };
        int perRead = Link switch { Pn532Link.I2c => 2, Pn532Link.Spi => 1, _ => 0 };
        int linkBytes = 0;
        int remaining = rApduLength;
        bool first = true;
        do
        {
            int outLength = first ? cApduLength : 0;
            linkBytes += perWrite + FrameLength(3 + outLength); // D4 40 Tg DataOut
            linkBytes += perRead + 6; // ACK
            int chunk = Math.Min(remaining, Pn532Frames.MaxDataPerFrame);
            linkBytes += perRead + FrameLength(3 + chunk); // D5 41 Status DataIn
            remaining -= chunk;
            first = false;
        }
        while (remaining > 0);

        return LinkTime(linkBytes) + RfExchangeTime(cApduLength, rApduLength, fsc, cid, cardTime, fwi);
    }
    /// <summary>
    /// Physical floor of one APDU when the host runs ISO-DEP itself through InCommunicateThru (CID off, its own ATTRIB
    /// with <paramref name="fsd"/>): one host round trip (command frame <c>D4 42 block</c>, ACK, answer <c>D5 43 status
    /// block</c>) per block the PCD sends — the C-APDU's I-blocks of ≤ <paramref name="fsc"/>, one R(ACK) per further
    /// chained answer block, one S(WTX) response per FWT the card needs beyond the first — each with its RF frames both ways.
    /// Excludes driver polling and bus-free gaps.
    /// </summary>
    public TimeSpan OwnIsoDepExchangeFloor(int cApduLength, int rApduLength, int fsd = 256, int fsc = 256, TimeSpan cardTime = default, int fwi = 10)
    {
        int perWrite = Link switch { Pn532Link.I2c => 1, Pn532Link.Spi => 1, _ => 0 };
        int perRead = Link switch { Pn532Link.I2c => 2, Pn532Link.Spi => 1, _ => 0 };
        int linkBytes = 0;
        TimeSpan rf = TimeSpan.Zero;

        void RoundTrip(int sent, int answer)
        {
            linkBytes += perWrite + FrameLength(2 + sent) + perRead + 6 + perRead + FrameLength(3 + answer);
            rf += PcdBlockTurnaround + RfFrameTime(sent + 2) + PiccTurnaround + RfFrameTime(answer + 2);
        }

        int cInf = Math.Max(1, fsc - 3);
        int rInf = Math.Max(1, fsd - 3);
        int cBlocks = Math.Max(1, (cApduLength + cInf - 1) / cInf);
        int rBlocks = Math.Max(1, (rApduLength + rInf - 1) / rInf);
        for (int i = 0; i < cBlocks - 1; i++)
        {
            RoundTrip(cInf + 1, 1); // chained I-block, the card's R(ACK)
        }

        TimeSpan fwt = FrameWaitingTime(fwi);
        int wtx = cardTime > fwt ? (int)Math.Ceiling(cardTime.Ticks / (double)fwt.Ticks) - 1 : 0;
        int firstAnswer = Math.Min(rApduLength, rInf) + 1;
        int lastInf = cApduLength - (cInf * (cBlocks - 1));
        RoundTrip(lastInf + 1, wtx > 0 ? 2 : firstAnswer);
        for (int i = 0; i < wtx; i++)
        {
            RoundTrip(2, i < wtx - 1 ? 2 : firstAnswer); // S(WTX) response, the next request or the answer
        }

        for (int i = 1; i < rBlocks; i++)
        {
            int inf = i < rBlocks - 1 ? rInf : rApduLength - (rInf * (rBlocks - 1));
            RoundTrip(1, inf + 1); // R(ACK), the next chained block
        }

        return LinkTime(linkBytes) + rf + cardTime;
    }
}
