using System.Globalization;
using System.IO.Ports;

namespace ReaderKit.Nfc;

/// <summary>
/// PN532 over its high-speed UART (115200 8N1 by default). Reads are assembled in a loop until a whole frame has
/// arrived; noise before a start code and headers with a bad LCS are skipped (resync); a frame that stalls half-way is
/// handed up as it is so the chip layer can NACK it.
/// </summary>
public sealed class Pn532HsuLink : IPn532Link
{
    private readonly SerialPort _port;
    private readonly Pn532HsuOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _ownsPort;
    private readonly byte[] _chunk = new byte[512];
    private byte[] _pending = [];

    /// <param name="port">An already opened port (115200 8N1 for a factory-fresh PN532).</param>
    /// <param name="options">Timing options.</param>
    /// <param name="timeProvider">Clock.</param>
    /// <param name="ownsPort">Close and dispose the port with the link.</param>
    public Pn532HsuLink(SerialPort port, Pn532HsuOptions? options = null, TimeProvider? timeProvider = null, bool ownsPort = true)
    {
        ArgumentNullException.ThrowIfNull(port);
        if (!port.IsOpen)
        {
            throw new ArgumentException("Pass an opened SerialPort (links never open hardware).", nameof(port));
        }

        _port = port;
        _options = options ?? new Pn532HsuOptions();
        _time = timeProvider ?? TimeProvider.System;
        _ownsPort = ownsPort;
        ByteTime = TimeSpan.FromSeconds(10.0 / Math.Max(1, port.BaudRate));
    }

    public string Name => string.Create(CultureInfo.InvariantCulture, $"HSU {_port.PortName} @ {_port.BaudRate}");

    public TimeSpan ByteTime { get; }

    /// <summary>Opens <paramref name="portName"/> (e.g. /dev/ttyS0 or /dev/serial0) at 115200 8N1.</summary>
    public static Pn532HsuLink Open(string portName, int baudRate = 115200, Pn532HsuOptions? options = null)
    {
        var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None, ReadTimeout = 1000, WriteTimeout = 1000 };
        port.Open();
        return new Pn532HsuLink(port, options);
    }

    public async Task WakeUpAsync(CancellationToken cancellationToken)
    {
        var wake = new byte[2 + _options.WakeUpZeros];
        wake[0] = 0x55;
        wake[1] = 0x55;
        await WriteAsync(wake, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        try
        {
            await _port.BaseStream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException)
        {
            throw new Pn532LinkException($"Serial write failed: {ex.Message}", ex);
        }
    }

    public async Task<byte[]> ReadFrameAsync(int sizeHint, CancellationToken cancellationToken)
    {
        var junk = new List<byte>();
        while (true)
        {
            var probe = Pn532Frame.Parse(_pending);
            if (probe.Status is Pn532ParseStatus.Complete or Pn532ParseStatus.BadDataChecksum)
            {
                return Take(probe.Start, probe.End);
            }

            if (probe.Status is Pn532ParseStatus.NoStartCode or Pn532ParseStatus.BadLengthChecksum && probe.End > 0)
            {
                // Resync: drop noise (or a start code whose LEN/LCS is broken) and look again.
                junk.AddRange(_pending.AsSpan(0, probe.End));
                _pending = _pending[probe.End..];
                continue;
            }

            if (probe.Status is Pn532ParseStatus.Incomplete || junk.Exists(b => b != 0))
            {
                // Something started: the rest must follow promptly, otherwise bytes were lost. Hand up what came
                // (a partial frame, or a frame whose header was hit) so the chip layer can ask for a resend.
                var missing = probe.Status is Pn532ParseStatus.Incomplete ? Math.Max(0, probe.Needed - _pending.Length) : 0;
                using var timer = new CancellationTokenSource(_options.InterByte + (ByteTime * missing), _time);
                using var gap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
                try
                {
                    await ReadMoreAsync(gap.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    byte[] partial = [.. junk, .. _pending];
                    _pending = [];
                    return partial;
                }
            }
            else
            {
                await ReadMoreAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void DiscardInput()
    {
        _pending = [];
        try
        {
            _port.DiscardInBuffer();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // Best effort: stale bytes are also skipped by resync.
        }
    }

    public void Dispose()
    {
        if (_ownsPort)
        {
            _port.Dispose();
        }
    }

    private byte[] Take(int start, int end)
    {
        var frame = _pending[start..end];
        _pending = _pending[end..];
        return frame;
    }

    private async Task ReadMoreAsync(CancellationToken cancellationToken)
    {
        int n;
        try
        {
            n = await _port.BaseStream.ReadAsync(_chunk, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            throw new Pn532LinkException($"Serial read failed: {ex.Message}", ex);
        }
        catch (TimeoutException)
        {
            return;
        }

        if (n > 0)
        {
            _pending = [.. _pending, .. _chunk.AsSpan(0, n)];
        }
    }
}
