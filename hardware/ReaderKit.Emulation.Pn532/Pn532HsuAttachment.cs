using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ReaderKit.Emulation.Pn532;

/// <summary>
/// The emulated PN532 on HSU (UART) behind a Linux pseudo-terminal. The emulator owns the master side; any PN532
/// client opens <see cref="SlavePath"/> (e.g. /dev/pts/5) as a serial port. With pacing on, host bytes reach the chip
/// and chip bytes reach the host at <see cref="BaudRate"/> (10 bits per byte); with pacing off they move at once.
/// Dispose to close the pty.
/// </summary>
public sealed unsafe class Pn532HsuAttachment : IDisposable
{
    private readonly Pn532Emulator _chip;
    private readonly int _master;
    private readonly int _slave;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _txGate = new();
    private readonly Pacer _rxPacer = new();
    private readonly Pacer _txPacer = new();
    private readonly Thread _reader;
    private readonly Thread _writer;
    private int _lastChipBaud;
    private long _rxLineFreeAt;
    private bool _disposed;

    /// <summary>
    /// Opens a new pty and starts serving <paramref name="chip"/> on it; <paramref name="baud"/> (pacing rate) defaults
    /// to the chip's UART timing rate, else 115200.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux.</exception>
    /// <exception cref="IOException">The pty could not be created.</exception>
    public Pn532HsuAttachment(Pn532Emulator chip, int? baud = null)
    {
        ArgumentNullException.ThrowIfNull(chip);
        int rate = baud ?? (chip.Timing.Link == Pn532Link.Uart ? chip.Timing.LinkClockHz : 115_200);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The HSU attachment needs a Linux pseudo-terminal.");
        }

