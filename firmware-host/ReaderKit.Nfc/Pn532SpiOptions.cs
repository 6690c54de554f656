using System.Device.Gpio;
using System.Device.Spi;
using System.Globalization;
using System.Security.Cryptography;

namespace ReaderKit.Nfc;

/// <summary>Tuning of <see cref="Pn532SpiLink"/>.</summary>
/// <param name="PollInterval">First status-poll interval; polling backs off up to <paramref name="MaxPollInterval"/>.</param>
/// <param name="MaxPollInterval">Longest interval between status polls.</param>
/// <param name="ChipSelectSetup">Time CS stays low before the first clock (the PN532 needs a little after wake-up).</param>
public sealed record Pn532SpiOptions(TimeSpan? PollInterval = null, TimeSpan? MaxPollInterval = null, TimeSpan? ChipSelectSetup = null)
{
    internal TimeSpan Poll => PollInterval ?? TimeSpan.FromMilliseconds(0.5);

    internal TimeSpan MaxPoll => MaxPollInterval ?? TimeSpan.FromMilliseconds(2);

    internal TimeSpan CsSetup => ChipSelectSetup ?? TimeSpan.Zero;
}
