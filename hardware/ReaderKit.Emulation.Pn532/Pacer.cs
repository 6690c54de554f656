using System.Diagnostics;

namespace ReaderKit.Emulation.Pn532;

/// <summary>Waits until a point in time with sub-millisecond accuracy: sleeps while far, spins when close.</summary>
internal static class Pacer
{
    private static readonly TimeSpan SpinWindow = TimeSpan.FromMilliseconds(1.5);

    /// <summary>Blocks until <paramref name="duration"/> has passed since <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static void WaitUntil(long startTimestamp, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            TimeSpan left = duration - Stopwatch.GetElapsedTime(startTimestamp);
            if (left <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (left > SpinWindow)
            {
                Thread.Sleep(left - SpinWindow);
            }
            else
            {
                Thread.SpinWait(50);
            }
        }
    }

    /// <summary>Blocks for <paramref name="duration"/> from now.</summary>
    public static void Wait(TimeSpan duration) => WaitUntil(Stopwatch.GetTimestamp(), duration);
}
