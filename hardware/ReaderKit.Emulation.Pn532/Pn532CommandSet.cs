namespace ReaderKit.Emulation.Pn532;

/// <summary>
/// The PN532 firmware's command handlers (initiator side, Type B and ISO-DEP Type A at 106 kbps). Called under the emulator's lock.
/// Parameters are the bytes after <c>D4 cmd</c>; the payload returned is what follows <c>D5 cmd+1</c>.
/// </summary>
internal sealed class Pn532CommandSet(Pn532Emulator chip)
{
    private static readonly int[] BaudRates = [9_600, 19_200, 38_400, 57_600, 115_200, 230_400, 460_800, 921_600, 1_288_000];

    private ChipState S => chip.State;

    private Pn532Timing T => chip.Timing;

    public CommandOutcome Execute(byte command, ReadOnlySpan<byte> p) => command switch
    {
        0x00 => Diagnose(p),
        0x02 => CommandOutcome.Ok([.. chip.FirmwareVersion]),
        0x04 => GetGeneralStatus(),
        0x06 => ReadRegister(p),
        0x08 => WriteRegister(p),
        0x0C => CommandOutcome.Ok([S.GpioP3, S.GpioP7, 0x00]),
        0x0E => WriteGpio(p),
        0x10 => SetSerialBaudRate(p),
        0x12 => SetParameters(p),
        0x14 => SamConfiguration(p),
        0x16 => PowerDown(p),
        0x32 => RfConfiguration(p),
        0x40 => InDataExchange(p),
        0x42 => InCommunicateThru(p),
        0x44 => InDeselect(p),
        0x4A => InListPassiveTarget(p, mayWait: true),
        0x52 => InRelease(p),
        0x54 => InSelect(p),
        0x60 => InAutoPoll(p, mayWait: true),
        _ => CommandOutcome.Syntax,
    };

    /// <summary>Re-runs a waiting poll after the field changed; Pending again if still nothing answers.</summary>
    public CommandOutcome RetryPoll(PendingPoll poll) => poll.Command == 0x60
        ? InAutoPoll(poll.Parameters, mayWait: true)
        : InListPassiveTarget(poll.Parameters, mayWait: true);

    private static CommandOutcome Diagnose(ReadOnlySpan<byte> p)
    {
        if (p.Length < 1)
        {
            return CommandOutcome.Syntax;
        }

        return p[0] switch
        {
            0x00 => CommandOutcome.Ok(p.ToArray()), // line test: NumTst ‖ InParam echoed
            0x01 or 0x02 => CommandOutcome.Ok([0x00]), // ROM / RAM test OK
            _ => CommandOutcome.Syntax,
        };
    }

    private CommandOutcome GetGeneralStatus()
    {
        var payload = new List<byte> { S.LastError, 0x00 };
        if (S.Target is { Deselected: false } t)
        {
            payload.AddRange([0x01, (byte)t.Tg, 0x00, 0x00, 0x03]); // NbTg, Tg, BrRx 106, BrTx 106, Type B
        }
        else
        {
            payload.Add(0x00);
        }

        payload.Add(0x00); // SAM status
        return CommandOutcome.Ok([.. payload]);
    }

    private CommandOutcome ReadRegister(ReadOnlySpan<byte> p)
    {
        if (p.Length == 0 || p.Length % 2 != 0)
        {
            return CommandOutcome.Syntax;
        }

        var values = new byte[p.Length / 2];
        for (int i = 0; i < values.Length; i++)
        {
            ushort address = (ushort)((p[2 * i] << 8) | p[(2 * i) + 1]);
            values[i] = chip.Registers.GetValueOrDefault(address);
        }

        return CommandOutcome.Ok(values);
    }

    private CommandOutcome WriteRegister(ReadOnlySpan<byte> p)
    {
        if (p.Length == 0 || p.Length % 3 != 0)
        {
            return CommandOutcome.Syntax;
        }

        for (int i = 0; i < p.Length; i += 3)
        {
            chip.Registers[(ushort)((p[i] << 8) | p[i + 1])] = p[i + 2];
        }

        return CommandOutcome.Ok([]);
    }

    private CommandOutcome WriteGpio(ReadOnlySpan<byte> p)
    {
        if (p.Length != 2)
        {
            return CommandOutcome.Syntax;
        }

        // Bit 7 = validation bit: the port is written only when it is set.
        if ((p[0] & 0x80) != 0)
        {
            S.GpioP3 = (byte)(p[0] & 0x3F);
        }

        if ((p[1] & 0x80) != 0)
        {
            S.GpioP7 = (byte)(p[1] & 0x06);
        }

        return CommandOutcome.Ok([]);
    }

