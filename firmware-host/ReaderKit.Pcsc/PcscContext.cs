using System.Runtime.InteropServices;
using System.Text;
using ReaderKit.Apdu;

namespace ReaderKit.Pcsc;

/// <summary>
/// One pcsc-lite context (<c>SCardEstablishContext</c> … <c>SCardReleaseContext</c>): lists readers, picks one by name,
/// waits for card insertion or removal with bounded, cancellable <c>SCardGetStatusChange</c> calls, and connects to the card.
/// <see cref="Dispose"/> always releases the context (which also closes any card handle still open on it).
/// </summary>
/// <remarks>
/// pcsc-lite serialises calls on one context; the waits run on a thread-pool thread and <c>SCardCancel</c> (the one call meant
/// for another thread) interrupts them on cancellation. No call waits longer than one slice (at most
/// <see cref="MaxWaitSlice"/>) between cancellation checks.
/// </remarks>
public sealed class PcscContext : IDisposable
{
    /// <summary>The longest single <c>SCardGetStatusChange</c> timeout a wait uses.</summary>
    public static readonly TimeSpan MaxWaitSlice = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private nint _handle;
    private int _abandoned;

    private PcscContext(nint handle) => _handle = handle;

    /// <summary>Establishes a system-scope context with pcscd.</summary>
    /// <exception cref="PcscException">pcscd is not running (<c>SCARD_E_NO_SERVICE</c>) or libpcsclite is not installed: <see cref="CardTransportFailure.ReaderUnavailable"/>.</exception>
    public static PcscContext Establish()
    {
        nint handle;
        uint code;
        try
        {
            code = PcscNative.Code(PcscNative.SCardEstablishContext(PcscNative.ScopeSystem, 0, 0, out handle));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new PcscException("SCardEstablishContext", 0, CardTransportFailure.ReaderUnavailable, $"{PcscNative.Library} is not installed (Debian: libpcsclite1, and pcscd)", e);
        }

        return code == PcscErrors.Success ? new PcscContext(handle) : throw new PcscException("SCardEstablishContext", code, "is pcscd installed and running?");
    }

