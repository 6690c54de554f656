using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ReaderKit.Apdu;

namespace ReaderKit.Pcsc;

/// <summary>
/// One connection to the card in a PC/SC reader (<c>SCardConnect</c> … <c>SCardDisconnect</c>) as a raw
/// <see cref="IApduTransport"/>; wrap it in <see cref="ApduChannel"/> for 61xx/6Cxx handling. One exchange at a time, each with
/// a deadline (the same floors as the PN532 path: 500 ms, 5 s for on-card signing). The command is copied into native memory
/// before <c>SCardTransmit</c> and that copy is zeroed when pcsc-lite is done with it, so a caller zeroing its buffer (a VERIFY
/// carries 照合番号B) can never change what is sent.
/// </summary>
/// <remarks>
/// <c>SCardTransmit</c> cannot be aborted. When its deadline passes or the caller cancels, the exchange is abandoned: the
/// transport raises <see cref="PcscOutcomeUnknownException"/> (or <see cref="OperationCanceledException"/> for a cancellation,
/// which <see cref="ApduChannel"/> reports as outcome unknown for a command that must not repeat), never sends the command
/// again, and refuses every later exchange on this connection.
/// </remarks>
public sealed class PcscCardConnection : IApduTransport, IAsyncDisposable, IDisposable
{
    private readonly PcscContext _context;
    private readonly PcscOptions _options;
    private readonly PcscDisposition _disposition;
    private readonly SemaphoreSlim _one = new(1, 1);
    private nint _card;
    private Task? _abandoned;
    private bool _broken;

    internal PcscCardConnection(PcscContext context, string reader, nint card, nuint protocol, PcscOptions options, PcscDisposition disposition)
    {
        _context = context;
        Reader = reader;
        _card = card;
        Protocol = protocol;
        _options = options;
        _disposition = disposition;
    }

    /// <summary>The reader this connection is on.</summary>
    public string Reader { get; }

    /// <summary>The active protocol (<c>SCARD_PROTOCOL_T1</c> = 2).</summary>
    public nuint Protocol { get; }

    /// <summary>How <see cref="DisposeAsync"/> leaves the card.</summary>
    public PcscDisposition Disposition => _disposition;

    /// <summary>Recommended Ne + SW1 SW2.</summary>
    public int MaxResponseLength => _options.RecommendedMaxNe + 2;

    /// <summary><see cref="PcscOptions.ExtendedMaxNe"/> + SW1 SW2, or 0 when extended length is off.</summary>
    public int MaxExtendedResponseLength => _options.ExtendedMaxNe > CommandApdu.MaxShortNe ? Math.Min(_options.ExtendedMaxNe, CommandApdu.MaxExtendedNe) + 2 : 0;

    /// <summary>The card's ATR (<c>SCardStatus</c>).</summary>
    /// <exception cref="PcscException">The card was removed or reset.</exception>
    public unsafe byte[] ReadAtr()
    {
        var atr = stackalloc byte[PcscNative.MaxAtrSize];
        nuint atrLength = PcscNative.MaxAtrSize;
        nuint nameLength = 0;
        var code = PcscNative.Code(PcscNative.SCardStatus(CardHandle, null, ref nameLength, out _, out _, atr, ref atrLength));
        PcscContext.Check("SCardStatus", code, Reader);
        return new ReadOnlySpan<byte>(atr, (int)Math.Min(atrLength, (nuint)PcscNative.MaxAtrSize)).ToArray();
    }

    /// <summary>Resets the card and keeps the connection (<c>SCardReconnect</c> with <c>SCARD_RESET_CARD</c>): its volatile state is gone.</summary>
    /// <exception cref="PcscException">The reconnect failed.</exception>
    public void Reset(bool exclusive = true)
    {
        var code = PcscNative.Code(PcscNative.SCardReconnect(CardHandle, exclusive ? PcscNative.ShareExclusive : PcscNative.ShareShared, PcscNative.ProtocolT1, (nuint)PcscDisposition.Reset, out _));
        PcscContext.Check("SCardReconnect", code, Reader);
    }

    /// <inheritdoc />
    /// <exception cref="PcscException">pcsc-lite refused the exchange before sending it (card removed or reset: <see cref="CardTransportFailure.CardRemoved"/>), or the card left during it.</exception>
    /// <exception cref="PcscOutcomeUnknownException">The command was handed over and no answer came (deadline, or a reader failure with the card still present).</exception>
    public async Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (command.Length < 4)
        {
            throw new MalformedApduException($"A command APDU needs at least 4 bytes, got {command.Length}.");
        }

