using System.Runtime.InteropServices;

namespace ReaderKit.Host.Reader;

/// <summary>
/// Gives the memory a tap used back to the system while the reader waits for the card to leave
/// (<c>Reader:ReleaseMemoryAfterTap</c>). Two parts, because two allocators hold it:
/// <list type="number">
/// <item>the managed heap: one blocking, compacting, aggressive collection (the face step's frames and buffers are
/// garbage once the result is out), then the finalizers of the native wrappers it found dead (image and tensor
/// buffers), so their native memory is freed too;</item>
/// <item>the native heap: glibc keeps freed blocks in its arenas (one per thread that allocated: the inference, image
/// and SQLite code run on pool threads) and returns them only when asked; <c>malloc_trim(0)</c> releases every free
/// page of every arena. Without it the resident size after the first taps stays ≈ 60 MB above what is in use
/// (<c>docs/benchmarks.md</c>, host section).</item>
/// </list>
/// Takes tens of milliseconds, off every tap's path (the result is already out). On a C library without
/// <c>malloc_trim</c> (musl, macOS, Windows) the native part is skipped and <see cref="NativeTrimAvailable"/> says so.
/// </summary>
public static class MemoryRelease
{
    private static int _nativeTrim = OperatingSystem.IsLinux() ? 1 : 0;

    /// <summary>False once <c>malloc_trim</c> was found missing (not glibc), or off Linux.</summary>
    public static bool NativeTrimAvailable => Volatile.Read(ref _nativeTrim) == 1;

    /// <summary>The glibc arena limit <see cref="LimitNativeArenas"/> sets: one arena per core keeps fragmentation growing with every tap.</summary>
    public const int NativeArenas = 2;

    /// <summary>
    /// Caps glibc's malloc arenas at <see cref="NativeArenas"/> (<c>mallopt(M_ARENA_MAX)</c>) when the environment did
    /// not. glibc gives each thread that allocates an arena of its own, up to eight per core; the inference, image and
    /// SQLite code runs on whichever pool thread is free, so every arena ends up holding a scattering of live blocks and the
    /// resident size creeps up tap after tap even with <see cref="TrimNativeHeap"/>. This is the fallback: by the time
    /// managed code runs, the runtime's own threads have already made several arenas (seven were seen), which a late cap
    /// cannot take back. The effective setting is <c>MALLOC_ARENA_MAX=2</c> in the environment, read by glibc at exec —
    /// the systemd unit sets it, and the resident size between taps is ≈ 30 MB lower with it than with this call alone
    /// (<c>docs/benchmarks.md</c>, host section). An operator's <c>MALLOC_ARENA_MAX</c> wins (this leaves it alone).
    /// </summary>
    /// <returns>True when the limit was set here (the environment did not set it).</returns>
    public static bool LimitNativeArenas()
    {
        if (!NativeTrimAvailable || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return false;
        }

        try
        {
            return Glibc.mallopt(Glibc.ArenaMax, NativeArenas) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Volatile.Write(ref _nativeTrim, 0);
            return false;
        }
    }

    /// <summary>Collects and compacts the managed heap, runs the pending finalizers, then trims the native heap.</summary>
    /// <returns>True when the native heap was trimmed too.</returns>
    public static bool Release()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return TrimNativeHeap();
    }

    /// <summary><c>malloc_trim(0)</c>: returns the free pages of every glibc arena to the system.</summary>
    /// <returns>True when glibc was asked (whether or not it had pages to give back).</returns>
    public static bool TrimNativeHeap()
    {
        if (!NativeTrimAvailable)
        {
            return false;
        }

        try
        {
            _ = Glibc.malloc_trim(0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Volatile.Write(ref _nativeTrim, 0);
            return false;
        }
    }

    private static class Glibc
    {
        /// <summary><c>M_ARENA_MAX</c> of glibc's <c>malloc.h</c>.</summary>
        internal const int ArenaMax = -8;

        // Returns 1 on success.
        [DllImport("libc.so.6", EntryPoint = "mallopt", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int mallopt(int param, int value);

        // glibc only (the soname names it): elsewhere the load fails and the trim is switched off.
        [DllImport("libc.so.6", EntryPoint = "malloc_trim", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int malloc_trim(nuint pad);
    }
}
