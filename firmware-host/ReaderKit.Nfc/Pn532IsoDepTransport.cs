using System.Security.Cryptography;
using ReaderKit.Apdu;

namespace ReaderKit.Nfc;

/// <summary>
/// APDUs to one Type B card over ISO/IEC 14443-4 (ISO-DEP) run by the driver itself through InCommunicateThru, so the
/// card answers in frames of up to 256 bytes (the FSD the driver announces in its own ATTRIB) instead of the 64 the
/// PN532's firmware announces. Half-duplex block protocol with CID and NAD off: I-blocks with chaining both ways,
/// R(ACK)/R(NAK), S(WTX), S(DESELECT), block numbering, the chip adding and checking CRC_B. Created by
/// <see cref="TryActivateAsync"/> (or <see cref="Pn532ApduTransport.OpenAsync"/>, which falls back to the chip's own ISO-DEP).
/// </summary>
/// <remarks>
/// <para>
/// One intent, at most one command on the card: an I-block is written once. When its answer is missing or invalid
/// (the chip's timeout 0x01, an RF error such as CRC 0x02, or a host-link failure of the InCommunicateThru) the driver sends
/// R(NAK) with its current block number (ISO/IEC 14443-4 §7.5.4, PCD rule 4). A card that received the I-block has
/// toggled its block number (block numbering rule D), so the R(NAK) carries its current number and it sends its last
/// block again (PICC rule 11): the answer comes back without the command running twice. A card that never received it
/// still holds the other number and answers R(ACK) (PICC rule 12); only that R(ACK) — proof that the card did not take
/// the I-block — lets the driver send the I-block again (PCD rule 6), and only while every InCommunicateThru of the
/// exchange completed on the host link: after a lost link exchange (no ACK and no answer, an unreadable answer) an
/// R(ACK) could be a late copy of an earlier answer, so the exchange ends in <see cref="Pn532OutcomeUnknownException"/>
/// instead. Anything else ends the exchange with the last error, and the session refuses further exchanges (its block
/// state is unknown): the tap fails, never a guess.
/// </para>
/// <para>
/// Deadlines: the chip's InCommunicateThru timeout (RFConfiguration item 2) is set to cover the card's FWT from its
/// ATQB FWI; S(WTX) raises it for one answer to FWT × WTXM (at most 3.28 s) and is bounded by
/// <see cref="Pn532TransportOptions.MaxWaitingTimeExtensions"/>; recovery by <see cref="Pn532TransportOptions.MaxBlockRecoveries"/>;
/// the whole exchange by its deadline (as <see cref="Pn532ApduTransport"/>). Dispose ends the session with S(DESELECT)
/// (the card's security state is cleared); if that fails the RF field is switched off and on.
/// </para>
/// </remarks>
public sealed class Pn532IsoDepTransport : IApduTransport, IAsyncDisposable
{
    private const byte InCommunicateThruCode = 0x42;
    private const byte IBlockPcb = 0x02;
    private const byte ChainingBit = 0x10;
    private const byte RAckPcb = 0xA2;
    private const byte RNakPcb = 0xB2;
    private const byte SDeselectPcb = 0xC2;
    private const byte SWtxPcb = 0xF2;

    private static readonly int[] FrameSizes = [16, 24, 32, 40, 48, 64, 96, 128, 256];

    /// <summary>Host-side time on top of the chip's own timeout (command frame, ACK, answer on a slow or loaded link).</summary>
    private static readonly TimeSpan LinkSlack = TimeSpan.FromMilliseconds(300);

    private readonly Pn532 _chip;
    private readonly Pn532TransportOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte _timeoutCode;
    private byte _currentTimeoutCode;
    private int _blockNumber;
    private bool _broken;
    private bool _closed;

    private Pn532IsoDepTransport(Pn532 chip, TypeBTarget target, Pn532TransportOptions options, int frameSize, byte timeoutCode)
    {
        _chip = chip;
        Target = target;
        _options = options;
        FrameSize = frameSize;
        _timeoutCode = timeoutCode;
        _currentTimeoutCode = timeoutCode;
    }

