using System.Diagnostics;
using System.Globalization;
using ReaderKit.Nfc;

namespace ReaderKit.Benchmarks.Pn532;

/// <summary>Keeps the last link events (writes, frames read, cancellations) with timestamps, for a soak failure report.</summary>
internal sealed class TracingLink(IPn532Link inner) : IPn532Link
{
    private const int Capacity = 40;
    private readonly Queue<string> _events = new();
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly object _gate = new();

    public string Name => inner.Name;

    public TimeSpan ByteTime => inner.ByteTime;

    public async Task WakeUpAsync(CancellationToken cancellationToken)
    {
        Add("wake");
        await inner.WakeUpAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        Add($"W {Head(frame.Span)}");
        await inner.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]> ReadFrameAsync(int sizeHint, CancellationToken cancellationToken)
    {
        Add($"read({sizeHint})");
        try
        {
            var frame = await inner.ReadFrameAsync(sizeHint, cancellationToken).ConfigureAwait(false);
            Add($"R {Head(frame)}");
            return frame;
        }
        catch (OperationCanceledException)
        {
            Add("read cancelled");
            throw;
        }
    }

    public void DiscardInput()
    {
        Add("discard input");
        inner.DiscardInput();
    }

    public void Dispose() => inner.Dispose();

    public string Dump()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _events.Select(e => "    " + e));
        }
    }

    private static string Head(ReadOnlySpan<byte> bytes) =>
        bytes.Length <= 12 ? Convert.ToHexString(bytes) : string.Create(CultureInfo.InvariantCulture, $"{Convert.ToHexString(bytes[..12])}… ({bytes.Length} B)");

    private void Add(string what)
    {
        lock (_gate)
        {
            _events.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetElapsedTime(_start).TotalMilliseconds,10:0.0} ms  {what}"));
            if (_events.Count > Capacity)
            {
                _events.Dequeue();
            }
        }
    }
}
