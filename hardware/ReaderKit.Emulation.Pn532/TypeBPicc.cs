namespace ReaderKit.Emulation.Pn532;

/// <summary>ISO/IEC 14443-3 Type B state of the card in the field, as raw frames through InCommunicateThru see it.</summary>
internal enum PiccMode
{
    /// <summary>Powered, not selected: answers REQB and WUPB.</summary>
    Idle,

    /// <summary>Answered REQB/WUPB: waits for its ATTRIB.</summary>
    Ready,

    /// <summary>Activated by the PN532's own InListPassiveTarget/InSelect (the chip's ISO-DEP session, FSD 64).</summary>
    ChipSession,

    /// <summary>Activated by an ATTRIB the host sent itself: the host runs ISO-DEP through InCommunicateThru.</summary>
    HostSession,

    /// <summary>After S(DESELECT): answers only WUPB.</summary>
    Halt,
}

/// <summary>What the card sent back to one raw frame, and how long it took before it started sending.</summary>
internal readonly record struct PiccAnswer(byte[] Frame, TimeSpan CardTime);

/// <summary>
/// The PICC side of an ISO/IEC 14443-3 Type B activation (REQB/WUPB, ATTRIB) and of the ISO/IEC 14443-4 half-duplex
/// block protocol run by the host through InCommunicateThru: I-blocks with chaining, R(ACK)/R(NAK), S(WTX), S(DESELECT),
/// block numbering, CID optional, NAD unsupported. The whole C-APDU goes to <see cref="IIsoDepCard.ProcessApdu"/> once,
/// when its last I-block arrives; the R-APDU goes out in I-blocks of at most FSD bytes (from the ATTRIB's FSDI).
/// Rules implemented (ISO/IEC 14443-4 §7.5.4.2 "PICC rules" and §7.5.3 "block numbering rules", paraphrased [U]: the
/// standard text was not at hand, the rules are as quoted by the reference and by public ISO-DEP implementations):
/// <list type="bullet">
/// <item>block number starts at 1 at activation; every received I-block toggles it before the answer (rule D);</item>
/// <item>every I-block is executed: the PICC has no duplicate detection (a PCD that re-sends an I-block runs the command twice);</item>
/// <item>R(ACK) or R(NAK) carrying the PICC's current block number → the last block is sent again (rule 11);</item>
/// <item>R(NAK) with the other block number → R(ACK) with the current one (rule 12): the PCD learns its I-block never arrived;</item>
/// <item>R(ACK) with the other block number while the PICC is chaining → toggle, next chained block (rule 13);</item>
/// <item>an invalid block (wrong CID, NAD, CRC) is ignored: the PICC stays mute and in receive mode.</item>
/// </list>
/// Not thread-safe: used under the emulator's lock.
/// </summary>
internal sealed class TypeBPicc(ITypeBCard card, long generation)
{
    private readonly List<byte> _chainedCommand = [];
    private byte[]? _pendingResponse;
    private byte[]? _heldResponse;
    private int _wtxRoundsLeft;
    private TimeSpan _heldCardTime;
    private byte[] _lastBlock = [];
    private int _blockNumber = 1;
    private int _fsd = 64;
    private int _cid = -1;

    public ITypeBCard Card { get; } = card;

    public long Generation { get; } = generation;

    public PiccMode Mode { get; set; } = PiccMode.Idle;

    /// <summary>Frame size the host announced in its ATTRIB (FSDI), 64 until then.</summary>
    public int Fsd => _fsd;

    /// <summary>Frame waiting time from the card's ATQB FWI.</summary>
    public TimeSpan Fwt => Pn532Timing.FrameWaitingTime(Card.Atqb.Length >= 12 ? Card.Atqb[11] >> 4 : 4);

    private int Fsc => Pn532Timing.FscFromCode(Card.Atqb.Length >= 11 ? Card.Atqb[10] >> 4 : 8);