    /// <summary>The readers pcscd knows (empty when none is connected).</summary>
    /// <exception cref="PcscException">pcscd failed.</exception>
    public unsafe IReadOnlyList<string> ListReaders()
    {
        var handle = Handle;
        nuint length = 0;
        var code = PcscNative.Code(PcscNative.SCardListReaders(handle, 0, null, ref length));
        if (code == PcscErrors.NoReadersAvailable)
        {
            return [];
        }

        Check("SCardListReaders", code);
        var buffer = new byte[(int)length];
        fixed (byte* p = buffer)
        {
            code = PcscNative.Code(PcscNative.SCardListReaders(handle, 0, p, ref length));
        }

        if (code == PcscErrors.NoReadersAvailable)
        {
            return [];
        }

        Check("SCardListReaders", code);
        return Encoding.UTF8.GetString(buffer, 0, (int)Math.Min(length, (nuint)buffer.Length)).Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The one reader <paramref name="filter"/> names (see <see cref="PcscReaderSelection.Select"/>).</summary>
    /// <exception cref="PcscReaderSelectionException">None, no match, or several matches (the message lists the readers).</exception>
    public string SelectReader(string? filter) => PcscReaderSelection.Select(ListReaders(), filter);

    /// <summary>The reader's state now (no wait).</summary>
    /// <exception cref="PcscException">The reader is gone or pcscd failed.</exception>
    public PcscReaderStatus GetStatus(string reader) => WaitFor(reader, null, TimeSpan.Zero, CancellationToken.None);

    /// <summary>Waits until a card is present (returns at once if one is), checking cancellation at least every <paramref name="slice"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired (the caller's wait deadline).</exception>
    /// <exception cref="PcscException">The reader was unplugged or pcscd failed.</exception>
    public Task<PcscReaderStatus> WaitForCardAsync(string reader, TimeSpan slice, CancellationToken cancellationToken) =>
        Task.Run(() => WaitFor(reader, true, slice, cancellationToken), cancellationToken);

    /// <summary>Waits until the reader is empty (returns at once if it is).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    /// <exception cref="PcscException">The reader was unplugged or pcscd failed.</exception>
    public Task<PcscReaderStatus> WaitForRemovalAsync(string reader, TimeSpan slice, CancellationToken cancellationToken) =>
        Task.Run(() => WaitFor(reader, false, slice, cancellationToken), cancellationToken);

    /// <summary>
    /// Connects to the card in <paramref name="reader"/> with T=1 (contactless cards are presented as T=1 by CCID readers, PC/SC
    /// part 3). <paramref name="exclusive"/> asks for <c>SCARD_SHARE_EXCLUSIVE</c>: no other application can talk to the card
    /// until the connection is closed.
    /// </summary>
    /// <exception cref="PcscException">
    /// <c>SCARD_E_SHARING_VIOLATION</c> (<see cref="CardTransportFailure.ReaderBusy"/>) when another application holds the reader,
    /// <c>SCARD_E_NO_SMARTCARD</c>/<c>SCARD_W_REMOVED_CARD</c> (<see cref="CardTransportFailure.CardRemoved"/>) when the card left.
    /// </exception>
    public PcscCardConnection Connect(string reader, bool exclusive = true, PcscOptions? options = null, PcscDisposition disposition = PcscDisposition.Reset)
    {
        ArgumentException.ThrowIfNullOrEmpty(reader);
        var o = options ?? new PcscOptions();
        o.Validate();
        var code = PcscNative.Code(PcscNative.SCardConnect(Handle, reader, exclusive ? PcscNative.ShareExclusive : PcscNative.ShareShared, PcscNative.ProtocolT1, out var card, out var protocol));
        Check("SCardConnect", code, reader);
        return new PcscCardConnection(this, reader, card, protocol, o, disposition);
    }

    /// <summary>Releases the context (<c>SCardReleaseContext</c>). Never blocks behind an abandoned transmit.</summary>
    public void Dispose()
    {
        nint handle;
        lock (_gate)
        {
            handle = _handle;
            _handle = 0;
        }

        if (handle == 0)
        {
            return;
        }

        if (Volatile.Read(ref _abandoned) > 0)
        {
            // A transmit whose deadline passed may still hold pcsc-lite's lock on this context: release it when that returns.
            _ = Task.Run(() => PcscNative.SCardReleaseContext(handle));
        }
        else
        {
            _ = PcscNative.SCardReleaseContext(handle);
        }
    }

    internal nint Handle
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_handle == 0, this);
                return _handle;
            }
        }
    }

    /// <summary>True when the reader is (or becomes, within <paramref name="within"/>) empty.</summary>
    internal bool CardGoneWithin(string reader, TimeSpan within)
    {
        if (within <= TimeSpan.Zero)
        {
            try
            {
                return !GetStatus(reader).CardPresent;
            }
            catch (PcscException)
            {
                return false;
            }
        }

        using var timeout = new CancellationTokenSource(within);
        try
        {
            return !WaitFor(reader, false, TimeSpan.FromMilliseconds(100), timeout.Token).CardPresent;
        }
        catch (Exception e) when (e is OperationCanceledException or PcscException)
        {
            return false; // still present, or pcscd cannot say: the outcome stays unknown
        }
    }

    internal void MarkAbandoned() => Interlocked.Increment(ref _abandoned);

    internal static void Check(string call, uint code, string? reader = null)
    {
        if (code != PcscErrors.Success)
        {
            throw new PcscException(call, code, reader is null ? null : $"reader '{reader}'");
        }
    }

    private unsafe PcscReaderStatus WaitFor(string reader, bool? present, TimeSpan slice, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reader);
        var handle = Handle;
        var sliceMs = (nuint)Math.Clamp((long)slice.TotalMilliseconds, 0, (long)MaxWaitSlice.TotalMilliseconds);
        var name = Marshal.StringToCoTaskMemUTF8(reader);
        try
        {
            using var cancel = cancellationToken.Register(() => PcscNative.SCardCancel(handle));
            var current = PcscNative.StateUnaware;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var state = new PcscNative.ReaderState { Reader = name, CurrentState = current };
                var code = PcscNative.Code(PcscNative.SCardGetStatusChange(handle, current == PcscNative.StateUnaware ? 0 : sliceMs, &state, 1));
                if (code == PcscErrors.Timeout)
                {
                    continue;
                }

                if (code == PcscErrors.Cancelled)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                Check("SCardGetStatusChange", code, reader);
                var events = state.EventState;
                if ((events & (PcscNative.StateUnknown | PcscNative.StateUnavailable)) != 0)
                {
                    throw new PcscException("SCardGetStatusChange", PcscErrors.UnknownReader, $"reader '{reader}' is gone or unavailable");
                }

                var cardPresent = (events & PcscNative.StatePresent) != 0 && (events & PcscNative.StateMute) == 0;
                var status = new PcscReaderStatus(
                    reader,
                    cardPresent,
                    (events & PcscNative.StateInUse) != 0,
                    (events & PcscNative.StateExclusive) != 0,
                    new ReadOnlySpan<byte>(state.Atr, (int)Math.Min(state.AtrLength, (nuint)PcscNative.MaxAtrSize)).ToArray(),
                    (int)((ulong)events >> 16 & 0xFFFF));
                if (present is null || cardPresent == present)
                {
                    return status;
                }

                current = events & ~PcscNative.StateChanged;
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(name);
        }
    }
}