    private static CommandOutcome SetSerialBaudRate(ReadOnlySpan<byte> p)
    {
        if (p.Length != 1 || p[0] >= BaudRates.Length)
        {
            return CommandOutcome.Syntax;
        }

        // The new rate applies after the host ACKs the response.
        return CommandOutcome.Ok([]) with { NewBaud = BaudRates[p[0]] };
    }

    private CommandOutcome SetParameters(ReadOnlySpan<byte> p)
    {
        if (p.Length != 1)
        {
            return CommandOutcome.Syntax;
        }

        S.Flags = p[0];
        return CommandOutcome.Ok([]);
    }

    private CommandOutcome SamConfiguration(ReadOnlySpan<byte> p)
    {
        if (p.Length < 1 || p[0] is < 1 or > 4 || (p[0] == 0x02 && p.Length < 2) || p.Length > 3)
        {
            return CommandOutcome.Syntax;
        }

        S.SamMode = p[0];
        S.Power = Pn532PowerState.Normal;
        return CommandOutcome.Ok([]);
    }

    private CommandOutcome PowerDown(ReadOnlySpan<byte> p)
    {
        if (p.Length is < 1 or > 2)
        {
            return CommandOutcome.Syntax;
        }

        chip.SetWakeUpEnable(p[0]);
        return CommandOutcome.Status(Pn532Status.Ok) with { SleepAfterResponse = true };
    }

    private CommandOutcome RfConfiguration(ReadOnlySpan<byte> p)
    {
        if (p.Length < 1)
        {
            return CommandOutcome.Syntax;
        }

        var data = p[1..];
        int expected = p[0] switch
        {
            0x01 => 1,
            0x02 => 3,
            0x04 => 1,
            0x05 => 3,
            0x0A => 11,
            0x0B => 3,
            0x0C => 1,
            0x0D => 9,
            _ => -1,
        };
        if (expected < 0 || data.Length != expected)
        {
            return CommandOutcome.Syntax;
        }

        switch (p[0])
        {
            case 0x01:
                if ((data[0] & 0x01) != 0)
                {
                    S.RfFieldOn = true;
                }
                else
                {
                    chip.SwitchFieldOff();
                }

                break;
            case 0x02:
                S.AtrResTimeout = data[1];
                S.CommTimeout = data[2];
                break;
            case 0x04:
                S.MxRtyCom = data[0];
                break;
            case 0x05:
                S.MxRtyAtr = data[0];
                S.MxRtyPsl = data[1];
                S.MxRtyPassiveActivation = data[2];
                break;
            default:
                break; // analog settings: accepted, no effect on the model
        }

        return CommandOutcome.Ok([]);
    }

    private CommandOutcome InListPassiveTarget(ReadOnlySpan<byte> p, bool mayWait)
    {
        if (p.Length < 2 || p[0] is < 1 or > 2 || p[1] > 0x04 || (p[1] == 0x03 && p.Length < 3))
        {
            return CommandOutcome.Syntax;
        }

        if (S.Power == Pn532PowerState.LowVbat)
        {
            return CommandOutcome.Ok([0x00]);
        }

        ForgetTarget();
        S.RfFieldOn = true;
        bool typeB = p[1] == 0x03;
        byte afi = typeB ? p[2] : (byte)0;
        if (typeB && TryActivate(afi, out var target, out var duration))
        {
            return CommandOutcome.Ok([0x01, .. TargetData(target)], duration);
        }

        if (p[1] == 0x00 && TryActivateTypeA(p[2..], out var entry, out var durationA))
        {
            return CommandOutcome.Ok([0x01, .. entry], durationA);
        }

        if (S.MxRtyPassiveActivation == 0xFF && mayWait)
        {
            return CommandOutcome.Wait(0x4A, p.ToArray());
        }

        return CommandOutcome.Ok([0x00], T.PassiveActivationAttempt * (S.MxRtyPassiveActivation + 1));
    }