    private bool CardSupportsCid => Card.Atqb.Length >= 12 && (Card.Atqb[11] & 0x01) != 0;

    /// <summary>REQB (<c>05 AFI 00</c>) or WUPB (<c>05 AFI 08</c>), ISO/IEC 14443-3 §7.7: ATQB from IDLE (and from HALT for WUPB).</summary>
    public PiccAnswer? RequestB(byte afi, bool wakeUp, Func<byte, byte, bool> afiMatches)
    {
        if (!(Mode == PiccMode.Idle || Mode == PiccMode.Ready || (wakeUp && Mode == PiccMode.Halt)) || !afiMatches(afi, Card.Atqb[5]))
        {
            return null;
        }

        Mode = PiccMode.Ready;
        return new PiccAnswer([.. Card.Atqb], TimeSpan.Zero);
    }

    /// <summary>
    /// ATTRIB (<c>1D PUPI[4] Param1 Param2 Param3 Param4 [INF]</c>, ISO/IEC 14443-3 §7.10): Param2 low nibble = FSDI,
    /// Param4 low nibble = CID. Answer: <c>MBLI|CID</c>. Only a READY card with that PUPI answers.
    /// </summary>
    public PiccAnswer? Attrib(ReadOnlySpan<byte> frame)
    {
        if (Mode != PiccMode.Ready || frame.Length < 9 || !frame.Slice(1, 4).SequenceEqual(Card.Atqb.AsSpan(1, 4)))
        {
            return null;
        }

        int cid = frame[8] & 0x0F;
        if (cid != 0 && !CardSupportsCid)
        {
            return null;
        }

        _fsd = Pn532Timing.FscFromCode(frame[6] & 0x0F);
        _cid = CardSupportsCid && cid != 0 ? cid : -1;
        _blockNumber = 1;
        _chainedCommand.Clear();
        _pendingResponse = null;
        _heldResponse = null;
        _lastBlock = [];
        Mode = PiccMode.HostSession;
        byte mbli = Card.AttribResponse.Length > 0 ? (byte)(Card.AttribResponse[0] & 0xF0) : (byte)0;
        return new PiccAnswer([(byte)(mbli | (cid & 0x0F))], TimeSpan.Zero);
    }

    /// <summary>One block of the host's ISO-DEP session; null = the card stays mute (invalid block or removed).</summary>
    public PiccAnswer? Block(ReadOnlySpan<byte> frame, Pn532Faults faults, Action removeCard)
    {
        if (Mode != PiccMode.HostSession || frame.Length < 1)
        {
            return null;
        }

        byte pcb = frame[0];
        bool hasCid = (pcb & 0x08) != 0;
        if (hasCid != (_cid >= 0) || (hasCid && (frame.Length < 2 || (frame[1] & 0x0F) != _cid)))
        {
            return null;
        }

        var inf = frame[(hasCid ? 2 : 1)..];
        if ((pcb & 0xE2) == 0x02)
        {
            return (pcb & 0x04) != 0 || frame.Length > Fsc - 2 ? null : IBlock(pcb, inf, faults, removeCard);
        }

        if ((pcb & 0xE6) == 0xA2)
        {
            return RBlock(pcb);
        }

        if ((pcb & 0xF7) == 0xC2 && inf.IsEmpty)
        {
            Card.Deselect();
            Mode = PiccMode.Halt;
            return new PiccAnswer(frame.ToArray(), TimeSpan.Zero);
        }

        if ((pcb & 0xF7) == 0xF2 && inf.Length == 1 && _heldResponse is not null)
        {
            return WtxAnswered();
        }

        return null;
    }

