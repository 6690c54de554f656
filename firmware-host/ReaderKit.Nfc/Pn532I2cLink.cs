using System.Device.I2c;
using System.Globalization;

namespace ReaderKit.Nfc;

/// <summary>
/// PN532 over I2C (address 0x24). Every read transaction starts with the status byte (bit0 = RDY); the link polls
/// with 1-byte reads (backing off), then reads status + frame in one transaction sized by the caller's hint. Once it
/// has seen how long an exchange of a given shape takes, it skips the poll and reads status + frame at that moment
/// (a not-ready read consumes nothing on the PN532, so a miss only costs bus time).
/// Transactions are spaced by the current bus-free gap. An I/O error (an address NAK from a chip that wants more idle
/// time, the Raspberry Pi clock-stretching bug) doubles the gap, from 0.5 ms up to <see cref="Pn532I2cOptions.MaxBusFreeTime"/>,
/// and retries the transaction; the wider gap is kept for the life of the link. Only errors at the widest gap count
/// against <see cref="Pn532I2cOptions.TransferRetries"/>.
/// </summary>
public sealed class Pn532I2cLink : IPn532Link
{
    /// <summary>The PN532's 7-bit I2C address.</summary>
    public const int DefaultAddress = 0x24;

    private readonly I2cDevice _device;
    private readonly Pn532I2cOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _ownsDevice;
    private static readonly TimeSpan PredictionStep = TimeSpan.FromMilliseconds(0.25);
    private static readonly TimeSpan FirstWidening = TimeSpan.FromMilliseconds(0.5);
    private static readonly TimeSpan PollGuard = TimeSpan.FromMilliseconds(1);
    private readonly Dictionary<(int WriteLength, int ReadLength), (TimeSpan Predicted, TimeSpan NotBefore)> _latency = [];
    private readonly Dictionary<(int WriteLength, int ReadLength), TimeSpan> _readyAfter = [];
    private long _lastTransactionEnd;
    private TimeSpan _busFree;
    private long _lastWriteEnd;
    private int _lastWriteLength;

