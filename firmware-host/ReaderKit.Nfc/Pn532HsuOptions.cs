using System.Globalization;
using System.IO.Ports;

namespace ReaderKit.Nfc;

/// <summary>Tuning of <see cref="Pn532HsuLink"/>.</summary>
/// <param name="InterByteTimeout">Once a frame has started, a gap longer than this ends it (dropped bytes): the partial frame is handed up and NACKed.</param>
/// <param name="WakeUpZeros">Zero bytes sent after <c>55 55</c> to wake the chip (libnfc: 14, dotnet: 25).</param>
public sealed record Pn532HsuOptions(TimeSpan? InterByteTimeout = null, int WakeUpZeros = 24)
{
    internal TimeSpan InterByte => InterByteTimeout ?? TimeSpan.FromMilliseconds(60);
}
