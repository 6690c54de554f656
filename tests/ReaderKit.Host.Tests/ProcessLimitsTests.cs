using ReaderKit.Host.Configuration;
using ReaderKit.Host.Reader;

namespace ReaderKit.Host.Tests;

public sealed class ProcessLimitsTests
{
    [Theory]
    [InlineData(0, 1, 8)]
    [InlineData(0, 2, 8)]
    [InlineData(0, 4, 16)]
    [InlineData(0, 8, 32)]
    [InlineData(12, 2, 12)]
    public void Worker_limit_is_four_per_processor_at_least_eight_unless_configured(int configured, int processors, int expected) =>
        Assert.Equal(expected, ProcessLimits.WorkerThreadsFor(configured, processors));

    [Fact]
    public void The_pool_takes_the_limit()
    {
        ThreadPool.GetMaxThreads(out var workers, out var io);
        try
        {
            Assert.Equal(700, ProcessLimits.LimitWorkerThreads(700));
            ThreadPool.GetMaxThreads(out var now, out var ioNow);
            Assert.Equal((700, io), (now, ioNow));
        }
        finally
        {
            ThreadPool.SetMaxThreads(workers, io);
        }
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(4, true)]
    [InlineData(1024, true)]
    [InlineData(3, false)]
    [InlineData(2000, false)]
    [InlineData(-1, false)]
    public void Max_worker_threads_is_zero_or_4_to_1024(int value, bool valid)
    {
        var options = new ReaderOptions { DeviceId = "r1", MaxWorkerThreads = value };
        var result = new ReaderOptionsValidator().Validate(null, options);
        Assert.Equal(valid, !result.Failed || !result.FailureMessage.Contains("MaxWorkerThreads", StringComparison.Ordinal));
    }
}
