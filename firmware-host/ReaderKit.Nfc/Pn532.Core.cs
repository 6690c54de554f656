using Microsoft.Extensions.Logging;

namespace ReaderKit.Nfc;

/// <summary>Command execution: ACK wait, resend, NACK, abort.</summary>
public sealed partial class Pn532
{
    private enum Phase
    {
        Ack,
        Response,
    }

    private async Task<T> RunExclusiveAsync<T>(byte command, TimeSpan timeout, CancellationToken cancellationToken, Func<CancellationToken, Task<T>> body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = new CancellationTokenSource(timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                return await body(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                await AbortAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                LogTimeout(command, timeout.TotalMilliseconds);
                throw new Pn532TimeoutException(command, timeout, "answer");
            }
            catch (Pn532ProtocolException)
            {
                await AbortAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One command frame → ACK → one answer frame. Returns the data after <c>D5 cmd+1</c>.</summary>
    private async Task<byte[]> ExecuteAsync(byte command, byte[] parameters, int expectedResponseLength, CancellationToken token)
    {
        var frame = Pn532Frame.EncodeCommand(command, parameters);
        await SendAsync(command, frame, token).ConfigureAwait(false);
        return await ReceiveAsync(command, expectedResponseLength, token).ConfigureAwait(false);
    }

    private async Task SendAsync(byte command, byte[] frame, CancellationToken token)
    {
        var ackWindow = _options.AckTimeout + (_link.ByteTime * (frame.Length + 12));
        for (var attempt = 1; ; attempt++)
        {
            await _link.WriteAsync(frame, token).ConfigureAwait(false);
            switch (await WaitAckAsync(command, ackWindow, token).ConfigureAwait(false))
            {
                case true:
                    return;
                case null:
                    // Garbled ACK: the chip most likely took the command; its answer (or the deadline) decides.
                    LogGarbledAck(command);
                    return;
            }

            if (attempt >= _options.CommandAttempts)
            {
                throw new Pn532TimeoutException(command, ackWindow * attempt, "ACK");
            }

            // No ACK: make sure nothing half-received is running, then send again.
            LogResend(command, attempt);
            await _link.WriteAsync(Pn532Frame.Ack.ToArray(), token).ConfigureAwait(false);
            _link.DiscardInput();
        }
    }

    /// <returns>true on ACK, false when nothing came, null when something unreadable came.</returns>
    private async Task<bool?> WaitAckAsync(byte command, TimeSpan window, CancellationToken token)
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
                        return true;
                    case (Pn532ParseStatus.Complete, Pn532FrameKind.Error):
                        throw new Pn532StatusException(command, Pn532StatusCodes.ErrorFrame);
                    case (Pn532ParseStatus.Complete, _):
                        // A stale answer from an aborted command: skip it.
                        continue;
                    case (Pn532ParseStatus.NoStartCode, _) when raw.AsSpan().IndexOfAnyExcept((byte)0) < 0:
                        continue;
                    default:
                        return null;
                }
            }
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !token.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<byte[]> ReceiveAsync(byte command, int expectedResponseLength, CancellationToken token)
    {
        var sizeHint = Pn532Frame.WireLength(expectedResponseLength + 2);
        var resends = 0;
        var foreign = 0;
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
                    case Pn532FrameKind.Information when frame.Data is [Pn532Frame.ChipToHost, var code, ..] && code == command + 1:
                        return frame.Data[2..];
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

            // Truncated, corrupted or garbage: ask the chip for the same frame again (sized to fit this time).
            if (++resends > _options.MaxResends)
            {
                throw new Pn532ProtocolException($"PN532 command 0x{command:X2}: answer still corrupt after {_options.MaxResends} resend requests.");
            }

            if (frame.Status == Pn532ParseStatus.Incomplete && frame.Needed - frame.Start > sizeHint)
            {
                sizeHint = Math.Min(frame.Needed - frame.Start, Pn532Frame.WireLength(Pn532Frame.MaxLength));
            }

            LogNack(command, frame.Status.ToString());
            await _link.WriteAsync(Pn532Frame.Nack.ToArray(), token).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "PN532 command 0x{Command:X2}: garbled ACK, waiting for the answer")]
    private partial void LogGarbledAck(byte command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PN532 command 0x{Command:X2}: no ACK (attempt {Attempt}), resending")]
    private partial void LogResend(byte command, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "PN532 command 0x{Command:X2}: {Problem} answer, NACK sent")]
    private partial void LogNack(byte command, string problem);
}
