using System.Device.I2c;
using System.Globalization;

namespace ReaderKit.Nfc;

/// <summary>Tuning of <see cref="Pn532I2cLink"/>.</summary>
/// <param name="BusFrequencyHz">Bus clock, used only to estimate byte times (100 kHz standard, 400 kHz fast mode).</param>
/// <param name="BusFreeTime">
/// Idle time kept between two transactions from the start (default zero: the I2C specification's tBUF is 4.7 µs at
/// 100 kHz and 1.3 µs at 400 kHz, far less than one user-space ioctl round trip). The link widens the gap by itself when
/// the chip NAKs (see <paramref name="MaxBusFreeTime"/>).
/// </param>
/// <param name="MaxBusFreeTime">
/// Largest gap the link widens to after NAKs / I/O errors (default 5 ms, the value libnfc reads as the datasheet's tBUF).
/// </param>
/// <param name="MinPollInterval">First ready-poll interval; polling backs off from here.</param>
/// <param name="MaxPollInterval">Ready polling backs off up to this interval.</param>
/// <param name="TransferRetries">Attempts per transaction when the bus throws at the widest gap (clock stretching, wake-up NAK).</param>
/// <param name="PredictReadiness">
/// Learn how long the chip takes to answer each kind of exchange (by write and read size) and, next time, read status +
/// frame in one transaction at that moment instead of a status poll and a read.
/// </param>
public sealed record Pn532I2cOptions(
    int BusFrequencyHz = 100_000,
    TimeSpan? BusFreeTime = null,
    TimeSpan? MaxBusFreeTime = null,
    TimeSpan? MinPollInterval = null,
    TimeSpan? MaxPollInterval = null,
    int TransferRetries = 3,
    bool PredictReadiness = true)
{
    internal TimeSpan BusFree => BusFreeTime ?? TimeSpan.Zero;

    internal TimeSpan MaxBusFree => LinkTiming.Max(MaxBusFreeTime ?? TimeSpan.FromMilliseconds(5), BusFree);

    internal TimeSpan MinPoll => MinPollInterval ?? TimeSpan.FromMilliseconds(0.2);

    internal TimeSpan MaxPoll => LinkTiming.Max(MaxPollInterval ?? TimeSpan.FromMilliseconds(1), MinPoll);
}
