namespace ReaderKit.Rpc;

/// <summary>A token bucket per connection, plus a count of refusals in the current second (to close a flooding connection).</summary>
internal sealed class RequestRateLimiter
{
    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly double _burst;
    private double _tokens;
    private long _last;
    private long _windowStart;
    private int _refusedInWindow;

    public RequestRateLimiter(TimeProvider time, int requestsPerSecond, int burst)
    {
        _time = time;
        _rate = requestsPerSecond;
        _burst = Math.Max(1, burst);
        _tokens = _burst;
        _last = _windowStart = time.GetTimestamp();
    }

    /// <summary>Refusals within the current one-second window.</summary>
    public int RefusedInWindow => _refusedInWindow;

    /// <summary>Takes a token; false when the bucket is empty.</summary>
    public bool TryTake()
    {
        if (_rate <= 0)
        {
            return true;
        }

        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_last, now).TotalSeconds;
        _last = now;
        _tokens = Math.Min(_burst, _tokens + (elapsed * _rate));
        if (_time.GetElapsedTime(_windowStart, now) >= TimeSpan.FromSeconds(1))
        {
            _windowStart = now;
            _refusedInWindow = 0;
        }

        if (_tokens >= 1)
        {
            _tokens -= 1;
            return true;
        }

        _refusedInWindow++;
        return false;
    }
}
