namespace ReaderKit.Emulation.Pn532;

/// <summary>
/// Fault injection for the emulated PN532. Each fault is armed by a method and fires once (or for its count), then
/// disarms itself. Thread-safe; reachable as <see cref="Pn532Emulator.Faults"/>.
/// </summary>
public sealed class Pn532Faults
{
    private readonly Lock _gate = new();
    private int _removeAfterApdus = -1;
    private bool _removeMidChain;
    private byte _rfErrorStatus;
    private int _rfErrorCount;
    private bool _corruptChecksum;
    private int _dropIndex = -1;
    private int _duplicateIndex = -1;
    private int _ignoreFrames;
    private byte[]? _garbage;
    private TimeSpan _slowCardExtra;
    private int _slowCardCount;
    private bool _resetRequested;
    private AckFault _ackFault;
    private int _ackCorruptIndex;
    private TimeSpan _ackDelay;
    private bool _corruptCardAnswer;

    /// <summary>The card leaves the field after <paramref name="apdus"/> more successful InDataExchange APDUs.</summary>
    public void RemoveCardAfterApdus(int apdus)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(apdus);
        lock (_gate)
        {
            _removeAfterApdus = apdus;
        }
    }

    /// <summary>
    /// During the next APDU the card leaves the field after it processed the command but while its chained answer is
    /// on the air: the PN532 reports 0x01 (timeout) and the card is gone.
    /// </summary>
    public void RemoveCardMidChain()
    {
        lock (_gate)
        {
            _removeMidChain = true;
        }
    }

    /// <summary>The next <paramref name="count"/> RF exchanges (InDataExchange/InCommunicateThru) fail with <paramref name="status"/> (e.g. 0x02 CRC, 0x13).</summary>
    public void InjectRfError(byte status, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _rfErrorStatus = status;
            _rfErrorCount = count;
        }
    }

    /// <summary>
    /// The card's answer to the next RF exchange arrives with a bad CRC_B: the card received and executed the block,
    /// only its answer is lost. Through InCommunicateThru the chip reports 0x02 (the host's ISO-DEP must recover with
    /// R(NAK)); through InDataExchange the chip's own ISO-DEP sends R(NAK) and the card repeats its block (costs RF time only) [U].
    /// </summary>
    public void CorruptNextCardAnswer()
    {
        lock (_gate)
        {
            _corruptCardAnswer = true;
        }
    }

    /// <summary>The next response (information) frame goes out with a wrong DCS.</summary>
    public void CorruptNextChecksum()
    {
        lock (_gate)
        {
            _corruptChecksum = true;
        }
    }

    /// <summary>The byte at <paramref name="index"/> of the next response frame is lost on the line.</summary>
    public void DropNextResponseByte(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        lock (_gate)
        {
            _dropIndex = index;
        }
    }

    /// <summary>The byte at <paramref name="index"/> of the next response frame arrives twice.</summary>
    public void DuplicateNextResponseByte(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        lock (_gate)
        {
            _duplicateIndex = index;
        }
    }

    /// <summary>NACK storm / deaf chip: the next <paramref name="frames"/> host frames (commands, ACKs, NACKs) are ignored — no ACK, no answer.</summary>
    public void IgnoreHostFrames(int frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        lock (_gate)
        {
            _ignoreFrames = frames;
        }
    }

    /// <summary><paramref name="garbage"/> goes out on the line just before the next response frame.</summary>
    public void InjectGarbage(ReadOnlySpan<byte> garbage)
    {
        lock (_gate)
        {
            _garbage = garbage.ToArray();
        }
    }

    /// <summary>The next <paramref name="count"/> APDUs take <paramref name="extra"/> longer on the card (WTX when beyond FWT).</summary>
    public void SlowCard(TimeSpan extra, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(extra.Ticks);
        lock (_gate)
        {
            _slowCardExtra = extra;
            _slowCardCount = count;
        }
    }

    /// <summary>The PN532 resets before it handles the next host frame (power glitch): LowVbat, targets and settings lost.</summary>
    public void ResetBeforeNextFrame()
    {
        lock (_gate)
        {
            _resetRequested = true;
        }
    }

    /// <summary>
    /// The ACK of the next command frame is lost on the line, but the chip took the command and executes it: its answer
    /// follows as usual. What a host sees when one ACK byte is swallowed by the bus. [U] how often this happens on a
    /// real PN532 link is unmeasured; the reference only says a host must cope with a missing ACK (pn532.md §1.1).
    /// </summary>
    public void LoseNextAck()
    {
        lock (_gate)
        {
            _ackFault = AckFault.Lost;
        }
    }

    /// <summary>
    /// The ACK of the next command frame arrives with byte <paramref name="index"/> (0–5) XOR-ed with 0x5A, but the chip
    /// took the command and executes it: its answer follows as usual. The default hits LEN, so the host sees a start
    /// code whose LEN/LCS do not agree (a line error on HSU, a bit flip on I2C/SPI).
    /// </summary>
    public void CorruptNextAck(int index = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 5);
        lock (_gate)
        {
            _ackFault = AckFault.Corrupted;
            _ackCorruptIndex = index;
        }
    }

    /// <summary>
    /// Host stalls past its ACK window: the chip takes the next command frame and executes it at once, but its ACK
    /// (and so the answer queued behind it) becomes readable only <paramref name="delay"/> later, also with pacing off.
    /// To the host this is the same as a process that was not scheduled for longer than its ACK window while the chip
    /// answered (the 1 000-read soak saw 98–215 ms stalls on a loaded 2-core VM).
    /// </summary>
    public void DelayNextAck(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay.Ticks);
        lock (_gate)
        {
            _ackFault = AckFault.Delayed;
            _ackDelay = delay;
        }
    }

    /// <summary>Disarms every fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _removeAfterApdus = -1;
            _removeMidChain = false;
            _rfErrorCount = 0;
            _corruptChecksum = false;
            _dropIndex = -1;
            _duplicateIndex = -1;
            _ignoreFrames = 0;
            _garbage = null;
            _slowCardCount = 0;
            _resetRequested = false;
            _ackFault = AckFault.None;
            _corruptCardAnswer = false;
        }
    }

    internal bool TakeCardAnswerCorruption()
    {
        lock (_gate)
        {
            bool r = _corruptCardAnswer;
            _corruptCardAnswer = false;
            return r;
        }
    }

    /// <summary>
    /// Applies an armed ACK fault to the ACK of a command the chip has taken: null when the ACK is lost, else the bytes
    /// to send and the extra delay before they are readable.
    /// </summary>
    internal (byte[]? Ack, TimeSpan Delay) TakeAck(byte[] ack)
    {
        lock (_gate)
        {
            var fault = _ackFault;
            _ackFault = AckFault.None;
            switch (fault)
            {
                case AckFault.Lost:
                    return (null, TimeSpan.Zero);
                case AckFault.Corrupted:
                    ack[_ackCorruptIndex] ^= 0x5A;
                    return (ack, TimeSpan.Zero);
                case AckFault.Delayed:
                    return (ack, _ackDelay);
                default:
                    return (ack, TimeSpan.Zero);
            }
        }
    }

    internal bool TakeIgnoreFrame()
    {
        lock (_gate)
        {
            if (_ignoreFrames <= 0)
            {
                return false;
            }

            _ignoreFrames--;
            return true;
        }
    }

    internal bool TakeReset()
    {
        lock (_gate)
        {
            bool r = _resetRequested;
            _resetRequested = false;
            return r;
        }
    }

    internal byte? TakeRfError()
    {
        lock (_gate)
        {
            if (_rfErrorCount <= 0)
            {
                return null;
            }

            _rfErrorCount--;
            return _rfErrorStatus;
        }
    }

    internal bool TakeRemoveMidChain()
    {
        lock (_gate)
        {
            bool r = _removeMidChain;
            _removeMidChain = false;
            return r;
        }
    }

    /// <summary>Called before an APDU goes to the card; true when the card must be gone for this one.</summary>
    internal bool TakeRemoveBeforeApdu()
    {
        lock (_gate)
        {
            if (_removeAfterApdus < 0)
            {
                return false;
            }

            if (_removeAfterApdus == 0)
            {
                _removeAfterApdus = -1;
                return true;
            }

            _removeAfterApdus--;
            return false;
        }
    }

    internal TimeSpan TakeSlowCard()
    {
        lock (_gate)
        {
            if (_slowCardCount <= 0)
            {
                return TimeSpan.Zero;
            }

            _slowCardCount--;
            return _slowCardExtra;
        }
    }

    /// <summary>Applies the armed line faults to a response frame about to be sent.</summary>
    internal byte[] MutateResponse(byte[] frame)
    {
        lock (_gate)
        {
            if (!_corruptChecksum && _dropIndex < 0 && _duplicateIndex < 0 && _garbage is null)
            {
                return frame;
            }

            var bytes = new List<byte>(frame);
            if (_corruptChecksum)
            {
                // DCS is the byte before the postamble (or the last byte without postamble).
                int dcs = bytes[^1] == 0x00 && bytes.Count > 1 ? bytes.Count - 2 : bytes.Count - 1;
                bytes[dcs] ^= 0x5A;
                _corruptChecksum = false;
            }

            if (_duplicateIndex >= 0)
            {
                int i = Math.Min(_duplicateIndex, bytes.Count - 1);
                bytes.Insert(i, bytes[i]);
                _duplicateIndex = -1;
            }

            if (_dropIndex >= 0)
            {
                bytes.RemoveAt(Math.Min(_dropIndex, bytes.Count - 1));
                _dropIndex = -1;
            }

            if (_garbage is not null)
            {
                bytes.InsertRange(0, _garbage);
                _garbage = null;
            }

            return [.. bytes];
        }
    }

    private enum AckFault
    {
        None,
        Lost,
        Corrupted,
        Delayed,
    }
}