    private CommandOutcome InAutoPoll(ReadOnlySpan<byte> p, bool mayWait)
    {
        if (p.Length is < 3 or > 17 || p[1] == 0)
        {
            return CommandOutcome.Syntax;
        }

        if (S.Power == Pn532PowerState.LowVbat)
        {
            return CommandOutcome.Ok([0x00]);
        }

        ForgetTarget();
        S.RfFieldOn = true;
        foreach (byte type in p[2..])
        {
            // 0x03 = passive 106 kbps Type B, 0x23 = ISO/IEC 14443-4B.
            if (type is 0x03 or 0x23 && TryActivate(0x00, out var target, out var duration))
            {
                byte[] data = TargetData(target);
                return CommandOutcome.Ok([0x01, type, (byte)data.Length, .. data], duration);
            }
        }

        if (p[0] == 0xFF && mayWait)
        {
            return CommandOutcome.Wait(0x60, p.ToArray());
        }

        return CommandOutcome.Ok([0x00], TimeSpan.FromMilliseconds(150) * p[1] * p[0] * (p.Length - 2));
    }

    private bool TryActivate(byte afi, out Target target, out TimeSpan duration)
    {
        target = null!;
        duration = TimeSpan.Zero;
        if (chip.Field.Card is not ITypeBCard card)
        {
            return false;
        }

        byte[] atqb = card.Atqb;
        if (atqb.Length != 12 || atqb[0] != 0x50 || !AfiMatches(afi, atqb[5]))
        {
            return false;
        }

        card.Deselect();
        target = new Target(1, card, chip.Field.Generation, [.. atqb]);
        chip.ReleasedTargets.Remove(1);
        S.Target = target;
        SetPiccMode(PiccMode.ChipSession);
        duration = T.ActivationTime(card.AttribResponse.Length);
        return true;
    }

    /// <summary>
    /// 106 kbps Type A (BrTy 0x00): REQA, anticollision and SELECT of the card in the field (an initiator UID, when given,
    /// must match), then RATS when SAK bit 0x20 says ISO/IEC 14443-4, as the chip's automatic RATS does (UM0701 §7.3.5).
    /// The entry is <c>Tg ATQA[2] SAK NFCIDLength NFCID1 [ATS]</c>; a card without 0x20 is listed without an ATS and gets
    /// no target usable by InDataExchange.
    /// </summary>
    private bool TryActivateTypeA(ReadOnlySpan<byte> initiatorUid, out byte[] entry, out TimeSpan duration)
    {
        entry = [];
        duration = TimeSpan.Zero;
        if (chip.Field.Card is not ITypeACard card)
        {
            return false;
        }

        byte[] uid = card.Uid;
        byte[] atqa = card.Atqa;
        if (atqa.Length != 2 || uid.Length is not (4 or 7 or 10) || (!initiatorUid.IsEmpty && !initiatorUid.SequenceEqual(uid)))
        {
            return false;
        }

        card.Deselect();
        bool isoDep = (card.Sak & 0x20) != 0;
        byte[] ats = isoDep ? card.Ats : [];
        entry = [0x01, .. atqa, card.Sak, (byte)uid.Length, .. uid, .. ats];
        chip.ReleasedTargets.Remove(1);
        S.Target = isoDep ? new Target(1, card, chip.Field.Generation, [.. uid], [.. ats]) : null;
        duration = T.ActivationTime(ats.Length);
        return true;
    }

    private static byte[] TargetData(Target target)
    {
        byte[] attrib = ((ITypeBCard)target.Card).AttribResponse;
        return [(byte)target.Tg, .. target.Atqb, (byte)attrib.Length, .. attrib];
    }

    // ISO 14443-3 §7.9.2.2: AFI 00 selects every family; a high nibble of 0 selects all families with that
    // sub-family... simplified: 00 = all; otherwise family nibble must match and sub-family 0 = all; a card AFI of 00 answers all.
    private static bool AfiMatches(byte afi, byte cardAfi)
    {
        if (afi == 0x00 || cardAfi == 0x00)
        {
            return true;
        }

        bool family = (afi & 0xF0) == 0 || (afi & 0xF0) == (cardAfi & 0xF0);
        bool sub = (afi & 0x0F) == 0 || (afi & 0x0F) == (cardAfi & 0x0F);
        return family && sub;
    }

    private void ForgetTarget()
    {
        if (S.Target is { } old)
        {
            chip.ReleasedTargets.Add(old.Tg);
        }

        S.Target = null;
    }

    private bool CardStillThere(Target t) =>
        chip.Field.Generation == t.Generation && ReferenceEquals(chip.Field.Card, t.Card) && S.RfFieldOn;