    /// <summary>The card (as the chip listed it; the driver's ATTRIB re-activated the same PUPI).</summary>
    public TypeBTarget Target { get; }

    /// <summary>FSD announced in the driver's ATTRIB: the longest frame the card may send (CRC_B included).</summary>
    public int FrameSize { get; }

    /// <summary>FSC from the card's ATQB: the longest frame the driver sends.</summary>
    public int CardFrameSize => Target.MaxFrameSize;

    /// <summary>The chip's InCommunicateThru timeout while the session runs (≥ the card's FWT).</summary>
    public TimeSpan ChipTimeout => Pn532.CommunicateThruTimeout(_timeoutCode);

    /// <summary>Recommended Ne + SW1 SW2 for short APDUs.</summary>
    public int MaxResponseLength => _options.RecommendedMaxNe + 2;

    /// <summary>
    /// Extended-length answer (data + SW) carried best: <see cref="Pn532TransportOptions.ExtendedMaxNe"/> + 2 rounded
    /// down to whole I-blocks of <see cref="FrameSize"/> (a last block of a few bytes would cost a whole round trip), 0 when off.
    /// </summary>
    public int MaxExtendedResponseLength
    {
        get
        {
            if (_options.ExtendedMaxNe <= CommandApdu.MaxShortNe)
            {
                return 0;
            }

            int wanted = Math.Min(_options.ExtendedMaxNe, CommandApdu.MaxExtendedNe) + 2;
            int blocks = wanted / ReceiveInf;
            int aligned = blocks * ReceiveInf;
            return aligned - 2 > CommandApdu.MaxShortNe ? aligned : wanted;
        }
    }

    /// <summary>INF bytes per I-block from the card: FSD − PCB − CRC_B.</summary>
    private int ReceiveInf => FrameSize - 3;

    /// <summary>INF bytes per I-block to the card: FSC − PCB − CRC_B.</summary>
    private int SendInf => CardFrameSize - 3;