    private PiccAnswer? IBlock(byte pcb, ReadOnlySpan<byte> inf, Pn532Faults faults, Action removeCard)
    {
        _blockNumber ^= 1;
        _pendingResponse = null;
        _heldResponse = null;
        if ((pcb & 0x10) != 0)
        {
            _chainedCommand.AddRange(inf);
            return Send(RBlockFrame(nak: false), TimeSpan.Zero);
        }

        byte[] apdu = [.. _chainedCommand, .. inf];
        _chainedCommand.Clear();
        if (faults.TakeRemoveBeforeApdu())
        {
            removeCard();
            return null;
        }

        byte[] response;
        TimeSpan cardTime;
        try
        {
            response = Card.ProcessApdu(apdu);
            cardTime = Card.ProcessingTime(apdu) + faults.TakeSlowCard();
        }
#pragma warning disable CA1031 // A misbehaving card model must look like a mute card, never crash the chip.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }

        if (faults.TakeRemoveMidChain())
        {
            removeCard();
            return null;
        }

        var fwt = Fwt;
        if (cardTime > fwt)
        {
            // The card asks for more time before FWT runs out: S(WTX) with WTXM 1, once per FWT still needed.
            _heldResponse = response;
            _wtxRoundsLeft = (int)Math.Ceiling(cardTime.Ticks / (double)fwt.Ticks) - 2;
            _heldCardTime = cardTime - (fwt * ((int)Math.Ceiling(cardTime.Ticks / (double)fwt.Ticks) - 1));
            return Send(WtxRequest(), fwt);
        }

        return SendResponse(response, cardTime);
    }

    private PiccAnswer WtxAnswered()
    {
        if (_wtxRoundsLeft > 0)
        {
            _wtxRoundsLeft--;
            return Send(WtxRequest(), Fwt);
        }

        var response = _heldResponse!;
        _heldResponse = null;
        return SendResponse(response, _heldCardTime);
    }

    private PiccAnswer? RBlock(byte pcb)
    {
        int number = pcb & 0x01;
        bool nak = (pcb & 0x10) != 0;
        if (number == _blockNumber)
        {
            // Rule 11: the PCD did not get the last block; send it again (never re-execute).
            return _lastBlock.Length == 0 ? null : new PiccAnswer([.. _lastBlock], TimeSpan.Zero);
        }

        if (nak)
        {
            // Rule 12: the PCD's I-block never arrived (the PICC did not toggle): tell it with R(ACK).
            return new PiccAnswer(RBlockFrame(nak: false), TimeSpan.Zero);
        }

        if (_pendingResponse is { } rest)
        {
            // Rule 13: the PCD acknowledged a chained block; the next one.
            _blockNumber ^= 1;
            return SendResponse(rest, TimeSpan.Zero);
        }

        return null;
    }

    private PiccAnswer SendResponse(byte[] response, TimeSpan cardTime)
    {
        int max = _fsd - 2 - 1 - (_cid >= 0 ? 1 : 0); // CRC_B, PCB, CID
        bool more = response.Length > max;
        int n = more ? max : response.Length;
        _pendingResponse = more ? response[n..] : null;
        byte pcb = (byte)(0x02 | _blockNumber | (more ? 0x10 : 0x00) | (_cid >= 0 ? 0x08 : 0x00));
        byte[] block = _cid >= 0 ? [pcb, (byte)_cid, .. response.AsSpan(0, n)] : [pcb, .. response.AsSpan(0, n)];
        return Send(block, cardTime);
    }

    private PiccAnswer Send(byte[] block, TimeSpan cardTime)
    {
        _lastBlock = block;
        return new PiccAnswer([.. block], cardTime);
    }

    private byte[] RBlockFrame(bool nak)
    {
        byte pcb = (byte)(0xA2 | (nak ? 0x10 : 0x00) | _blockNumber | (_cid >= 0 ? 0x08 : 0x00));
        return _cid >= 0 ? [pcb, (byte)_cid] : [pcb];
    }

    private byte[] WtxRequest() => _cid >= 0 ? [0xFA, (byte)_cid, 0x01] : [0xF2, 0x01];
}