    public Pn532I2cLink(I2cDevice device, Pn532I2cOptions? options = null, TimeProvider? timeProvider = null, bool ownsDevice = true)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _options = options ?? new Pn532I2cOptions();
        _time = timeProvider ?? TimeProvider.System;
        _ownsDevice = ownsDevice;
        _busFree = _options.BusFree;
        ByteTime = TimeSpan.FromSeconds(9.0 / _options.BusFrequencyHz);
    }

    public string Name => string.Create(CultureInfo.InvariantCulture, $"I2C 0x{_device.ConnectionSettings.DeviceAddress:X2} @ {_options.BusFrequencyHz / 1000} kHz");

    public TimeSpan ByteTime { get; }

    /// <summary>The gap currently kept between transactions (widened after NAKs / I/O errors).</summary>
    public TimeSpan CurrentBusFreeTime => _busFree;

    /// <summary>Transactions that threw and were retried (NAKs, clock-stretching errors) over the life of the link.</summary>
    public int RetriedTransactions { get; private set; }

    /// <summary>Opens <c>/dev/i2c-<paramref name="busId"/></c> at 0x24 (a real Raspberry Pi: bus 1).</summary>
    public static Pn532I2cLink Open(int busId = 1, Pn532I2cOptions? options = null) =>
        new(I2cDevice.Create(new I2cConnectionSettings(busId, DefaultAddress)), options);

    public async Task WakeUpAsync(CancellationToken cancellationToken)
    {
        // The chip NAKs / stretches SCL while it wakes: a status read that fails is expected here.
        try
        {
            await TransactAsync(d => d.ReadByte(), retries: 1, cancellationToken, widenOnError: false).ConfigureAwait(false);
        }
        catch (Pn532LinkException)
        {
            // Woken by the address cycle anyway; the first command's own retries take over.
        }

        await LinkTiming.DelayAsync(_time, TimeSpan.FromMilliseconds(2), cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await TransactAsync(d => { d.Write(frame.Span); return 0; }, _options.TransferRetries, cancellationToken).ConfigureAwait(false);
        _lastWriteEnd = _lastTransactionEnd;
        _lastWriteLength = frame.Length;
    }

    public async Task<byte[]> ReadFrameAsync(int sizeHint, CancellationToken cancellationToken)
    {
        var length = 1 + Math.Clamp(sizeHint, 6, Pn532Frame.WireLength(Pn532Frame.MaxLength));
        var key = (_lastWriteLength, length);

        var woken = false;

        // While the chip needs a bus-free gap, every extra transaction costs that gap: at the learned moment, read status +
        // frame in one transaction (a not-ready read consumes nothing, so a miss costs only bus time).
        if (_options.PredictReadiness && _busFree > TimeSpan.Zero && _latency.TryGetValue(key, out var learned))
        {
            await LinkTiming.WaitUntilAsync(_time, _lastWriteEnd + ToTimestamp(learned.Predicted), cancellationToken).ConfigureAwait(false);
            var readAt = _time.GetElapsedTime(_lastWriteEnd);
            var frame = await ReadTransactionAsync(length, cancellationToken).ConfigureAwait(false);
            if (frame is not null)
            {
                // Creep earlier, but not below the last moment it was seen not ready (which itself slowly decays).
                var notBefore = learned.NotBefore - (PredictionStep / 4);
                _latency[key] = (LinkTiming.Max(learned.Predicted - PredictionStep, notBefore + (PredictionStep / 2)), notBefore);
                return frame;
            }

            _latency[key] = (readAt + (PredictionStep * 4), readAt);
        }
        else if (_options.PredictReadiness && _busFree == TimeSpan.Zero && _readyAfter.TryGetValue(key, out var readyAfter))
        {
            woken = true;

            // No gap needed: sleep through most of the known latency, then poll with cheap 1-byte reads. A frame-sized read
            // that misses would waste the frame's whole bus time (6 ms for 273 bytes at 400 kHz).
            await LinkTiming.WaitUntilAsync(_time, _lastWriteEnd + ToTimestamp(readyAfter - PollGuard), cancellationToken).ConfigureAwait(false);
        }

        var interval = _options.MinPoll;
        var lastNotReady = _lastWriteEnd;
        var notReadyPolls = 0;
        while (true)
        {
            var status = await TransactAsync(d => d.ReadByte(), _options.TransferRetries, cancellationToken).ConfigureAwait(false);
            if ((status & 0x01) != 0)
            {
                break;
            }

            lastNotReady = _lastTransactionEnd;
            notReadyPolls++;
            await LinkTiming.WaitUntilAsync(_time, _lastTransactionEnd + ToTimestamp(interval), cancellationToken).ConfigureAwait(false);
            if (!woken || notReadyPolls * _options.MinPoll > PollGuard * 2)
            {
                // Back off, unless we woke just before the known ready time and it is still close.
                interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 5 / 4, _options.MaxPoll.Ticks));
            }
        }

        // Learn when this shape becomes ready. Ready at the first poll after waking means we may have woken late (a
        // timer that overslept): move the wake-up earlier. Otherwise the ready poll is within one interval of the truth.
        _readyAfter[key] = woken && notReadyPolls == 0
            ? LinkTiming.Max(TimeSpan.Zero, _readyAfter[key] - (PollGuard / 2))
            : _time.GetElapsedTime(_lastWriteEnd, _lastTransactionEnd);

        if (!_latency.ContainsKey(key))
        {
            // The chip became ready between the last two polls: start in the middle and adapt.
            _latency[key] = (_time.GetElapsedTime(_lastWriteEnd, _lastTransactionEnd), _time.GetElapsedTime(_lastWriteEnd, lastNotReady));
        }

        // Not ready after all (e.g. the chip was reset between poll and read): nothing was consumed.
        return await ReadTransactionAsync(length, cancellationToken).ConfigureAwait(false) ?? [];
    }

    private async Task<byte[]?> ReadTransactionAsync(int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        await TransactAsync(d => { d.Read(buffer); return 0; }, _options.TransferRetries, cancellationToken).ConfigureAwait(false);
        return (buffer[0] & 0x01) == 0 ? null : buffer[1..];
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    public void DiscardInput()
    {
        // Nothing is buffered host-side on I2C.
    }

    public void Dispose()
    {
        if (_ownsDevice)
        {
            _device.Dispose();
        }
    }

    private async Task<byte> TransactAsync(Func<I2cDevice, byte> transaction, int retries, CancellationToken cancellationToken, bool widenOnError = true)
    {
        for (var attempt = 1; ; )
        {
            if (_lastTransactionEnd != 0 && _busFree > TimeSpan.Zero)
            {
                await LinkTiming.WaitUntilAsync(_time, _lastTransactionEnd + ToTimestamp(_busFree), cancellationToken).ConfigureAwait(false);
            }

            try
            {
                return transaction(_device);
            }
            catch (IOException ex)
            {
                if (widenOnError && _busFree < _options.MaxBusFree)
                {
                    // The chip (or the bus) wants more idle time: widen the gap and retry without spending an attempt.
                    _busFree = _busFree < FirstWidening ? FirstWidening : TimeSpan.FromTicks(Math.Min(_busFree.Ticks * 2, _options.MaxBusFree.Ticks));
                }
                else if (attempt++ >= Math.Max(1, retries))
                {
                    throw new Pn532LinkException($"I2C transfer failed after {attempt - 1} attempt(s) at a {_busFree.TotalMilliseconds:0.#} ms bus-free gap: {ex.Message}", ex);
                }

                RetriedTransactions++;
            }
            finally
            {
                _lastTransactionEnd = _time.GetTimestamp();
            }
        }
    }
}
