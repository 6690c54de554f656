namespace ReaderKit.Nfc;

/// <summary>Small precise waits: Task.Delay for the bulk, yielding for the last millisecond.</summary>
internal static class LinkTiming
{
    private static readonly TimeSpan Coarse = TimeSpan.FromMilliseconds(1.5);

    public static async Task WaitUntilAsync(TimeProvider time, long timestamp, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = time.GetElapsedTime(time.GetTimestamp(), timestamp);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            if (remaining > Coarse)
            {
                await Task.Delay(remaining - TimeSpan.FromMilliseconds(1), time, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Task.Yield();
            }
        }
    }

    public static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken) =>
        WaitUntilAsync(time, time.GetTimestamp() + (long)(delay.TotalSeconds * time.TimestampFrequency), cancellationToken);

    /// <summary>The longer of two spans.</summary>
    public static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Flips the bit order of every byte (MSB-first bus, LSB-first chip).</summary>
    public static void ReverseBits(Span<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            b = (byte)(((b & 0xF0) >> 4) | ((b & 0x0F) << 4));
            b = (byte)(((b & 0xCC) >> 2) | ((b & 0x33) << 2));
            data[i] = (byte)(((b & 0xAA) >> 1) | ((b & 0x55) << 1));
        }
    }
}