        var instruction = command.Span[1];
        var floor = _options.SlowInstructions.Contains(instruction) ? _options.SlowCommandTimeout : _options.MinimumTimeout;
        var deadline = timeout > floor ? timeout : floor;
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_broken)
            {
                throw new CardTransportException(CardTransportFailure.ProtocolError, "An earlier exchange on this PC/SC connection was abandoned with its outcome unknown; re-tap.");
            }

            var card = CardHandle;
            var send = command.ToArray();
            var started = Stopwatch.GetTimestamp();
            var settleUntil = started + (long)((deadline - TimeSpan.FromMilliseconds(100)).TotalSeconds * Stopwatch.Frequency);
            var exchange = Task.Run(() => Transmit(card, send, instruction, settleUntil), CancellationToken.None); // zeroes send when done
            try
            {
                return await exchange.WaitAsync(deadline, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                Abandon(exchange);
                throw new PcscOutcomeUnknownException(instruction, Stopwatch.GetElapsedTime(started), "no answer from SCardTransmit within the deadline", e);
            }
            catch (OperationCanceledException) when (!exchange.IsCompleted)
            {
                Abandon(exchange);
                throw;
            }
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Disconnects (<see cref="Disposition"/>; see README for why the tap resets). Waits a bounded time for an abandoned transmit.</summary>
    public async ValueTask DisposeAsync()
    {
        var abandoned = _abandoned;
        if (abandoned is not null && !abandoned.IsCompleted)
        {
            try
            {
                await abandoned.WaitAsync(_options.AbandonedTransmitWait).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Still blocked in pcsc-lite: SCardDisconnect would wait behind it. The context's release closes the handle.
                Interlocked.Exchange(ref _card, 0);
                return;
            }
            catch (Exception e) when (e is CardTransportException or OperationCanceledException)
            {
                // Its outcome was already reported as unknown.
            }
        }

        Disconnect();
    }

    /// <summary>Disconnects without waiting for an abandoned transmit (see <see cref="DisposeAsync"/>).</summary>
    public void Dispose()
    {
        if (_abandoned is { IsCompleted: false })
        {
            Interlocked.Exchange(ref _card, 0);
            return;
        }

        Disconnect();
    }

    private nint CardHandle
    {
        get
        {
            var card = Volatile.Read(ref _card);
            ObjectDisposedException.ThrowIf(card == 0, this);
            return card;
        }
    }

    private void Disconnect()
    {
        var card = Interlocked.Exchange(ref _card, 0);
        if (card != 0)
        {
            _ = PcscNative.SCardDisconnect(card, (nuint)_disposition);
        }
    }

    private void Abandon(Task exchange)
    {
        _broken = true;
        _abandoned = exchange;
        _context.MarkAbandoned();
        _ = exchange.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private unsafe byte[] Transmit(nint card, byte[] command, byte instruction, long settleUntil)
    {
        var started = Stopwatch.GetTimestamp();
        var send = (byte*)NativeMemory.Alloc((nuint)command.Length);
        var receive = (byte*)NativeMemory.Alloc(PcscNative.MaxResponse);
        try
        {
            command.CopyTo(new Span<byte>(send, command.Length));
            var pci = new PcscNative.IoRequest { Protocol = Protocol, PciLength = (nuint)sizeof(PcscNative.IoRequest) };
            nuint length = PcscNative.MaxResponse;
            var code = PcscNative.Code(PcscNative.SCardTransmit(card, &pci, send, (nuint)command.Length, null, receive, ref length));
            if (code == PcscErrors.Success)
            {
                if (length >= 2 && length <= PcscNative.MaxResponse)
                {
                    return new ReadOnlySpan<byte>(receive, (int)length).ToArray();
                }

                // No SW1 SW2: the reader lost the card or the answer (vpcd reports a dropped card this way). Decided below like a
                // failure that may have reached the card.
                code = PcscErrors.Unexpected;
            }

            if (!PcscErrors.TransmitMayHaveReachedCard(code))
            {
                throw new PcscException("SCardTransmit", code, "the command was not sent");
            }

            var settle = TimeSpan.FromTicks(Math.Min(_options.RemovalSettleTime.Ticks, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), settleUntil).Ticks));
            if (!CardStillPresent(card) || _context.CardGoneWithin(Reader, settle))
            {
                throw new PcscException("SCardTransmit", code, CardTransportFailure.CardRemoved, "the card left the reader during the exchange");
            }

            throw new PcscOutcomeUnknownException(instruction, Stopwatch.GetElapsedTime(started), $"the reader reported {PcscErrors.Name(code)} ({PcscErrors.Describe(code)})");
        }
        finally
        {
            new Span<byte>(send, command.Length).Clear();
            new Span<byte>(receive, PcscNative.MaxResponse).Clear();
            CryptographicOperations.ZeroMemory(command);
            NativeMemory.Free(send);
            NativeMemory.Free(receive);
        }
    }

    /// <summary>
    /// False only when pcsc-lite says the card left (or was reset or powered down); any other answer, including a failure of
    /// pcscd itself, leaves the outcome unknown rather than blaming the card.
    /// </summary>
    private unsafe bool CardStillPresent(nint card)
    {
        var atr = stackalloc byte[PcscNative.MaxAtrSize];
        nuint atrLength = PcscNative.MaxAtrSize;
        nuint nameLength = 0;
        var code = PcscNative.Code(PcscNative.SCardStatus(card, null, ref nameLength, out var state, out _, atr, ref atrLength));
        const nuint scardAbsent = 0x0002;
        return code switch
        {
            PcscErrors.Success => (state & scardAbsent) == 0,
            PcscErrors.RemovedCard or PcscErrors.NoSmartcard or PcscErrors.ResetCard or PcscErrors.UnpoweredCard => false,
            _ => true,
        };
    }
}