    /// <summary>Status for a Tg that cannot be used: 0x29 if InRelease released it, 0x27 otherwise, 0x25 if deselected.</summary>
    private byte? CheckTarget(int tg, out Target target)
    {
        target = null!;
        if (S.Power == Pn532PowerState.LowVbat)
        {
            return Pn532Status.WrongContext;
        }

        if (S.Target is not { } t || t.Tg != tg)
        {
            return chip.ReleasedTargets.Contains(tg) ? Pn532Status.Released : Pn532Status.WrongContext;
        }

        target = t;
        return t.Deselected ? Pn532Status.InvalidDepState : null;
    }

    private CommandOutcome Fail(byte status, TimeSpan duration = default)
    {
        S.LastError = status;
        return CommandOutcome.Status(status, duration);
    }

    private CommandOutcome InDataExchange(ReadOnlySpan<byte> p)
    {
        if (p.Length < 1)
        {
            return CommandOutcome.Syntax;
        }

        int tg = p[0] & 0x3F;
        bool more = (p[0] & 0x40) != 0;
        var dataOut = p[1..];
        if (CheckTarget(tg, out var t) is { } bad)
        {
            return Fail(bad);
        }

        // Continuation of an answer longer than one frame: the host sends only Tg.
        if (t.PendingResponse is { } pending)
        {
            t.PendingResponse = null;
            if (dataOut.Length == 0 && !more)
            {
                return Deliver(t, pending, TimeSpan.Zero);
            }
        }

        if (chip.Faults.TakeRfError() is { } rfError)
        {
            t.ChainedCommand.Clear();
            return Fail(rfError, T.RfExchangeTime(dataOut.Length, 0, t.Fsc, t.UsesCid));
        }

        TimeSpan fwt = Pn532Timing.FrameWaitingTime(t.Fwi);
        if (!CardStillThere(t))
        {
            t.ChainedCommand.Clear();
            return Fail(Pn532Status.Timeout, T.RfExchangeTime(dataOut.Length, 0, t.Fsc, t.UsesCid) + fwt);
        }

        if (more)
        {
            // Host-side chaining: the chip sends these bytes as chained I-blocks; the card ACKs each.
            t.ChainedCommand.AddRange(dataOut);
            return CommandOutcome.Ok([Pn532Status.Ok], T.RfExchangeTime(dataOut.Length, 0, t.Fsc, t.UsesCid));
        }

        byte[] apdu = [.. t.ChainedCommand, .. dataOut];
        t.ChainedCommand.Clear();
        if (chip.Faults.TakeRemoveBeforeApdu())
        {
            chip.Field.Remove();
            return Fail(Pn532Status.Timeout, T.RfExchangeTime(apdu.Length, 0, t.Fsc, t.UsesCid) + fwt);
        }

        byte[] response;
        TimeSpan cardTime;
        try
        {
            response = t.Card.ProcessApdu(apdu);
            cardTime = t.Card.ProcessingTime(apdu) + chip.Faults.TakeSlowCard();
        }
#pragma warning disable CA1031 // A misbehaving card model must look like a mute card, never crash the chip.
        catch (Exception)
#pragma warning restore CA1031
        {
            return Fail(Pn532Status.Timeout, T.RfExchangeTime(apdu.Length, 0, t.Fsc, t.UsesCid) + fwt);
        }

        t.BlockNumber ^= 1;
        TimeSpan rf = T.RfExchangeTime(apdu.Length, response.Length, t.Fsc, t.UsesCid, cardTime, t.Fwi);
        if (chip.Faults.TakeCardAnswerCorruption())
        {
            // The chip's own ISO-DEP: R(NAK), the card sends its (first) block again [U].
            rf += T.PcdBlockTurnaround + Pn532Timing.RfFrameTime(4) + T.PiccTurnaround + Pn532Timing.RfFrameTime(Math.Min(response.Length, T.Fsd - 4) + 4);
        }

        if (chip.Faults.TakeRemoveMidChain())
        {
            chip.Field.Remove();
            return Fail(Pn532Status.Timeout, (rf / 2) + fwt);
        }

        return Deliver(t, response, rf);
    }

    private CommandOutcome Deliver(Target t, byte[] response, TimeSpan duration)
    {
        if (response.Length > Pn532Frames.MaxDataPerFrame)
        {
            t.PendingResponse = response[Pn532Frames.MaxDataPerFrame..];
            return CommandOutcome.Ok([Pn532Status.MoreInformation, .. response.AsSpan(0, Pn532Frames.MaxDataPerFrame)], duration);
        }

        S.LastError = Pn532Status.Ok;
        return CommandOutcome.Ok([Pn532Status.Ok, .. response], duration);
    }