        _chip = chip;
        BaudRate = rate;
        _lastChipBaud = chip.SerialBaudRate;
        _master = PtyNative.PosixOpenPt(PtyNative.ORdWr | PtyNative.ONoCtty);
        if (_master < 0)
        {
            throw new IOException($"posix_openpt failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (PtyNative.GrantPt(_master) != 0 || PtyNative.UnlockPt(_master) != 0)
            {
                throw new IOException($"grantpt/unlockpt failed (errno {Marshal.GetLastPInvokeError()}).");
            }

            SlavePath = PtyNative.PtsName(_master);

            // Keep one slave descriptor open: the master then never sees EIO/hang-up between client sessions.
            _slave = PtyNative.Open(SlavePath, PtyNative.ORdWr | PtyNative.ONoCtty);
            if (_slave < 0)
            {
                throw new IOException($"open {SlavePath} failed (errno {Marshal.GetLastPInvokeError()}).");
            }

            PtyNative.MakeRaw(_slave);
        }
        catch
        {
            PtyNative.Close(_master);
            throw;
        }

        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "pn532-hsu-rx" };
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "pn532-hsu-tx" };
        _reader.Start();
        _writer.Start();
    }

    /// <summary>The path a client opens, e.g. /dev/pts/5.</summary>
    public string SlavePath { get; }

    /// <summary>Line rate used for pacing; follows the chip after SetSerialBaudRate.</summary>
    public int BaudRate { get; private set; }

    /// <summary>Bytes received from the host.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Bytes sent to the host.</summary>
    public long BytesSent { get; private set; }

    private TimeSpan ByteTime
    {
        get
        {
            int chipBaud = _chip.SerialBaudRate;
            if (chipBaud != _lastChipBaud)
            {
                _lastChipBaud = chipBaud;
                BaudRate = chipBaud;
            }

            return TimeSpan.FromTicks((long)Math.Round(10.0 / BaudRate * TimeSpan.TicksPerSecond));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stop.Cancel();
        _reader.Join(TimeSpan.FromSeconds(2));
        _writer.Join(TimeSpan.FromSeconds(2));
        PtyNative.Close(_slave);
        PtyNative.Close(_master);
        _stop.Dispose();
    }

    private void ReadLoop()
    {
        var buffer = new byte[4096];
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            var pfd = new PtyNative.PollFd { Fd = _master, Events = PtyNative.PollIn };
            int ready = PtyNative.Poll(&pfd, 1, 50);
            if (ready <= 0 || (pfd.Revents & PtyNative.PollIn) == 0)
            {
                if (ready > 0)
                {
                    Thread.Sleep(10); // hang-up or error without data: back off
                }

                continue;
            }

            nint n;
            fixed (byte* p = buffer)
            {
                n = PtyNative.Read(_master, p, (nuint)buffer.Length);
            }

            if (n <= 0)
            {
                Thread.Sleep(10);
                continue;
            }

            BytesReceived += n;
            if (_chip.Timing.Pacing)
            {
                // The chip has the bytes only once they crossed the UART.
                long now = Stopwatch.GetTimestamp();
                long start = Math.Max(now, _rxLineFreeAt);
                TimeSpan duration = ByteTime * (int)n;
                _rxPacer.WaitUntil(start, duration, token);
                _rxLineFreeAt = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            }

            _chip.Receive(buffer.AsSpan(0, (int)n), Pn532Interface.Hsu, endOfTransaction: false);
            if (!_chip.Timing.Pacing)
            {
                // Unpaced: answer from this thread at once (no hand-over to the writer thread).
                SendReadyFrames();
            }
        }
    }

    private void WriteLoop()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            TimeSpan? wait = _chip.WaitForFrame(TimeSpan.FromMilliseconds(50));
            if (wait is null)
            {
                continue;
            }

            if (wait.Value > TimeSpan.Zero)
            {
                Pacer.SleepUntil(Stopwatch.GetTimestamp(), wait.Value > TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : wait.Value, token);
                continue;
            }

            if (!_chip.Timing.Pacing)
            {
                SendReadyFrames();
                continue;
            }

            lock (_txGate)
            {
                if (_chip.TryTakeFrame() is { } frame)
                {
                    WritePaced(frame, token);
                }
            }
        }
    }

    /// <summary>Unpaced: everything that is ready (ACK + response) leaves in one write, with no gap between frames.</summary>
    private void SendReadyFrames()
    {
        lock (_txGate)
        {
            var batch = new List<byte>();
            while (_chip.TryTakeFrame() is { } next)
            {
                batch.AddRange(next);
            }

            if (batch.Count > 0)
            {
                WriteAll(batch.ToArray());
            }
        }
    }

    private void WritePaced(byte[] frame, CancellationToken token)
    {
        TimeSpan byteTime = ByteTime;
        TimeSpan frameTime = byteTime * frame.Length;

        // Earlier lateness of this pacer is made up by starting the frame's clock that much earlier.
        TimeSpan credit = _txPacer.TakeCredit(frameTime);
        long start = Stopwatch.GetTimestamp() - (long)(credit.TotalSeconds * Stopwatch.Frequency);
        int sent = 0;
        while (sent < frame.Length && !token.IsCancellationRequested)
        {
            // Byte k has fully arrived at the host (k + 1) byte times after the start.
            Pacer.SleepUntil(start, byteTime * (sent + 1), token);
            int due = Math.Min(frame.Length, (int)(Stopwatch.GetElapsedTime(start) / byteTime));
            due = Math.Max(due, sent + 1);
            WriteAll(frame.AsSpan(sent, due - sent));
            sent = due;
        }

        _txPacer.AddOvershoot(Stopwatch.GetElapsedTime(start) - frameTime);
    }

    private void WriteAll(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
        {
            int offset = 0;
            while (offset < bytes.Length)
            {
                nint n = PtyNative.Write(_master, p + offset, (nuint)(bytes.Length - offset));
                if (n <= 0)
                {
                    if (_stop.IsCancellationRequested)
                    {
                        return;
                    }

                    Thread.Sleep(1);
                    continue;
                }

                offset += (int)n;
                BytesSent += n;
            }
        }
    }
}