    /// <summary>
    /// Takes over a card the chip has just listed: InDeselect (the chip's S(DESELECT), the card goes to HALT), the
    /// InCommunicateThru timeout set to cover FWT, WUPB (<c>05 00 08</c>, same PUPI expected) and ATTRIB
    /// (<c>1D PUPI 00 FSDI ProtocolType 00</c>: default TR0/TR1, SOF/EOF, 106 kbit/s both ways, CID 0 so blocks carry no
    /// CID). Returns null — with the chip's own session restored (InSelect) — when the card is not ISO 14443-4, its FWT
    /// exceeds what the chip can wait (FWI 14), or it does not answer WUPB/ATTRIB as expected.
    /// </summary>
    /// <exception cref="CardTransportException">The card could not be deselected or re-selected (it left the field, the chip failed).</exception>
    public static async Task<Pn532IsoDepTransport?> TryActivateAsync(Pn532 chip, TypeBTarget target, Pn532TransportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new Pn532TransportOptions();
        if (!target.IsIso14443Part4 || options.IsoDepFrameSizeIndex is < 0 or > 8)
        {
            return null;
        }

        // ISO/IEC 14443-4 §7.2: the PCD waits FWT (+ ΔFWT) for the card's answer; an eighth more covers ΔFWT.
        var fwt = target.FrameWaitingTime;
        if (Pn532.CommunicateThruTimeoutCode(fwt + (fwt / 8)) is not { } code)
        {
            return null;
        }

        await chip.DeselectAsync(target.TargetNumber, cancellationToken).ConfigureAwait(false);
        var timeout = Pn532.CommunicateThruTimeout(code) + LinkSlack;
        var attribSent = false;
        try
        {
            await chip.SetCommunicateThruTimeoutAsync(code, cancellationToken).ConfigureAwait(false);
            var atqb = await chip.CommunicateThruAsync(new byte[] { 0x05, 0x00, 0x08 }, 12, timeout, cancellationToken).ConfigureAwait(false);
            if (atqb.Length != 12 || atqb[0] != 0x50 || !atqb.AsSpan(1, 4).SequenceEqual(target.Pupi.Span))
            {
                return await FallBackAsync(chip, target, attribSent, cancellationToken).ConfigureAwait(false);
            }

            var fsdi = options.IsoDepFrameSizeIndex;
            byte[] attrib = [0x1D, .. target.Pupi.Span, 0x00, (byte)fsdi, (byte)(target.Atqb[10] & 0x0F), 0x00];
            attribSent = true;
            var answer = await chip.CommunicateThruAsync(attrib, 1, timeout, cancellationToken).ConfigureAwait(false);
            if (answer.Length < 1 || (answer[0] & 0x0F) != 0)
            {
                return await FallBackAsync(chip, target, attribSent, cancellationToken).ConfigureAwait(false);
            }

            return new Pn532IsoDepTransport(chip, target, options, FrameSizes[fsdi], code);
        }
        catch (CardTransportException) when (!cancellationToken.IsCancellationRequested)
        {
            return await FallBackAsync(chip, target, attribSent, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (command.Length < 4)
        {
            throw new MalformedApduException($"A command APDU needs at least 4 bytes, got {command.Length}.");
        }

        var floor = _options.SlowInstructions.Contains(command.Span[1]) ? _options.SlowCommandTimeout : _options.MinimumTimeout;
        var deadline = timeout > floor ? timeout : floor;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed || _broken)
            {
                throw new Pn532ProtocolException("The ISO-DEP session is closed or lost its block state after an earlier failure; present the card again.");
            }

            using var expiry = new CancellationTokenSource(deadline);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
            try
            {
                var expected = CommandApdu.TryReadNe(command.Span, out var ne) ? (ne ?? 0) + 2 : 2;
                var response = await ExchangeAsync(command, expected, linked.Token).ConfigureAwait(false);
                if (response.Length < 2)
                {
                    throw new Pn532ProtocolException($"The card answered {response.Length} byte(s); a response APDU needs SW1 SW2.");
                }

                return response;
            }
            catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                _broken = true;
                throw new Pn532OutcomeUnknownException(InCommunicateThruCode, deadline, "ISO-DEP exchange deadline");
            }
            catch
            {
                _broken = true;
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Builds a channel (61xx/6Cxx handling) over this transport.</summary>
    public ApduChannel CreateChannel(TimeSpan? defaultTimeout = null) => new(this, defaultTimeout);

    /// <summary>
    /// Ends the session: S(DESELECT) (the card drops its security state and goes to HALT), or — when the card does not
    /// confirm — RF field off and on, which resets every card in the field. Then the chip's default InCommunicateThru
    /// timeout. Best effort under a 1 s deadline; never throws.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                var answer = await _chip.CommunicateThruAsync(new byte[] { SDeselectPcb }, 1, ChipTimeout + LinkSlack, deadline.Token).ConfigureAwait(false);
                if (answer is not [SDeselectPcb])
                {
                    await ResetFieldAsync(deadline.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is CardTransportException or OperationCanceledException)
            {
                await ResetFieldAsync(deadline.Token).ConfigureAwait(false);
            }

            try
            {
                await _chip.SetCommunicateThruTimeoutAsync(_chip.DefaultCommunicateThruTimeoutCode, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is CardTransportException or OperationCanceledException)
            {
                // The next InitializeAsync sets it again.
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<Pn532IsoDepTransport?> FallBackAsync(Pn532 chip, TypeBTarget target, bool attribSent, CancellationToken cancellationToken)
    {
        if (attribSent)
        {
            try
            {
                // The ATTRIB may have activated the card even though its answer was lost: take it back to HALT.
                await chip.CommunicateThruAsync(new byte[] { SDeselectPcb }, 1, Pn532.CommunicateThruTimeout(0x10) + LinkSlack, cancellationToken).ConfigureAwait(false);
            }
            catch (CardTransportException)
            {
                // Not active: nothing to deselect.
            }
        }

        await chip.SetCommunicateThruTimeoutAsync(chip.DefaultCommunicateThruTimeoutCode, cancellationToken).ConfigureAwait(false);

        // The chip's own WUPB + ATTRIB (FSD 64): its ISO-DEP carries the tap.
        await chip.SelectAsync(target.TargetNumber, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task ResetFieldAsync(CancellationToken token)
    {
        try
        {
            await _chip.SetRfFieldAsync(false, token).ConfigureAwait(false);
            await _chip.SetRfFieldAsync(true, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CardTransportException or OperationCanceledException)
        {
            // The chip is gone too; the card loses power with it.
        }
    }

    /// <param name="command">The C-APDU.</param>
    /// <param name="expected">Expected R-APDU length (from Ne): sizes each answer read, which matters on I2C, where a read
    /// sized for a full 256-byte frame costs 24 ms at 100 kHz even when the card answers with 3 bytes.</param>
    /// <param name="token">The exchange's deadline and the caller's cancellation.</param>
    private async Task<byte[]> ExchangeAsync(ReadOnlyMemory<byte> command, int expected, CancellationToken token)
    {
        // The C-APDU in I-blocks of at most FSC (PCD chaining: each chained block is acknowledged by R(ACK) with our number).
        byte[] reply;
        var offset = 0;
        while (true)
        {
            var n = Math.Min(SendInf, command.Length - offset);
            var more = offset + n < command.Length;
            var block = new byte[n + 1];
            block[0] = (byte)(IBlockPcb | _blockNumber | (more ? ChainingBit : 0));
            command.Span.Slice(offset, n).CopyTo(block.AsSpan(1));
            try
            {
                reply = await ExchangeBlockAsync(block, block, more ? 1 : Math.Min(expected, ReceiveInf) + 1, token).ConfigureAwait(false);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(block);
            }

            if (!more)
            {
                break;
            }

            if (!IsRAck(reply) || (reply[0] & 0x01) != _blockNumber)
            {
                throw new Pn532ProtocolException("ISO-DEP: the card did not acknowledge a chained block.");
            }

            _blockNumber ^= 1; // rule B: R(ACK) with our number
            offset += n;
        }

        // The R-APDU: I-blocks with our number; a chained one is acknowledged with R(ACK) (PCD rule 2).
        using var response = new MemoryStream();
        while (true)
        {
            if (!IsIBlock(reply) || (reply[0] & 0x01) != _blockNumber)
            {
                throw new Pn532ProtocolException("ISO-DEP: the card answered with an unexpected block.");
            }

            response.Write(reply.AsSpan(1));
            _blockNumber ^= 1; // rule B: I-block with our number
            if ((reply[0] & ChainingBit) == 0)
            {
                return response.ToArray();
            }

            reply = await ExchangeBlockAsync([(byte)(RAckPcb | _blockNumber)], null, Math.Clamp(expected - (int)response.Length, 2, ReceiveInf) + 1, token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends one block and returns the card's next I-block or R(ACK), answering S(WTX) requests and recovering from
    /// missing or invalid answers. <paramref name="iBlock"/> is the I-block this block carries (null for R(ACK) in
    /// PICC chaining): it is sent again only after the card's R(ACK) with the other block number proved it never arrived.
    /// </summary>
    private async Task<byte[]> ExchangeBlockAsync(byte[] block, byte[]? iBlock, int expectedReply, CancellationToken token)
    {
        var toSend = block;
        var recoveries = 0;
        var extensions = 0;
        var waitCode = _timeoutCode;
        var linkLost = false;
        while (true)
        {
            byte[]? reply = null;
            CardTransportException? failure = null;
            try
            {
                await UseTimeoutCodeAsync(waitCode, token).ConfigureAwait(false);
                reply = await _chip.CommunicateThruAsync(toSend, Math.Max(expectedReply, 2), Pn532.CommunicateThruTimeout(waitCode) + LinkSlack, token).ConfigureAwait(false);
            }
            catch (Pn532StatusException e) when (e.Failure is CardTransportFailure.Timeout or CardTransportFailure.RfError)
            {
                failure = e; // FWT ran out or the card's frame was invalid (CRC, parity, framing)
            }
            catch (Exception e) when (e is Pn532OutcomeUnknownException or Pn532TimeoutException or Pn532ProtocolException)
            {
                // The host link lost the exchange: the chip may or may not have sent the block, and a copy of some answer
                // may still be on its way. R(NAK)/R(ACK) may still fetch the card's answer (they execute nothing), but
                // from here on no answer is trusted as proof that the I-block never arrived.
                failure = (CardTransportException)e;
                linkLost = true;
            }

            waitCode = _timeoutCode; // a WTX extends the wait for one answer only
            if (reply is not null && IsValid(reply))
            {
                if (IsWtxRequest(reply))
                {
                    if (++extensions > _options.MaxWaitingTimeExtensions)
                    {
                        throw new Pn532ProtocolException($"ISO-DEP: the card asked for more than {_options.MaxWaitingTimeExtensions} waiting-time extensions.");
                    }

                    var multiplier = reply[1] & 0x3F;
                    if (multiplier is < 1 or > 59)
                    {
                        throw new Pn532ProtocolException("ISO-DEP: S(WTX) with a multiplier outside 1–59.");
                    }

                    var fwt = Target.FrameWaitingTime * multiplier;
                    waitCode = Pn532.CommunicateThruTimeoutCode(fwt + (fwt / 8)) ?? 0x10;
                    waitCode = Math.Max(waitCode, _timeoutCode);
                    toSend = [SWtxPcb, (byte)multiplier];
                    iBlock = null; // the card has the I-block: it is working on it
                    continue;
                }

                if (IsRAck(reply) && (reply[0] & 0x01) != _blockNumber)
                {
                    // PICC rule 12: our R(NAK) met a card that never toggled — the I-block did not arrive. PCD rule 6: send it again.
                    if (iBlock is null || ++recoveries > _options.MaxBlockRecoveries)
                    {
                        throw new Pn532ProtocolException("ISO-DEP: unexpected R(ACK) from the card.");
                    }

                    if (linkLost)
                    {
                        // After a lost link exchange this R(ACK) could be a late copy of an earlier answer: never risk a
                        // second command on it. The I-block most likely did not run; the caller treats it as unknown.
                        throw new Pn532OutcomeUnknownException(InCommunicateThruCode, Pn532.CommunicateThruTimeout(_timeoutCode), "ISO-DEP: the link lost the I-block's exchange; not re-sent", failure);
                    }

                    toSend = iBlock;
                    continue;
                }

                return reply;
            }

            if (++recoveries > _options.MaxBlockRecoveries)
            {
                throw failure ?? new Pn532ProtocolException("ISO-DEP: the card's answer stayed invalid.");
            }

            // PCD rule 4: R(NAK) with our number (the card repeats its last block, or says with R(ACK) it never got ours);
            // rule 5: in PICC chaining, R(ACK) again.
            toSend = [(byte)((iBlock is null && block[0] == (RAckPcb | _blockNumber) ? RAckPcb : RNakPcb) | _blockNumber)];
        }
    }

    private async Task UseTimeoutCodeAsync(byte code, CancellationToken token)
    {
        if (code != _currentTimeoutCode)
        {
            await _chip.SetCommunicateThruTimeoutAsync(code, token).ConfigureAwait(false);
            _currentTimeoutCode = code;
        }
    }

    /// <summary>A block the card may send with CID and NAD off, no longer than FSD − CRC_B.</summary>
    private bool IsValid(byte[] block) =>
        block.Length >= 1 && block.Length <= FrameSize - 2 && (IsIBlock(block) || (IsRAck(block) && block.Length == 1) || IsWtxRequest(block));

    private static bool IsIBlock(byte[] block) => block.Length >= 1 && (block[0] & 0xEE) == IBlockPcb;

    private static bool IsRAck(byte[] block) => block.Length >= 1 && (block[0] & 0xFE) == RAckPcb;

    private static bool IsWtxRequest(byte[] block) => block.Length == 2 && block[0] == SWtxPcb;
}