    private CommandOutcome InCommunicateThru(ReadOnlySpan<byte> p)
    {
        if (p.Length < 1)
        {
            return CommandOutcome.Syntax;
        }

        if (S.Power == Pn532PowerState.LowVbat)
        {
            return Fail(Pn532Status.WrongContext);
        }

        S.RfFieldOn = true;
        TimeSpan timeout = DecodeTimeout(S.CommTimeout);
        if (chip.Faults.TakeRfError() is { } rfError)
        {
            return Fail(rfError, Pn532Timing.RfFrameTime(p.Length + 2));
        }

        var picc = CurrentPicc();
        if (S.Target is null || picc is null)
        {
            // The CIU is set up for 106 kbps Type B only after a Type B InListPassiveTarget/InAutoPoll [U]; no card, no answer.
            return Fail(Pn532Status.Timeout, Pn532Timing.RfFrameTime(p.Length + 2) + timeout);
        }

        PiccAnswer? reply = RawFrame(p, picc, S.Target);
        TimeSpan sent = T.PcdBlockTurnaround + Pn532Timing.RfFrameTime(p.Length + 2) + T.PiccTurnaround;
        if (reply is not { } r)
        {
            return Fail(Pn532Status.Timeout, sent + timeout);
        }

        if (r.CardTime > timeout && timeout > TimeSpan.Zero)
        {
            // The card answers after the chip stopped listening: its answer is lost, the card has moved on (it will
            // send it again on an R(NAK) with its block number).
            return Fail(Pn532Status.Timeout, sent + timeout);
        }

        if (chip.Faults.TakeCardAnswerCorruption())
        {
            // The card sent its answer, the chip saw a bad CRC_B: status 0x02, the data is dropped.
            return Fail(Pn532Status.CrcError, sent + r.CardTime + Pn532Timing.RfFrameTime(r.Frame.Length + 2));
        }

        S.LastError = Pn532Status.Ok;
        return CommandOutcome.Ok([Pn532Status.Ok, .. r.Frame], sent + r.CardTime + Pn532Timing.RfFrameTime(r.Frame.Length + 2));
    }

    /// <summary>The card state raw frames meet: bound to the card in the field now (a new card or re-insert starts IDLE).</summary>
    private TypeBPicc? CurrentPicc()
    {
        // Only a Type B card answers Type B frames (a Type A phone in the field stays silent).
        if (chip.Field.Card is not ITypeBCard card || !S.RfFieldOn)
        {
            return null;
        }

        if (S.Picc is { } p && ReferenceEquals(p.Card, card) && p.Generation == chip.Field.Generation)
        {
            return p;
        }

        S.Picc = new TypeBPicc(card, chip.Field.Generation);
        return S.Picc;
    }

    private void SetPiccMode(PiccMode mode)
    {
        if (CurrentPicc() is { } p)
        {
            p.Mode = mode;
        }
    }

    /// <summary>
    /// One raw frame to the card (the chip adds and checks CRC_B; ISO/IEC 14443-3 Type B framing): REQB/WUPB, ATTRIB,
    /// the host's own ISO-DEP blocks, or — while the chip's own ISO-DEP session holds the card — the R-block presence
    /// check and S(DESELECT).
    /// </summary>
    private PiccAnswer? RawFrame(ReadOnlySpan<byte> p, TypeBPicc picc, Target t)
    {
        if (p[0] == 0x05 && p.Length == 3)
        {
            return picc.RequestB(p[1], (p[2] & 0x08) != 0, AfiMatches);
        }

        if (p[0] == 0x1D)
        {
            return picc.Attrib(p);
        }

        if (picc.Mode == PiccMode.HostSession)
        {
            return picc.Block(p, chip.Faults, () => chip.Field.Remove());
        }

        if (picc.Mode != PiccMode.ChipSession || t.Deselected || !CardStillThere(t))
        {
            return null;
        }

        byte pcb = p[0];
        bool withCid = (pcb & 0x08) != 0;
        int cid = withCid && p.Length > 1 ? p[1] : 0;
        if ((pcb & 0xE6) == 0xA2)
        {
            // R(ACK)/R(NACK) presence check (libnfc sends BA 01): the card answers R(ACK) with its block number.
            byte ack = (byte)(0xA2 | t.BlockNumber | (withCid ? 0x08 : 0x00));
            return new PiccAnswer(withCid ? [ack, (byte)cid] : [ack], TimeSpan.Zero);
        }

        if ((pcb & 0xF7) == 0xC2)
        {
            // S(DESELECT): the card confirms and goes to HALT.
            t.Card.Deselect();
            t.Deselected = true;
            picc.Mode = PiccMode.Halt;
            return new PiccAnswer(p.ToArray(), TimeSpan.Zero);
        }

        // I-blocks of the chip's own session (its block number and CID) are not modelled: the card stays mute.
        return null;
    }

