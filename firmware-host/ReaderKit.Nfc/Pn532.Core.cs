using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace ReaderKit.Nfc;

/// <summary>Command execution: ACK wait, the resend rule, NACK, abort.</summary>
/// <remarks>
/// <para>
/// The resend rule: a command frame that carries card data (<see cref="CarriesCardData"/>: InDataExchange,
/// InCommunicateThru) is written once. If its ACK is lost, garbled or late (a host stall), the driver keeps reading
/// until the command's deadline: a late ACK, or the answer itself (<c>D5 cmd+1</c>, which the chip only sends after it
/// took the command), completes it. Only when nothing usable came is the outcome unknown
/// (<see cref="Pn532OutcomeUnknownException"/>). The chip proves it did not take a frame only with an error frame
/// (syntax error, a typed <see cref="Pn532StatusException"/>); the driver still does not resend then, the caller decides.
/// Chip-local commands (configuration, polling, release) are idempotent and keep up to
/// <see cref="Pn532Options.CommandAttempts"/> sends.
/// </para>
/// <para>
/// A NACK asks the chip to send its last answer frame again; it never re-executes a command, so a corrupt answer is
/// still NACKed — but for a card-data command only once the chip has acknowledged this frame (an ACK, or a frame
/// header of an answer): before that the chip's "last answer" may still be the previous command's.
/// </para>
/// </remarks>
public sealed partial class Pn532
{
    /// <summary>True for PN532 commands whose frame carries data for the card (never re-sent once the chip may have taken it).</summary>
    public static bool CarriesCardData(byte command) => command is InDataExchangeCode or InCommunicateThruCode;

    private enum AckKind
    {
        /// <summary>The ACK frame.</summary>
        Ack,

        /// <summary>The whole answer to the pending command (its ACK was lost or garbled).</summary>
        Answer,

        /// <summary>The header of an answer frame whose rest was cut or corrupted: the chip took the command.</summary>
        AnswerStarted,

        /// <summary>Bytes that are neither an ACK nor an answer.</summary>
        Garbled,

        /// <summary>Nothing within the ACK window.</summary>
        Nothing,
    }

    private readonly record struct AckWait(AckKind Kind, byte[]? Answer = null, int FrameLength = 0);

    /// <summary>What is known about the frame in flight of one exclusive call.</summary>
    private sealed class Exchange
    {
        public bool CardData { get; private set; }

        public bool Acknowledged { get; set; }

        /// <summary>A card-data frame was written and the chip has shown no sign of taking it.</summary>
        public bool OutcomeUnknown => CardData && !Acknowledged;

        /// <summary>NACK (resend the last answer) is safe: the last answer the chip holds is this command's.</summary>
        public bool MayNack => !CardData || Acknowledged;

        public void Begin(byte command)
        {
            CardData = CarriesCardData(command);
            Acknowledged = false;
        }
    }

