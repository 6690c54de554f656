using System.Device.I2c;
using System.Globalization;

namespace ReaderKit.Nfc;

/// <summary>Tuning of <see cref="Pn532I2cLink"/>.</summary>
/// <param name="BusFrequencyHz">Bus clock, used only to estimate byte times (100 kHz standard, 400 kHz fast mode).</param>
/// <param name="BusFreeTime">Minimum idle time between two transactions (libnfc: 5 ms, datasheet tBUF).</param>
/// <param name="MaxPollInterval">Ready polling backs off up to this interval.</param>
/// <param name="TransferRetries">Attempts per transaction when the bus throws (clock stretching, wake-up NAK).</param>
/// <param name="PredictReadiness">
/// Learn how long the chip takes to answer each kind of exchange (by write and read size) and, next time, read status +
/// frame in one transaction at that moment instead of a status poll, a bus-free gap and a read.
/// </param>
public sealed record Pn532I2cOptions(
    int BusFrequencyHz = 100_000,
    TimeSpan? BusFreeTime = null,
    TimeSpan? MaxPollInterval = null,
    int TransferRetries = 3,
    bool PredictReadiness = true)
{
    internal TimeSpan BusFree => BusFreeTime ?? TimeSpan.FromMilliseconds(5);

    internal TimeSpan MaxPoll => MaxPollInterval ?? TimeSpan.FromMilliseconds(10);
}

/// <summary>
/// PN532 over I2C (address 0x24). Every read transaction starts with the status byte (bit0 = RDY); the link polls
/// with 1-byte reads (backing off), then reads status + frame in one transaction sized by the caller's hint. Once it
/// has seen how long an exchange of a given shape takes, it skips the poll and reads status + frame at that moment
/// (a not-ready read consumes nothing on the PN532, so a miss only costs bus time).
/// Transactions are spaced by the bus-free time; I/O errors (e.g. the Raspberry Pi clock-stretching bug, the NAK
/// while the chip wakes up) are retried.
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
    private readonly Dictionary<(int WriteLength, int ReadLength), (TimeSpan Predicted, TimeSpan NotBefore)> _latency = [];
    private long _lastTransactionEnd;
    private long _lastWriteEnd;
    private int _lastWriteLength;

    public Pn532I2cLink(I2cDevice device, Pn532I2cOptions? options = null, TimeProvider? timeProvider = null, bool ownsDevice = true)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _options = options ?? new Pn532I2cOptions();
        _time = timeProvider ?? TimeProvider.System;
        _ownsDevice = ownsDevice;
        ByteTime = TimeSpan.FromSeconds(9.0 / _options.BusFrequencyHz);
    }

    public string Name => string.Create(CultureInfo.InvariantCulture, $"I2C 0x{_device.ConnectionSettings.DeviceAddress:X2} @ {_options.BusFrequencyHz / 1000} kHz");

    public TimeSpan ByteTime { get; }

    /// <summary>Opens <c>/dev/i2c-<paramref name="busId"/></c> at 0x24 (a real Raspberry Pi: bus 1).</summary>
    public static Pn532I2cLink Open(int busId = 1, Pn532I2cOptions? options = null) =>
        new(I2cDevice.Create(new I2cConnectionSettings(busId, DefaultAddress)), options);

    public async Task WakeUpAsync(CancellationToken cancellationToken)
    {
        // The chip NAKs / stretches SCL while it wakes: a status read that fails is expected here.
        try
        {
            await TransactAsync(d => d.ReadByte(), retries: 1, cancellationToken).ConfigureAwait(false);
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

        // Learned latency: one read transaction that is both the poll and the frame read (saves a bus-free gap).
        if (_options.PredictReadiness && _latency.TryGetValue(key, out var learned))
        {
            await LinkTiming.WaitUntilAsync(_time, _lastWriteEnd + ToTimestamp(learned.Predicted), cancellationToken).ConfigureAwait(false);
            var readAt = _time.GetElapsedTime(_lastWriteEnd);
            var frame = await ReadTransactionAsync(length, cancellationToken).ConfigureAwait(false);
            if (frame is not null)
            {
                // Creep earlier, but not below the last moment it was seen not ready (which itself slowly decays).
                var notBefore = learned.NotBefore - (PredictionStep / 4);
                _latency[key] = (Max(learned.Predicted - PredictionStep, notBefore + (PredictionStep / 2)), notBefore);
                return frame;
            }

            _latency[key] = (readAt + (PredictionStep * 4), readAt);
        }

        var interval = _options.BusFree;
        var lastNotReady = _lastWriteEnd;
        while (true)
        {
            var status = await TransactAsync(d => d.ReadByte(), _options.TransferRetries, cancellationToken).ConfigureAwait(false);
            if ((status & 0x01) != 0)
            {
                break;
            }

            lastNotReady = _lastTransactionEnd;

            await LinkTiming.DelayAsync(_time, interval - _options.BusFree, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 5 / 4, _options.MaxPoll.Ticks));
        }

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

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

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

    private async Task<byte> TransactAsync(Func<I2cDevice, byte> transaction, int retries, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (_lastTransactionEnd != 0)
            {
                await LinkTiming.WaitUntilAsync(_time, _lastTransactionEnd + (long)(_options.BusFree.TotalSeconds * _time.TimestampFrequency), cancellationToken).ConfigureAwait(false);
            }

            try
            {
                return transaction(_device);
            }
            catch (IOException) when (attempt < Math.Max(1, retries))
            {
                // Retried below after the bus-free time.
            }
            catch (IOException ex)
            {
                throw new Pn532LinkException($"I2C transfer failed after {attempt} attempt(s): {ex.Message}", ex);
            }
            finally
            {
                _lastTransactionEnd = _time.GetTimestamp();
            }
        }
    }
}
