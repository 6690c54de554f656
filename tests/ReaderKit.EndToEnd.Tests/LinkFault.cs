using ReaderKit.Emulation.Pn532;

namespace ReaderKit.EndToEnd.Tests;

/// <summary>One fault of the emulated PN532, armed for the next command frame (and its answer).</summary>
/// <param name="Name">Stable name used in the theory rows and the VERIFY-count table.</param>
/// <param name="Arm">Arms the fault on the chip.</param>
public sealed record LinkFault(string Name, Action<Pn532Faults> Arm)
{
    /// <summary>
    /// Every fault the emulator can inject that acts on an unpaced exchange. <c>SlowCard</c> is not listed: with pacing
    /// off it changes no byte and no timing (the host stall is modelled by <c>host-stall-past-ack-window</c>).
    /// </summary>
    public static IReadOnlyList<LinkFault> All { get; } =
    [
        new("ack-lost", f => f.LoseNextAck()),
        new("ack-corrupted", f => f.CorruptNextAck()),
        new("ack-corrupted-start-code", f => f.CorruptNextAck(2)),
        new("host-stall-past-ack-window", f => f.DelayNextAck(FaultMatrixReader.Stall)),
        new("ack-lost+answer-checksum", f => { f.LoseNextAck(); f.CorruptNextChecksum(); }),
        new("answer-checksum", f => f.CorruptNextChecksum()),
        new("answer-byte-dropped-in-header", f => f.DropNextResponseByte(4)),
        new("answer-byte-dropped-in-data", f => f.DropNextResponseByte(9)),
        new("answer-byte-duplicated", f => f.DuplicateNextResponseByte(7)),
        new("garbage-before-answer", f => f.InjectGarbage([0x00, 0xFF, 0x13, 0x37, 0x55, 0xAA, 0x00])),
        new("deaf-chip", f => f.IgnoreHostFrames(1)),
        new("deaf-chip-twice", f => f.IgnoreHostFrames(2)),
        new("chip-reset", f => f.ResetBeforeNextFrame()),
        new("rf-crc-error", f => f.InjectRfError(Pn532Status.CrcError)),
        new("rf-card-answer-corrupted", f => f.CorruptNextCardAnswer()),
        new("card-removed-before-apdu", f => f.RemoveCardAfterApdus(0)),
        new("card-removed-mid-answer", f => f.RemoveCardMidChain()),
    ];

    public static LinkFault Get(string name) => All.Single(f => f.Name == name);

    public override string ToString() => Name;
}