    private async Task<T> RunExclusiveAsync<T>(byte command, TimeSpan timeout, CancellationToken cancellationToken, Func<Exchange, CancellationToken, Task<T>> body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = new CancellationTokenSource(timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            var exchange = new Exchange();
            try
            {
                return await body(exchange, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                await AbortAsync().ConfigureAwait(false);
                if (!deadline.IsCancellationRequested)
                {
                    // The caller cancelled before this command's own deadline.
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (exchange.OutcomeUnknown)
                {
                    LogOutcomeUnknown(command, timeout.TotalMilliseconds);
                    throw new Pn532OutcomeUnknownException(command, timeout, "no ACK and no answer");
                }

                LogTimeout(command, timeout.TotalMilliseconds);
                throw new Pn532TimeoutException(command, timeout, "answer");
            }
            catch (Pn532ProtocolException ex)
            {
                await AbortAsync().ConfigureAwait(false);
                if (exchange.OutcomeUnknown)
                {
                    LogOutcomeUnknown(command, timeout.TotalMilliseconds);
                    throw new Pn532OutcomeUnknownException(command, timeout, "only unreadable frames", ex);
                }

                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One command frame → ACK → one answer frame. Returns the data after <c>D5 cmd+1</c>.</summary>
    private async Task<byte[]> ExecuteAsync(Exchange exchange, byte command, byte[] parameters, int expectedResponseLength, CancellationToken token)
    {
        var frame = Pn532Frame.EncodeCommand(command, parameters);
        try
        {
            var ackWindow = _options.AckTimeout + (_link.ByteTime * (frame.Length + 12));
            for (var attempt = 1; ; attempt++)
            {
                exchange.Begin(command);

                // Whatever is still in the input now (a duplicate answer of an earlier command with the same code) can
                // only be mistaken for this command's answer: drop it before the command goes out.
                _link.DiscardInput();
                await _link.WriteAsync(frame, token).ConfigureAwait(false);
                var ack = await WaitAckAsync(command, ackWindow, token).ConfigureAwait(false);
                switch (ack.Kind)
                {
                    case AckKind.Ack:
                        exchange.Acknowledged = true;
                        return await ReceiveAsync(exchange, command, Pn532Frame.WireLength(expectedResponseLength + 2), token).ConfigureAwait(false);
                    case AckKind.Answer:
                        exchange.Acknowledged = true;
                        LogAnswerAsAck(command);
                        return ack.Answer!;
                    case AckKind.AnswerStarted:
                        // The ACK-sized read cut the answer (I2C) or the answer arrived broken: the chip took the command.
                        exchange.Acknowledged = true;
                        LogAnswerAsAck(command);
                        return await ReceiveAsync(exchange, command, Math.Max(ack.FrameLength, Pn532Frame.WireLength(expectedResponseLength + 2)), token, nackFirst: true).ConfigureAwait(false);
                    case AckKind.Garbled:
                        // Something ACK-shaped came: the chip most likely took the command; its answer (or the deadline) decides.
                        LogGarbledAck(command);
                        exchange.Acknowledged = !exchange.CardData;
                        return await ReceiveAsync(exchange, command, Pn532Frame.WireLength(expectedResponseLength + 2), token).ConfigureAwait(false);
                }

                if (exchange.CardData)
                {
                    // Never a second copy: a late ACK (host stall, slow bus) or the answer may still come before the deadline.
                    LogAckLate(command);
                    return await ReceiveAsync(exchange, command, Pn532Frame.WireLength(expectedResponseLength + 2), token).ConfigureAwait(false);
                }

                if (attempt >= _options.CommandAttempts)
                {
                    throw new Pn532TimeoutException(command, ackWindow * attempt, "ACK");
                }

                // No ACK to a chip-local command: make sure nothing half-received is running, then send it again.
                LogResend(command, attempt);
                await _link.WriteAsync(Pn532Frame.Ack.ToArray(), token).ConfigureAwait(false);
                _link.DiscardInput();
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(frame);
        }
    }

    private async Task<AckWait> WaitAckAsync(byte command, TimeSpan window, CancellationToken token)
    {
        using var timer = new CancellationTokenSource(window, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timer.Token);
        try
        {
            while (true)
            {
                var raw = await _link.ReadFrameAsync(Pn532Frame.Ack.Length, linked.Token).ConfigureAwait(false);
                var frame = Pn532Frame.Parse(raw);
                switch (frame.Status, frame.Kind)
                {
                    case (Pn532ParseStatus.Complete, Pn532FrameKind.Ack):
                        return new AckWait(AckKind.Ack);
                    case (Pn532ParseStatus.Complete, Pn532FrameKind.Error):
                        // The chip refused the frame itself (syntax): it did not execute it.
                        throw new Pn532StatusException(command, Pn532StatusCodes.ErrorFrame);
                    case (Pn532ParseStatus.Complete, Pn532FrameKind.Information) when IsAnswerTo(command, frame.Data):
                        // The chip answers only a command it took: the answer is the ACK.
                        return new AckWait(AckKind.Answer, frame.Data![2..]);
                    case (Pn532ParseStatus.Complete, _):
                        // A stale answer of an aborted command, or a NACK: skip it.
                        continue;
                    case (Pn532ParseStatus.NoStartCode, _) when raw.AsSpan().IndexOfAnyExcept((byte)0) < 0:
                        continue;
                    case (Pn532ParseStatus.Incomplete, _) when Pn532Frame.StartsChipInformationFrame(raw.AsSpan(frame.Start)):
                        // Needed counts from the start of what was read (preamble included): the re-read starts there too.
                        return new AckWait(AckKind.AnswerStarted, FrameLength: frame.Needed);
                    case (Pn532ParseStatus.BadDataChecksum, _):
                        return new AckWait(AckKind.AnswerStarted, FrameLength: frame.End - frame.Start + 1);
                    default:
                        return new AckWait(AckKind.Garbled);
                }
            }
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !token.IsCancellationRequested)
        {
            return new AckWait(AckKind.Nothing);
        }
    }

    private static bool IsAnswerTo(byte command, byte[]? data) => data is [Pn532Frame.ChipToHost, var code, ..] && code == command + 1;

    private async Task<byte[]> ReceiveAsync(Exchange exchange, byte command, int sizeHint, CancellationToken token, bool nackFirst = false)
    {
        var resends = 0;
        var foreign = 0;
        var tailSkipped = false;
        var nackOutstanding = false;
        if (nackFirst)
        {
            resends++;
            LogNack(command, "cut");
            await _link.WriteAsync(Pn532Frame.Nack.ToArray(), token).ConfigureAwait(false);
            nackOutstanding = true;
        }

        while (true)
        {
            var raw = await _link.ReadFrameAsync(sizeHint, token).ConfigureAwait(false);
            if (raw.Length == 0)
            {
                continue;
            }

            var frame = Pn532Frame.Parse(raw);
            if (frame.Status == Pn532ParseStatus.Complete)
            {
                switch (frame.Kind)
                {
                    case Pn532FrameKind.Error:
                        throw new Pn532StatusException(command, Pn532StatusCodes.ErrorFrame);
                    case Pn532FrameKind.Information when IsAnswerTo(command, frame.Data):
                        exchange.Acknowledged = true;
                        return frame.Data![2..];
                    case Pn532FrameKind.Ack:
                        // A late ACK (host stall, slow bus) or a duplicate one: the chip has the command.
                        exchange.Acknowledged = true;
                        goto default;
                    default:
                        // Duplicate ACK, NACK or a stale answer of an earlier command.
                        if (++foreign > 8)
                        {
                            throw new Pn532ProtocolException($"PN532 command 0x{command:X2}: the chip keeps sending unrelated frames.");
                        }

                        continue;
                }
            }

            if (frame.Status == Pn532ParseStatus.NoStartCode && raw.AsSpan().IndexOfAnyExcept((byte)0) < 0 && raw.Length < sizeHint / 2)
            {
                continue;
            }

            if (frame.Status == Pn532ParseStatus.NoStartCode && nackOutstanding && !tailSkipped)
            {
                // Bytes without a start code right after a NACK: the late tail of the copy that was cut (a stalled
                // serial link hands it up after the NACK went out). The chip is already sending a fresh copy; a second
                // NACK would make it send a third, which would then sit in the input as the "answer" of the next
                // command with the same code. Skip the tail once and read the fresh copy.
                tailSkipped = true;
                continue;
            }

            if (frame.Status == Pn532ParseStatus.BadDataChecksum
                || (frame.Status == Pn532ParseStatus.Incomplete && Pn532Frame.StartsChipInformationFrame(raw.AsSpan(frame.Start))))
            {
                // An answer frame's header arrived intact: the chip took the command.
                exchange.Acknowledged = true;
            }

            if (!exchange.MayNack)
            {
                // Noise before any sign that the chip took this card-data frame: a NACK could fetch the previous
                // command's answer. Keep listening until the deadline.
                if (++foreign > 8)
                {
                    throw new Pn532ProtocolException($"PN532 command 0x{command:X2}: only unreadable frames, no ACK.");
                }

                continue;
            }

            // Truncated, corrupted or garbage: ask the chip for the same frame again (sized to fit this time).
            if (++resends > _options.MaxResends)
            {
                throw new Pn532ProtocolException($"PN532 command 0x{command:X2}: answer still corrupt after {_options.MaxResends} resend requests.");
            }

            if (frame.Status == Pn532ParseStatus.Incomplete && frame.Needed > sizeHint)
            {
                // Needed counts from the first byte read (the preamble before the start code included): a re-read sized
                // Needed − Start came back two bytes short of a full extended frame, NACK after NACK.
                sizeHint = Math.Min(frame.Needed, Pn532Frame.WireLength(Pn532Frame.MaxLength));
            }

            LogNack(command, frame.Status.ToString());
            await _link.WriteAsync(Pn532Frame.Nack.ToArray(), token).ConfigureAwait(false);
            nackOutstanding = true;
            tailSkipped = false;
        }
    }

    /// <summary>Host ACK: aborts whatever the chip is doing; then drains anything it had ready.</summary>
    private async Task AbortAsync()
    {
        using var cts = new CancellationTokenSource(_options.AbortDrainTime + _options.AckTimeout, _time);
        try
        {
            await _link.WriteAsync(Pn532Frame.Ack.ToArray(), cts.Token).ConfigureAwait(false);
            using var drain = new CancellationTokenSource(_options.AbortDrainTime, _time);
            while (true)
            {
                _ = await _link.ReadFrameAsync(Pn532Frame.WireLength(Pn532Frame.MaxLength), drain.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or Pn532LinkException)
        {
            // The abort is best effort; the next command's ACK wait copes with whatever is left.
        }
        finally
        {
            _link.DiscardInput();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PN532 ready: {Version}")]
    private partial void LogInitialized(Pn532FirmwareVersion version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PN532 command 0x{Command:X2} timed out after {Milliseconds} ms; aborted")]
    private partial void LogTimeout(byte command, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PN532 command 0x{Command:X2}: no ACK and no answer within {Milliseconds} ms; outcome unknown, not re-sent; aborted")]
    private partial void LogOutcomeUnknown(byte command, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "PN532 command 0x{Command:X2}: garbled ACK, waiting for the answer")]
    private partial void LogGarbledAck(byte command);

    [LoggerMessage(Level = LogLevel.Debug, Message = "PN532 command 0x{Command:X2}: the answer came without its ACK; taken as acknowledged")]
    private partial void LogAnswerAsAck(byte command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PN532 command 0x{Command:X2}: no ACK within the window; card data is never re-sent, waiting for a late ACK or the answer")]
    private partial void LogAckLate(byte command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PN532 command 0x{Command:X2}: no ACK (attempt {Attempt}), resending")]
    private partial void LogResend(byte command, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "PN532 command 0x{Command:X2}: {Problem} answer, NACK sent")]
    private partial void LogNack(byte command, string problem);
}