    private CommandOutcome InDeselect(ReadOnlySpan<byte> p)
    {
        if (p.Length != 1)
        {
            return CommandOutcome.Syntax;
        }

        int tg = p[0] == 0 && S.Target is { } any ? any.Tg : p[0];
        if (S.Power == Pn532PowerState.LowVbat || S.Target is not { } t || t.Tg != tg)
        {
            return Fail(chip.ReleasedTargets.Contains(tg) ? Pn532Status.Released : Pn532Status.WrongContext);
        }

        if (!t.Deselected)
        {
            if (!CardStillThere(t))
            {
                return Fail(Pn532Status.Timeout, Pn532Timing.FrameWaitingTime(t.Fwi));
            }

            t.Card.Deselect();
            t.Deselected = true;
            SetPiccMode(PiccMode.Halt);
        }

        return CommandOutcome.Status(Pn532Status.Ok, T.PcdBlockTurnaround + (2 * Pn532Timing.RfFrameTime(4)) + T.PiccTurnaround);
    }

    private CommandOutcome InRelease(ReadOnlySpan<byte> p)
    {
        if (p.Length != 1)
        {
            return CommandOutcome.Syntax;
        }

        int tg = p[0] == 0 && S.Target is { } any ? any.Tg : p[0];
        if (p[0] == 0 && S.Target is null)
        {
            return CommandOutcome.Status(Pn532Status.Ok);
        }

        if (S.Power == Pn532PowerState.LowVbat || S.Target is not { } t || t.Tg != tg)
        {
            return Fail(chip.ReleasedTargets.Contains(tg) ? Pn532Status.Released : Pn532Status.WrongContext);
        }

        if (!t.Deselected && CardStillThere(t))
        {
            t.Card.Deselect();
            SetPiccMode(PiccMode.Halt);
        }

        ForgetTarget();
        return CommandOutcome.Status(Pn532Status.Ok, T.PcdBlockTurnaround + (2 * Pn532Timing.RfFrameTime(4)) + T.PiccTurnaround);
    }

    private CommandOutcome InSelect(ReadOnlySpan<byte> p)
    {
        if (p.Length != 1)
        {
            return CommandOutcome.Syntax;
        }

        if (CheckTarget(p[0], out var t) is { } bad && bad != Pn532Status.InvalidDepState)
        {
            return Fail(bad);
        }

        var card = chip.Field.Card;
        if (card is null || !S.RfFieldOn)
        {
            return Fail(Pn532Status.CardDisappeared, T.PassiveActivationAttempt);
        }

        if (t.IsTypeA)
        {
            // WUPA + SELECT of the same UID, then RATS again.
            if (card is not ITypeACard a || !a.Uid.AsSpan().SequenceEqual(t.Identity))
            {
                return Fail(Pn532Status.CardIdMismatch, T.ActivationTime());
            }

            S.Target = new Target(t.Tg, a, chip.Field.Generation, [.. a.Uid], [.. a.Ats]);
            return CommandOutcome.Status(Pn532Status.Ok, T.ActivationTime(a.Ats.Length));
        }

        if (card is not ITypeBCard b || b.Atqb.Length < 5 || !b.Atqb.AsSpan(1, 4).SequenceEqual(t.Identity))
        {
            return Fail(Pn532Status.CardIdMismatch, T.ActivationTime());
        }

        // WUPB + ATTRIB of the same PUPI (also after the card was taken out and put back).
        var fresh = new Target(t.Tg, b, chip.Field.Generation, [.. b.Atqb]);
        S.Target = fresh;
        SetPiccMode(PiccMode.ChipSession);
        return CommandOutcome.Status(Pn532Status.Ok, T.ActivationTime(b.AttribResponse.Length));
    }

    private static TimeSpan DecodeTimeout(byte code) =>
        code == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(1000L << Math.Min(code - 1, 16)); // 100 µs × 2^(n−1)
}
