using System.Diagnostics;

namespace ReaderKit.Emulation.Pn532;

/// <summary>
/// Makes paced transfers take their modelled wall-clock time: sleeps while the deadline is far, spins when close.
/// A loaded machine oversleeps; the overshoot is kept as a debt and taken off the next waits (never more than
/// <see cref="MaxDebt"/>), so a long transfer matches the model on average instead of drifting late. Only the pacer's
/// own lateness is compensated: time the host spends between transfers is not. One instance per byte stream.
/// </summary>
internal sealed class Pacer
{
    private static readonly TimeSpan SpinWindow = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan MaxDebt = TimeSpan.FromMilliseconds(200);
    private readonly object _gate = new();
    private TimeSpan _debt;

    /// <summary>Blocks until <paramref name="duration"/> (less any debt) has passed since <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void WaitUntil(long startTimestamp, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        TimeSpan target = duration - TakeCredit(duration);
        SleepUntil(startTimestamp, target, cancellationToken);
        AddOvershoot(Stopwatch.GetElapsedTime(startTimestamp) - target);
    }

    /// <summary>Takes up to <paramref name="upTo"/> of the debt (time the caller may skip).</summary>
    public TimeSpan TakeCredit(TimeSpan upTo)
    {
        lock (_gate)
        {
            TimeSpan credit = _debt < upTo ? _debt : upTo;
            _debt -= credit;
            return credit;
        }
    }

    /// <summary>Records lateness to be made up by later waits.</summary>
    public void AddOvershoot(TimeSpan over)
    {
        if (over <= TimeSpan.Zero)
        {
            return;
        }

        lock (_gate)
        {
            _debt += over;
            if (_debt > MaxDebt)
            {
                _debt = MaxDebt;
            }
        }
    }

    /// <summary>Blocks until <paramref name="target"/> has passed since <paramref name="startTimestamp"/> (no debt).</summary>
    public static void SleepUntil(long startTimestamp, TimeSpan target, CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan left = target - Stopwatch.GetElapsedTime(startTimestamp);
            if (left <= TimeSpan.Zero)
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

    /// <summary>Blocks for <paramref name="duration"/> from now (less any debt).</summary>
    public void Wait(TimeSpan duration, CancellationToken cancellationToken = default) =>
        WaitUntil(Stopwatch.GetTimestamp(), duration, cancellationToken);
}
