using System.Diagnostics;
using System.Globalization;
using ReaderKit.Nfc;

namespace ReaderKit.Benchmarks.Pn532;

/// <summary>Keeps the last link events (writes, frames read, cancellations) with timestamps, for a soak failure report.</summary>
internal sealed class TracingLink : IPn532Link
{
    private const int Capacity = 40;
    private readonly Queue<string> _events = new();
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly object _gate = new();
    private IPn532Link? _inner;

    private IPn532Link Inner => _inner ?? throw new InvalidOperationException("Wrap a link first.");

    /// <summary>Starts tracing <paramref name="link"/> (a fresh trace per run).</summary>
    public TracingLink Wrap(IPn532Link link)
    {
        _inner = link;
        return this;
    }

    public string Name => Inner.Name;

    public TimeSpan ByteTime => Inner.ByteTime;

    public async Task WakeUpAsync(CancellationToken cancellationToken)
    {
        Add("wake");
        await Inner.WakeUpAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        Add($"W {Head(frame.Span)}");
        await Inner.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]> ReadFrameAsync(int sizeHint, CancellationToken cancellationToken)
    {
        Add($"read({sizeHint})");
        try
        {
            var frame = await Inner.ReadFrameAsync(sizeHint, cancellationToken).ConfigureAwait(false);
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
        Inner.DiscardInput();
    }

    public void Dispose() => Inner.Dispose();

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
