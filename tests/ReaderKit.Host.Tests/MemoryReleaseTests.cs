using ReaderKit.Host.Reader;

namespace ReaderKit.Host.Tests;

public sealed class MemoryReleaseTests
{
    [Fact]
    public void Release_trims_the_native_heap_on_glibc_linux()
    {
        // The test machines and the Pi image are Debian (glibc): the trim must reach malloc_trim there, or the host's
        // steady resident size is ≈ 60 MB higher (docs/benchmarks.md, host section).
        Assert.True(OperatingSystem.IsLinux() && File.Exists("/etc/debian_version"), "this test runs on Debian");
        Assert.True(MemoryRelease.Release());
        Assert.True(MemoryRelease.NativeTrimAvailable);
        Assert.True(MemoryRelease.TrimNativeHeap());
    }

    [Fact]
    public void Native_arenas_are_capped_unless_the_operator_set_malloc_arena_max()
    {
        Assert.Equal(Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null, MemoryRelease.LimitNativeArenas());
    }
}
